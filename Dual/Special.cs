using System.Numerics;

namespace DualAutodiff;

/// <summary>Special functions, generic and differentiable in every mode and nesting: error functions, the normal
/// distribution, gamma and its logarithmic derivatives, the logistic family, xlogy and log-sum-exp.</summary>
/// <remarks>
/// <para>Each is a custom rule (<see cref="IScalarRule"/>, <see cref="IBinaryRule"/>, <see cref="ISpanRule"/>) applied
/// through <see cref="Rule"/>, the mechanism users have: the value at <see cref="double"/> comes from the library's own
/// implementations (a few ulps over the whole domain, tails included; <see cref="float"/> rounds the double value),
/// and each derivative is written once, generically, so every order is exact (the derivative of
/// <see cref="LogGamma{T}"/> is <see cref="Digamma{T}"/>, whose derivative is <see cref="Trigamma{T}"/>, whose
/// derivative is the polygamma function ψ⁽²⁾, and so on).</para>
/// <para>Conventions at edges: poles give ±∞ or NaN as documented per function; a derivative that is infinite at a
/// domain edge (erf⁻¹ at ±1, logit at 0 and 1) is +∞, and a zero tangent or adjoint still propagates 0.</para>
/// </remarks>
public static partial class Special
{
    /// <summary>erf x = (2/√π)∫₀ˣ e^(−t²) dt: derivative (2/√π)·e^(−x²).</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>erf x.</returns>
    public static T Erf<T>(T x)
        where T : IFloatingPointIeee754<T> => Rule.Apply<ErfRule, T>(x);

    /// <summary>erfc x = 1 − erf x, accurate in the tail (erfc 10 ≈ 2.09e−45): derivative −(2/√π)·e^(−x²).</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>erfc x.</returns>
    public static T Erfc<T>(T x)
        where T : IFloatingPointIeee754<T> => Rule.Apply<ErfcRule, T>(x);

    /// <summary>erf⁻¹ x on [−1, 1]: derivative (√π/2)·e^(erf⁻¹(x)²).</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>y with erf y = x; ±∞ at ±1, NaN outside [−1, 1].</returns>
    public static T ErfInv<T>(T x)
        where T : IFloatingPointIeee754<T> => Rule.Apply<ErfInvRule, T>(x);

    /// <summary>Φ(x), the standard normal distribution function, accurate in the lower tail (Φ(−8) ≈ 6.22e−16):
    /// derivative φ(x) = e^(−x²/2)/√(2π).</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>Φ(x).</returns>
    public static T NormalCdf<T>(T x)
        where T : IFloatingPointIeee754<T> => Rule.Apply<NormalCdfRule, T>(x);

    /// <summary>Φ⁻¹(p), the standard normal quantile: derivative 1/φ(Φ⁻¹(p)) = √(2π)·e^(Φ⁻¹(p)²/2).</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="p">The probability.</param>
    /// <returns>x with Φ(x) = p; −∞ at 0, +∞ at 1, NaN outside [0, 1].</returns>
    public static T InverseNormalCdf<T>(T p)
        where T : IFloatingPointIeee754<T> => Rule.Apply<InverseNormalCdfRule, T>(p);

    /// <summary>ln|Γ(x)|: derivative ψ(x) (<see cref="Digamma{T}"/>).</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>ln|Γ(x)|; +∞ at the poles 0, −1, −2, ….</returns>
    public static T LogGamma<T>(T x)
        where T : IFloatingPointIeee754<T> => Rule.Apply<LogGammaRule, T>(x);

    /// <summary>Γ(x): derivative Γ(x)·ψ(x).</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>Γ(x); +∞ beyond about 171.6, ±∞ at ±0, NaN at the negative integers.</returns>
    public static T Gamma<T>(T x)
        where T : IFloatingPointIeee754<T> => Rule.Apply<GammaRule, T>(x);

    /// <summary>ψ(x) = Γ′(x)/Γ(x): derivative ψ′(x) (<see cref="Trigamma{T}"/>).</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>ψ(x); NaN at the poles 0, −1, −2, ….</returns>
    public static T Digamma<T>(T x)
        where T : IFloatingPointIeee754<T> => Rule.Apply<DigammaRule, T>(x);

    /// <summary>ψ′(x): derivative ψ⁽²⁾(x), and so on for every order.</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>ψ′(x); +∞ at the poles 0, −1, −2, ….</returns>
    public static T Trigamma<T>(T x)
        where T : IFloatingPointIeee754<T> => Rule.Apply<TrigammaRule, T>(x);

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b &gt; 0, accurate when one argument is large:
    /// ∂/∂a = ψ(a) − ψ(a + b), ∂/∂b = ψ(b) − ψ(a + b).</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="a">The first argument.</param>
    /// <param name="b">The second argument.</param>
    /// <returns>ln B(a, b).</returns>
    public static T LogBeta<T>(T a, T b)
        where T : IFloatingPointIeee754<T> => Rule.Apply<LogBetaRule, T>(a, b);

    /// <summary>σ(x) = 1/(1 + e⁻ˣ), accurate for both signs: derivative σ(x)·σ(−x).</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>σ(x).</returns>
    public static T Sigmoid<T>(T x)
        where T : IFloatingPointIeee754<T> => Rule.Apply<SigmoidRule, T>(x);

    /// <summary>logit p = ln(p/(1 − p)), the inverse of <see cref="Sigmoid{T}"/>: derivative 1/(p(1 − p)).</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="p">The probability.</param>
    /// <returns>logit p; −∞ at 0, +∞ at 1, NaN outside [0, 1].</returns>
    public static T Logit<T>(T p)
        where T : IFloatingPointIeee754<T> => Rule.Apply<LogitRule, T>(p);

    /// <summary>softplus x = ln(1 + eˣ), overflow-safe (softplus 1000 = 1000): derivative σ(x).</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>ln(1 + eˣ).</returns>
    public static T Softplus<T>(T x)
        where T : IFloatingPointIeee754<T> => Rule.Apply<SoftplusRule, T>(x);

    /// <summary>x·ln y, and 0 at x = 0 (whatever y, unless NaN): ∂/∂x = ln y, ∂/∂y = x/y.</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="x">The factor.</param>
    /// <param name="y">The argument of the logarithm.</param>
    /// <returns>x·ln y.</returns>
    /// <remarks>At x = 0 the value is 0 and ∂/∂x is still ln y (−∞ at y = 0, the honest slope); ∂/∂y is 0 at the
    /// point x = y = 0, where x/y would be 0/0, as the function is 0 along x = 0.</remarks>
    public static T Xlogy<T>(T x, T y)
        where T : IFloatingPointIeee754<T> => Rule.Apply<XlogyRule, T>(x, y);

    /// <summary>ln Σ e^(xᵢ), overflow-safe: gradient softmax(x). One record on a tape whatever the length.</summary>
    /// <typeparam name="T">Any supported scalar.</typeparam>
    /// <param name="x">The arguments (constants and variables may be mixed).</param>
    /// <returns>ln Σ e^(xᵢ); −∞ for an empty span or all −∞; +∞ if any xᵢ is +∞; NaN if any is NaN.</returns>
    /// <remarks>Where the value is +∞ the gradient shares 1 among the +∞ entries; where all entries are −∞, among all
    /// of them (the limits of softmax along equal arguments).</remarks>
    public static T LogSumExp<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => Rule.Apply<LogSumExpRule, T>(x);
}
