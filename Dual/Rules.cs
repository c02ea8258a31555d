using System.Numerics;

namespace DualAutodiff;

/// <summary>
/// The derivative rule table: for every elementary function, its value and its local partial derivatives,
/// written once, generically over <typeparamref name="T"/>.
/// </summary>
/// <typeparam name="T">The scalar type; itself any supported scalar, so nesting reuses the same rules.</typeparam>
/// <remarks>
/// <para>
/// Forward mode (<see cref="Dual{T}"/>) multiplies each partial by the operand's tangent; reverse mode
/// (<c>Var&lt;T&gt;</c>) stores the partials on the tape and multiplies them by the adjoint. Because the
/// partials are computed in <typeparamref name="T"/>, a nested <typeparamref name="T"/> (a <see cref="Dual{T}"/>
/// or a <c>Var&lt;T&gt;</c>) differentiates the partials themselves, which is where second derivatives come from.
/// Adding a function is one line here plus one test line: the members of <see cref="Dual{T}"/> and <c>Var&lt;T&gt;</c>
/// that .NET's generic-math interfaces demand are generated from this table (Generators/), one per rule marked
/// <see cref="ForwarderAttribute"/> with the interface that declares it.
/// </para>
/// <para>
/// Conventions at kinks and domain edges are decided here, once, for every mode:
/// a kink is differentiated as the branch that computes the value (abs at 0 is the branch <c>x</c>, so its
/// derivative is +1 and abs(t)² has second derivative 2 at 0); min and max at a tie take the first argument;
/// functions with an infinite slope at a domain edge (sqrt, cbrt, log at 0, asin at ±1) report that
/// infinite partial, and <see cref="Propagation.Scale{T}"/> turns 0·∞ into 0 so a zero tangent or adjoint
/// never creates NaN; where a limit exists and the formula gives 0·∞ or 0/0 (pow at a zero base, hypot at
/// the origin) the rule returns the limit or 0.
/// </para>
/// </remarks>
public static class Rules<T>
    where T : IFloatingPointIeee754<T>
{
    private static readonly T s_two = T.One + T.One;
    private static readonly T s_three = s_two + T.One;
    private static readonly T s_ln2 = T.Log(s_two);
    private static readonly T s_ln10 = T.Log(T.CreateChecked(10));

    //
    // Arithmetic
    //

    // The linear operations (x ± y, −x, x ± 1) have the constant partials ±1 and no rule here: Dual<T> adds and
    // subtracts tangents, Var<T> records the partials ±1, as ForwardDiff's dual.jl does; a tuple rule for them
    // measured 10–15 % slower forward-over-reverse by using up the JIT's inlining budget in the user's loop.

    /// <summary>x · y: ∂/∂x = y, ∂/∂y = x.</summary>
    [NotForwarded("operator * in Dual.Arithmetic.cs and Var.Arithmetic.cs")]
    public static (T Value, T Dx, T Dy) Multiply(T x, T y) => (x * y, y, x);

    /// <summary>x / y: ∂/∂x = 1/y, ∂/∂y = −(x/y)/y.</summary>
    /// <remarks>The value is computed as <c>x / y</c>, never <c>x · (1/y)</c>, so it equals the plain
    /// <typeparamref name="T"/> result bit for bit.</remarks>
    [NotForwarded("operator / in Dual.Arithmetic.cs and Var.Arithmetic.cs")]
    public static (T Value, T Dx, T Dy) Divide(T x, T y)
    {
        T q = x / y;
        return (q, T.One / y, -q / y);
    }

    /// <summary>x % y = x − y·trunc(x/y): ∂/∂x = 1, ∂/∂y = −trunc(x/y).</summary>
    /// <remarks>The quotient is recovered from the exact remainder, since trunc(x/y) of the rounded x/y can
    /// differ by one.</remarks>
    [NotForwarded("operator % in Dual.Arithmetic.cs and Var.Arithmetic.cs")]
    public static (T Value, T Dx, T Dy) Remainder(T x, T y)
    {
        T r = x % y;
        return (r, T.One, -T.Round((x - r) / y));
    }

    /// <summary>IEEE remainder x − y·n with n = x/y rounded to even: ∂/∂x = 1, ∂/∂y = −n.</summary>
    [Forwarder(typeof(IFloatingPointIeee754<>))]
    public static (T Value, T Dx, T Dy) Ieee754Remainder(T x, T y)
    {
        T r = T.Ieee754Remainder(x, y);
        return (r, T.One, -T.Round((x - r) / y));
    }

    /// <summary>a·b + c with one rounding: ∂/∂a = b, ∂/∂b = a, ∂/∂c = 1.</summary>
    [Forwarder(typeof(IFloatingPointIeee754<>), InLine = true)]
    public static (T Value, T Da, T Db, T Dc) FusedMultiplyAdd(T a, T b, T c) => (T.FusedMultiplyAdd(a, b, c), b, a, T.One);

    /// <summary>a·b + c, fused where the hardware can: ∂/∂a = b, ∂/∂b = a, ∂/∂c = 1.</summary>
    [Forwarder(
        typeof(INumberBase<>),
        Remarks = """The value is <typeparamref name="T"/>'s own estimate, fused where its hardware fuses.""", InLine = true)]
    public static (T Value, T Da, T Db, T Dc) MultiplyAddEstimate(T a, T b, T c) => (T.MultiplyAddEstimate(a, b, c), b, a, T.One);

    /// <summary>a + (b − a)·t: ∂/∂a = 1 − t, ∂/∂b = t, ∂/∂t = b − a.</summary>
    [Forwarder(
        typeof(IFloatingPointIeee754<>),
        Remarks = """The value is <typeparamref name="T"/>'s own Lerp, bit for bit.""", InLine = true)]
    public static (T Value, T Da, T Db, T Dt) Lerp(T a, T b, T t) => (T.Lerp(a, b, t), T.One - t, t, b - a);

    /// <summary>x·2ⁿ: ∂/∂x = 2ⁿ.</summary>
    [Forwarder(typeof(IFloatingPointIeee754<>))]
    public static (T Value, T Derivative) ScaleB(T x, int n) => (T.ScaleB(x, n), T.ScaleB(T.One, n));

    /// <summary>The next representable value up; treated as the identity: derivative 1.</summary>
    [Forwarder(typeof(IFloatingPointIeee754<>), InLine = true)]
    public static (T Value, T Derivative) BitIncrement(T x) => (T.BitIncrement(x), T.One);

    /// <summary>The next representable value down; treated as the identity: derivative 1.</summary>
    [Forwarder(typeof(IFloatingPointIeee754<>), InLine = true)]
    public static (T Value, T Derivative) BitDecrement(T x) => (T.BitDecrement(x), T.One);

    //
    // Kinks and selections
    //

    /// <summary>|x|: derivative −1 for x &lt; 0, else +1.</summary>
    /// <remarks>Differentiated as the branch <c>x &lt; 0 ? −x : x</c>, so at 0 (and −0) the derivative is +1 and
    /// every higher derivative is that of the branch taken: abs(t)² has second derivative 2 at 0.</remarks>
    [Forwarder(
        typeof(INumberBase<>),
        Remarks = """Differentiated as the branch <c>x &lt; 0 ? −x : x</c>: at 0 the derivative is +1.""", InLine = true)]
    public static (T Value, T Derivative) Abs(T x) => (T.Abs(x), x < T.Zero ? -T.One : T.One);

    /// <summary>CopySign(x, s): ∂/∂x = ±1 (−1 when the sign changes), ∂/∂s = 0.</summary>
    [NotForwarded("INumber.CopySign in Dual.NumberBase.cs and Var.NumberBase.cs: two operands, one partial (∂/∂s = 0)")]
    public static (T Value, T Dx) CopySign(T x, T s) => (T.CopySign(x, s), T.IsNegative(x) == T.IsNegative(s) ? T.One : -T.One);

    /// <summary>Whether a selection (max, min and their magnitude and number forms) returned its first argument.</summary>
    /// <remarks>At a tie the first argument is taken, in every mode; a NaN result follows a NaN argument.</remarks>
    [NotForwarded("a predicate: the selections (Max, Min, Clamp, …) in Dual.NumberBase.cs and Var.NumberBase.cs")]
    public static bool SelectsFirst(T result, T first) => result == first || (T.IsNaN(result) && T.IsNaN(first));

    //
    // Exponential functions
    //

    /// <summary>eˣ: derivative eˣ.</summary>
    [Forwarder(typeof(IExponentialFunctions<>))]
    public static (T Value, T Derivative) Exp(T x)
    {
        T e = T.Exp(x);
        return (e, e);
    }

    /// <summary>eˣ − 1: derivative eˣ.</summary>
    [Forwarder(typeof(IExponentialFunctions<>))]
    public static (T Value, T Derivative) ExpM1(T x) => (T.ExpM1(x), T.Exp(x));

    /// <summary>2ˣ: derivative 2ˣ·ln 2.</summary>
    [Forwarder(typeof(IExponentialFunctions<>))]
    public static (T Value, T Derivative) Exp2(T x)
    {
        T e = T.Exp2(x);
        return (e, e * s_ln2);
    }

    /// <summary>2ˣ − 1: derivative 2ˣ·ln 2.</summary>
    [Forwarder(typeof(IExponentialFunctions<>))]
    public static (T Value, T Derivative) Exp2M1(T x) => (T.Exp2M1(x), T.Exp2(x) * s_ln2);

    /// <summary>10ˣ: derivative 10ˣ·ln 10.</summary>
    [Forwarder(typeof(IExponentialFunctions<>))]
    public static (T Value, T Derivative) Exp10(T x)
    {
        T e = T.Exp10(x);
        return (e, e * s_ln10);
    }

    /// <summary>10ˣ − 1: derivative 10ˣ·ln 10.</summary>
    [Forwarder(typeof(IExponentialFunctions<>))]
    public static (T Value, T Derivative) Exp10M1(T x) => (T.Exp10M1(x), T.Exp10(x) * s_ln10);

    //
    // Hyperbolic functions
    //

    /// <summary>acosh x: derivative 1/(√(x−1)·√(x+1)); +∞ at the edge x = 1.</summary>
    [Forwarder(typeof(IHyperbolicFunctions<>))]
    public static (T Value, T Derivative) Acosh(T x) => (T.Acosh(x), T.One / (T.Sqrt(x - T.One) * T.Sqrt(x + T.One)));

    /// <summary>asinh x: derivative 1/√(x²+1).</summary>
    [Forwarder(typeof(IHyperbolicFunctions<>))]
    public static (T Value, T Derivative) Asinh(T x) => (T.Asinh(x), T.One / T.Sqrt(x * x + T.One));

    /// <summary>atanh x: derivative 1/(1−x²); ±∞ at the edges ±1.</summary>
    [Forwarder(typeof(IHyperbolicFunctions<>))]
    public static (T Value, T Derivative) Atanh(T x) => (T.Atanh(x), T.One / (T.One - x * x));

    /// <summary>cosh x: derivative sinh x.</summary>
    [Forwarder(typeof(IHyperbolicFunctions<>))]
    public static (T Value, T Derivative) Cosh(T x) => (T.Cosh(x), T.Sinh(x));

    /// <summary>sinh x: derivative cosh x.</summary>
    [Forwarder(typeof(IHyperbolicFunctions<>))]
    public static (T Value, T Derivative) Sinh(T x) => (T.Sinh(x), T.Cosh(x));

    /// <summary>tanh x: derivative 1 − tanh²x.</summary>
    [Forwarder(typeof(IHyperbolicFunctions<>))]
    public static (T Value, T Derivative) Tanh(T x)
    {
        T t = T.Tanh(x);
        return (t, T.One - t * t);
    }

    //
    // Logarithmic functions
    //

    /// <summary>ln x: derivative 1/x; +∞ at 0.</summary>
    [Forwarder(typeof(ILogarithmicFunctions<>))]
    public static (T Value, T Derivative) Log(T x) => (T.Log(x), T.One / x);

    /// <summary>log_b x = ln x / ln b: ∂/∂x = 1/(x·ln b), ∂/∂b = −ln x/(b·ln²b).</summary>
    [Forwarder(typeof(ILogarithmicFunctions<>))]
    public static (T Value, T Dx, T Dy) Log(T x, T newBase)
    {
        T lnB = T.Log(newBase);
        return (T.Log(x, newBase), T.One / (x * lnB), -T.Log(x) / (newBase * lnB * lnB));
    }

    /// <summary>ln(1+x): derivative 1/(1+x).</summary>
    [Forwarder(typeof(ILogarithmicFunctions<>))]
    public static (T Value, T Derivative) LogP1(T x) => (T.LogP1(x), T.One / (x + T.One));

    /// <summary>log₂ x: derivative 1/(x·ln 2).</summary>
    [Forwarder(typeof(ILogarithmicFunctions<>))]
    public static (T Value, T Derivative) Log2(T x) => (T.Log2(x), T.One / (x * s_ln2));

    /// <summary>log₂(1+x): derivative 1/((1+x)·ln 2).</summary>
    [Forwarder(typeof(ILogarithmicFunctions<>))]
    public static (T Value, T Derivative) Log2P1(T x) => (T.Log2P1(x), T.One / ((x + T.One) * s_ln2));

    /// <summary>log₁₀ x: derivative 1/(x·ln 10).</summary>
    [Forwarder(typeof(ILogarithmicFunctions<>))]
    public static (T Value, T Derivative) Log10(T x) => (T.Log10(x), T.One / (x * s_ln10));

    /// <summary>log₁₀(1+x): derivative 1/((1+x)·ln 10).</summary>
    [Forwarder(typeof(ILogarithmicFunctions<>))]
    public static (T Value, T Derivative) Log10P1(T x) => (T.Log10P1(x), T.One / ((x + T.One) * s_ln10));

    //
    // Power and root functions
    //

    /// <summary>xʸ: ∂/∂x = y·xʸ⁻¹, ∂/∂y = xʸ·ln x.</summary>
    /// <remarks>∂/∂x is a propagation product (<see cref="Propagation.Scale{T}"/>), so it is 0 when y = 0 (x⁰
    /// is constant, even at x = 0). At a zero base ∂/∂y is 0, as in JAX and PyTorch: the limit of xʸ·ln x where
    /// y &gt; 0, and 0⁰ = 1 is treated as constant in y rather than given −∞. For x &lt; 0, ∂/∂y is NaN (xʸ is
    /// not real nearby); with a constant exponent it is never used.</remarks>
    [Forwarder(
        typeof(IPowerFunctions<>),
        ForwardRemarks = """
            Both base and exponent may carry tangents; a constant exponent's zero tangent makes the ∂/∂y term vanish,
            so a negative base with a constant exponent has no NaN tangent.
            """,
        ReverseRemarks = """
            Both base and exponent may be variables; a constant exponent is not recorded, so a negative base with a
            constant exponent has no NaN adjoint.
            """)]
    public static (T Value, T Dx, T Dy) Pow(T x, T y)
    {
        T p = T.Pow(x, y);
        return (p, Propagation.Scale(y, T.Pow(x, y - T.One)), T.IsZero(x) ? T.Zero : p * T.Log(x));
    }

    /// <summary>√x: derivative 1/(2√x); +∞ at 0.</summary>
    [Forwarder(
        typeof(IRootFunctions<>),
        ForwardRemarks = "At 0 the slope is +∞; a zero tangent still gives tangent 0.",
        ReverseRemarks = "At 0 the partial is +∞; a zero adjoint is never multiplied by it.", InLine = true)]
    public static (T Value, T Derivative) Sqrt(T x)
    {
        T r = T.Sqrt(x);
        return (r, T.One / (s_two * r));
    }

    /// <summary>∛x: derivative 1/(3·∛x²); +∞ at 0.</summary>
    [Forwarder(typeof(IRootFunctions<>))]
    public static (T Value, T Derivative) Cbrt(T x)
    {
        T r = T.Cbrt(x);
        return (r, T.One / (s_three * r * r));
    }

    /// <summary>x^(1/n): derivative 1/(n·r^(n−1)) with r = x^(1/n).</summary>
    /// <remarks>Written through r rather than r/(n·x) so that x = 0 gives +∞ (n &gt; 1) instead of 0/0.</remarks>
    [Forwarder(typeof(IRootFunctions<>))]
    public static (T Value, T Derivative) RootN(T x, int n)
    {
        T r = T.RootN(x, n);
        return (r, T.One / (T.CreateChecked(n) * T.Pow(r, T.CreateChecked(n - 1))));
    }

    /// <summary>√(x²+y²): ∂/∂x = x/h, ∂/∂y = y/h.</summary>
    /// <remarks>At the origin both partials are 0 (the minimum-norm subgradient, as for a vector norm at 0).</remarks>
    [Forwarder(typeof(IRootFunctions<>))]
    public static (T Value, T Dx, T Dy) Hypot(T x, T y)
    {
        T h = T.Hypot(x, y);
        return T.IsZero(h) ? (h, T.Zero, T.Zero) : (h, x / h, y / h);
    }

    /// <summary>1/x estimate: derivative −1/x².</summary>
    [Forwarder(typeof(IFloatingPointIeee754<>), InLine = true)]
    public static (T Value, T Derivative) ReciprocalEstimate(T x)
    {
        T r = T.One / x;
        return (T.ReciprocalEstimate(x), -r * r);
    }

    /// <summary>1/√x estimate: derivative −1/(2x√x).</summary>
    [Forwarder(typeof(IFloatingPointIeee754<>), InLine = true)]
    public static (T Value, T Derivative) ReciprocalSqrtEstimate(T x)
    {
        T r = T.One / T.Sqrt(x);
        return (T.ReciprocalSqrtEstimate(x), -r * r * r / s_two);
    }

    //
    // Trigonometric functions
    //

    /// <summary>acos x: derivative −1/√(1−x²); −∞ at ±1.</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>))]
    public static (T Value, T Derivative) Acos(T x) => (T.Acos(x), -T.One / T.Sqrt(T.One - x * x));

    /// <summary>acos(x)/π: derivative −1/(π√(1−x²)).</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>))]
    public static (T Value, T Derivative) AcosPi(T x) => (T.AcosPi(x), -T.One / (T.Pi * T.Sqrt(T.One - x * x)));

    /// <summary>asin x: derivative 1/√(1−x²); +∞ at ±1.</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>))]
    public static (T Value, T Derivative) Asin(T x) => (T.Asin(x), T.One / T.Sqrt(T.One - x * x));

    /// <summary>asin(x)/π: derivative 1/(π√(1−x²)).</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>))]
    public static (T Value, T Derivative) AsinPi(T x) => (T.AsinPi(x), T.One / (T.Pi * T.Sqrt(T.One - x * x)));

    /// <summary>atan x: derivative 1/(1+x²).</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>))]
    public static (T Value, T Derivative) Atan(T x) => (T.Atan(x), T.One / (T.One + x * x));

    /// <summary>atan(x)/π: derivative 1/(π(1+x²)).</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>))]
    public static (T Value, T Derivative) AtanPi(T x) => (T.AtanPi(x), T.One / (T.Pi * (T.One + x * x)));

    /// <summary>atan2(y, x): ∂/∂y = x/(x²+y²), ∂/∂x = −y/(x²+y²).</summary>
    /// <remarks>At the origin the angle is undefined and both partials are NaN; with zero tangents they are
    /// never used.</remarks>
    [Forwarder(typeof(IFloatingPointIeee754<>))]
    public static (T Value, T Dy, T Dx) Atan2(T y, T x)
    {
        T d = x * x + y * y;
        return (T.Atan2(y, x), x / d, -y / d);
    }

    /// <summary>atan2(y, x)/π: ∂/∂y = x/(π(x²+y²)), ∂/∂x = −y/(π(x²+y²)).</summary>
    [Forwarder(typeof(IFloatingPointIeee754<>))]
    public static (T Value, T Dy, T Dx) Atan2Pi(T y, T x)
    {
        T d = T.Pi * (x * x + y * y);
        return (T.Atan2Pi(y, x), x / d, -y / d);
    }

    /// <summary>cos x: derivative −sin x.</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>))]
    public static (T Value, T Derivative) Cos(T x) => (T.Cos(x), -T.Sin(x));

    /// <summary>cos(πx): derivative −π·sin(πx).</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>))]
    public static (T Value, T Derivative) CosPi(T x) => (T.CosPi(x), -T.Pi * T.SinPi(x));

    /// <summary>x·π/180: derivative π/180.</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>), InLine = true)]
    public static (T Value, T Derivative) DegreesToRadians(T x) => (T.DegreesToRadians(x), T.DegreesToRadians(T.One));

    /// <summary>x·180/π: derivative 180/π.</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>), InLine = true)]
    public static (T Value, T Derivative) RadiansToDegrees(T x) => (T.RadiansToDegrees(x), T.RadiansToDegrees(T.One));

    /// <summary>sin x: derivative cos x.</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>))]
    public static (T Value, T Derivative) Sin(T x) => (T.Sin(x), T.Cos(x));

    /// <summary>sin(πx): derivative π·cos(πx).</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>))]
    public static (T Value, T Derivative) SinPi(T x) => (T.SinPi(x), T.Pi * T.CosPi(x));

    /// <summary>(sin x, cos x) with derivatives (cos x, −sin x), from one SinCos.</summary>
    [NotForwarded("two results: SinCos in Dual.Functions.cs and Var.Functions.cs chains each")]
    public static ((T Value, T Derivative) Sin, (T Value, T Derivative) Cos) SinCos(T x)
    {
        (T sin, T cos) = T.SinCos(x);
        return ((sin, cos), (cos, -sin));
    }

    /// <summary>tan x: derivative 1 + tan²x.</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>))]
    public static (T Value, T Derivative) Tan(T x)
    {
        T t = T.Tan(x);
        return (t, T.One + t * t);
    }

    /// <summary>tan(πx): derivative π(1 + tan²(πx)).</summary>
    [Forwarder(typeof(ITrigonometricFunctions<>))]
    public static (T Value, T Derivative) TanPi(T x)
    {
        T t = T.TanPi(x);
        return (t, T.Pi * (T.One + t * t));
    }
}
