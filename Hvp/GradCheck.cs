namespace DualAutodiff;

/// <summary>
/// Checks derivatives against finite differences, as <c>torch.autograd.gradcheck</c>/<c>gradgradcheck</c> and JAX's
/// <c>check_grads</c> do: every first-order mode for gradients and Jacobians, every exact H·v route for
/// second order, each against a reference computed apart from it: differences of f at <see cref="double"/>, and for H·v
/// differences of the reverse-mode gradient (which <see cref="Gradient"/> checks).
/// </summary>
/// <remarks>
/// <para>
/// The math first. A reference derivative along a direction d is the four-point central stencil
/// D(t) = [8(F(x + td) − F(x − td)) − (F(x + 2td) − F(x − 2td))] / 12t = F′·d + O(t⁴), which is one Richardson
/// step on the two-point difference: (4D₂(t) − D₂(2t))/3 with D₂(t) = (F(x + td) − F(x − td))/2t. Gradient entries
/// and Jacobian columns use d = eⱼ with the per-input step hⱼ = c·∛ε·sⱼ, sⱼ = max(|xⱼ|, 1), rounded so that
/// xⱼ + hⱼ is exact; H·v differences the exact reverse-mode gradient F = ∇f along d = v with
/// t = c·∛ε / maxᵢ(|vᵢ|/sᵢ) (the derivation is in <see cref="StepAlong{T}"/>; <see cref="HvpMethod.FiniteDifference"/>
/// uses the same step). With a ∛ε step the truncation error O(t⁴) is below ε, so what remains is rounding: each F
/// carries an error of a few ε·|F|, so D carries up to ε·(8|F₊₁| + 8|F₋₁| + |F₊₂| + |F₋₂|)/12t.
/// </para>
/// <para>
/// An entry passes when |computed − reference| ≤ atol/sⱼ + rtol·max(|computed|, |reference|) + noise, where
/// sⱼ is the scale of the input the entry differentiates by (the absolute part is stated in the scaled coordinates
/// xⱼ/sⱼ, see <see cref="GradCheckOptions.AbsoluteTolerance"/>) and noise is 8 times the rounding bound above (for
/// the reference) or 8ε times the largest scaled entry (for two exact routes compared with each other). A mode's
/// error is the largest |computed − reference| / tolerance over its entries, so it passes at error ≤ 1, and the worst
/// entry is the one with the largest such ratio, not merely the largest difference.
/// </para>
/// <para>
/// A mode that throws is reported in the result as failed, with the exception's type and message, and the other
/// modes still run: a check exists to find broken modes. An exception from f at <see cref="double"/> (needed for the
/// reference) propagates, since without a reference there is nothing to check. The point must be finite.
/// </para>
/// </remarks>
public static partial class GradCheck
{
    /// <summary>How many seed pairs the uᵀ(Jv) = (Jᵀu)ᵀv identity is checked with.</summary>
    private const int IdentitySeeds = 3;

    /// <summary>Checks the gradient of f at x in every first-order mode against central differences.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n, finite.</param>
    /// <param name="options">Tolerances and step scale; <see cref="GradCheckOptions.Default"/> if null.</param>
    /// <returns>The comparison of each mode: <c>Forward.Jvp</c> (n JVPs with the unit vectors, <see cref="Dual{T}"/>),
    /// <c>Forward.Jacobian</c> (the same function as an <see cref="IVectorFunction"/>, chunk mode at
    /// <see cref="Dual{T, TTangents}"/>), <c>Reverse.Gradient</c>
    /// (<see cref="Var{T}"/>) and <c>Hvp.ValueGradientAndHvp</c> (the gradient part of forward-over-reverse,
    /// <c>Var&lt;Dual&lt;double&gt;&gt;</c>), each with the differences ∂f/∂xᵢ ≈ D along eᵢ.</returns>
    /// <exception cref="ArgumentException"><paramref name="f"/> or <paramref name="x"/> is null, x is empty or holds
    /// NaN or ∞, or <paramref name="options"/> has a setting out of range.</exception>
    /// <remarks>Cost: 4n evaluations of f at <see cref="double"/>, n JVPs, one more forward Jacobian (n passes), one
    /// gradient and one forward-over-reverse sweep.</remarks>
    public static GradCheckResult Gradient(IScalarFunction f, double[] x, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckFinite(x, nameof(x));
        options = Checked(options);
        int n = x.Length;
        var reference = new double[n];
        var absolute = new double[n];
        var derivative = new double[1];
        var noise = new double[1];
        for (int j = 0; j < n; j++)
        {
            Differentiate((p, y) => y[0] = f.Evaluate<double>(p), x, Unit(n, j), ColumnStep(x[j], options), derivative, noise);
            reference[j] = derivative[0];
            absolute[j] = (options.AbsoluteTolerance / InputScale(x[j])) + noise[0];
        }

        double[] seed = ScaledSeed(x, 0);
        GradCheckModeResult[] modes =
        [
            Compare("Forward.Jvp", () => ForwardGradient(f, x), reference, absolute, options, 0),
            Compare("Forward.Jacobian", () => Flatten(Forward.Jacobian<double>(new ScalarAsVector(f), x)), reference, absolute, options, 0),
            Compare("Reverse.Gradient", () => Reverse.Gradient<double>(f, x), reference, absolute, options, 0),
            Compare("Hvp.ValueGradientAndHvp", () => DualAutodiff.Hvp.ValueGradientAndHvp<double>(f, x, seed).Gradient, reference, absolute, options, 0),
        ];
        return new GradCheckResult("GradCheck.Gradient", n, options, modes);
    }

    /// <summary>Checks the m×n Jacobian of f at x in forward and reverse mode against central differences, and
    /// forward JVPs against reverse VJPs through uᵀ(Jv) = (Jᵀu)ᵀv.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n, finite.</param>
    /// <param name="options">Tolerances and step scale; <see cref="GradCheckOptions.Default"/> if null.</param>
    /// <returns>The comparison of each mode: <c>Forward.Jacobian</c> and <c>Reverse.Jacobian</c> with the differences
    /// (entry [i, j] = ∂fᵢ/∂xⱼ), and <c>Forward.Jvp vs Reverse.Vjp</c>: uᵀ(Jv) from <see cref="Forward"/> against
    /// (Jᵀu)ᵀv from <see cref="Reverse"/> for three fixed pseudo-random seed pairs (entry [k] is the k-th pair).</returns>
    /// <exception cref="ArgumentException"><paramref name="f"/> or <paramref name="x"/> is null, x is empty or holds
    /// NaN or ∞, f declares no outputs, or <paramref name="options"/> has a setting out of range.</exception>
    /// <remarks>The seeds vⱼ are scaled by 1/sⱼ, so each input moves in its own units; uᵢ ∈ [−1, 1], and the identity's
    /// tolerance is atol + rtol·max(|uᵀ(Jv)|, |(Jᵀu)ᵀv|) + 8ε·Σᵢⱼ|uᵢ||Jᵢⱼ||vⱼ| with the reference J, the last a bound on
    /// the rounding of either side.</remarks>
    public static GradCheckResult Jacobian(IVectorFunction f, double[] x, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckFinite(x, nameof(x));
        options = Checked(options);
        int n = x.Length;
        int m = Guard.OutputLength(f, n, nameof(f));
        var reference = new double[m * n];
        var absolute = new double[m * n];
        var column = new double[m];
        var noise = new double[m];
        for (int j = 0; j < n; j++)
        {
            Differentiate((p, y) => f.Evaluate<double>(p, y), x, Unit(n, j), ColumnStep(x[j], options), column, noise);
            for (int i = 0; i < m; i++)
            {
                reference[(i * n) + j] = column[i];
                absolute[(i * n) + j] = (options.AbsoluteTolerance / InputScale(x[j])) + noise[i];
            }
        }

        GradCheckModeResult[] modes =
        [
            Compare("Forward.Jacobian", () => Flatten(Forward.Jacobian<double>(f, x)), reference, absolute, options, n),
            Compare("Reverse.Jacobian", () => Flatten(Reverse.Jacobian<double>(f, x)), reference, absolute, options, n),
            JvpVjpIdentity(f, x, m, reference, options),
        ];
        return new GradCheckResult("GradCheck.Jacobian", n, options, modes);
    }

    /// <summary>Checks H(x)·v of f by every exact <see cref="HvpMethod"/> route against central differences of the
    /// reverse-mode gradient along v, and the routes against each other.</summary>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n, finite.</param>
    /// <param name="v">The direction, length n, finite.</param>
    /// <param name="options">Tolerances and step scale; <see cref="GradCheckOptions.Default"/> if null.</param>
    /// <returns>The comparison of each mode: <c>ForwardOverReverse</c>, <c>ReverseOverForward</c> and
    /// <c>ReverseOverReverse</c> with the differences (H·v)ᵢ ≈ D along v of ∂f/∂xᵢ, then
    /// <c>ReverseOverForward vs ForwardOverReverse</c> and <c>ReverseOverReverse vs ForwardOverReverse</c>.</returns>
    /// <exception cref="ArgumentException"><paramref name="f"/>, <paramref name="x"/> or <paramref name="v"/> is
    /// null, x is empty, v has another length, either holds NaN or ∞, or <paramref name="options"/> has a setting out
    /// of range.</exception>
    /// <remarks>The reference differences the gradient of <see cref="Reverse"/> mode (<see cref="Var{T}"/>), which
    /// <see cref="Gradient"/> checks; four gradients. For v = 0 the reference is exactly 0.</remarks>
    public static GradCheckResult Hvp(IScalarFunction f, double[] x, double[] v, GradCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        CheckFinite(x, nameof(x));
        Guard.Length(v, x.Length, nameof(v), nameof(x));
        CheckFinite(v, nameof(v));
        options = Checked(options);
        int n = x.Length;
        var reference = new double[n];
        var noise = new double[n];
        double t = options.StepScale * StepAlong<double>(x, v);
        if (t > 0)
        {
            Differentiate((p, g) => DualAutodiff.Hvp.ValueAndGradient(f, p, g), x, v, t, reference, noise);
        }

        var absolute = new double[n];
        for (int i = 0; i < n; i++)
        {
            absolute[i] = (options.AbsoluteTolerance / InputScale(x[i])) + noise[i];
        }

        HvpMethod[] routes = [HvpMethod.ForwardOverReverse, HvpMethod.ReverseOverForward, HvpMethod.ReverseOverReverse];
        var outcomes = new Outcome[routes.Length];
        var modes = new List<GradCheckModeResult>();
        for (int r = 0; r < routes.Length; r++)
        {
            HvpMethod route = routes[r];
            outcomes[r] = Outcome.Of(() => DualAutodiff.Hvp.Compute(f, x, v, route));
            modes.Add(Compare(route.ToString(), outcomes[r], reference, absolute, options, 0));
        }

        for (int r = 1; r < routes.Length; r++)
        {
            modes.Add(CompareRoutes($"{routes[r]} vs {routes[0]}", outcomes[r], outcomes[0], x, options));
        }

        return new GradCheckResult("GradCheck.Hvp", n, options, [.. modes]);
    }

    /// <summary>n forward passes with the unit vectors: ∂f/∂xⱼ is the tangent of f(x + eⱼε).</summary>
    private static double[] ForwardGradient(IScalarFunction f, double[] x)
    {
        var gradient = new double[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            gradient[j] = Forward.Jvp<double>(f, x, Unit(x.Length, j)).Tangent;
        }

        return gradient;
    }

    /// <summary>uᵀ(Jv) by forward mode against (Jᵀu)ᵀv by reverse mode, for <see cref="IdentitySeeds"/> seed pairs.</summary>
    private static GradCheckModeResult JvpVjpIdentity(IVectorFunction f, double[] x, int m, double[] jacobian, GradCheckOptions options)
    {
        const string Mode = "Forward.Jvp vs Reverse.Vjp";
        int n = x.Length;
        var forward = new double[IdentitySeeds];
        var reverse = new double[IdentitySeeds];
        var absolute = new double[IdentitySeeds];
        try
        {
            for (int k = 0; k < IdentitySeeds; k++)
            {
                double[] v = ScaledSeed(x, k);
                var u = new double[m];
                for (int i = 0; i < m; i++)
                {
                    u[i] = Seed(k + IdentitySeeds, i);
                }

                forward[k] = Dot(u, Forward.Jvp<double>(f, x, v).Tangent);
                reverse[k] = Dot(Reverse.Vjp<double>(f, x, u).Vjp, v);
                double magnitude = 0;
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        magnitude += Math.Abs(u[i] * jacobian[(i * n) + j] * v[j]);
                    }
                }

                absolute[k] = options.AbsoluteTolerance + (NoiseFactor * MachineEpsilon * magnitude);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return GradCheckModeResult.Failed(Mode, GradCheckModeResult.Threw(e));
        }

        return Compare(Mode, forward, reverse, absolute, options.RelativeTolerance, 0);
    }

    /// <summary>Two exact H·v routes, which differ only by rounding: the noise term is 8ε times the largest scaled
    /// entry maxₖ sₖ·|(H·v)ₖ|, divided by sᵢ.</summary>
    private static GradCheckModeResult CompareRoutes(string mode, Outcome computed, Outcome reference, double[] x, GradCheckOptions options)
    {
        if (computed.Values is null || reference.Values is null)
        {
            string failed = computed.Values is null ? mode[..mode.IndexOf(' ', StringComparison.Ordinal)] : mode[(mode.LastIndexOf(' ') + 1)..];
            return GradCheckModeResult.Failed(mode, $"not compared: {failed} failed");
        }

        double largest = 0;
        for (int k = 0; k < x.Length; k++)
        {
            largest = Math.Max(largest, InputScale(x[k]) * Math.Max(Math.Abs(computed.Values[k]), Math.Abs(reference.Values[k])));
        }

        var absolute = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            absolute[i] = (options.AbsoluteTolerance + (NoiseFactor * MachineEpsilon * largest)) / InputScale(x[i]);
        }

        return Compare(mode, computed.Values, reference.Values, absolute, options.RelativeTolerance, 0);
    }

    /// <summary>The options, or the defaults, checked.</summary>
    private static GradCheckOptions Checked(GradCheckOptions? options)
    {
        options ??= GradCheckOptions.Default;
        options.Validate();
        return options;
    }

    /// <summary>Throws when <paramref name="x"/> is null, empty, or holds NaN or ∞, naming the parameter and entry.</summary>
    private static void CheckFinite(double[]? x, string name)
    {
        ArgumentNullException.ThrowIfNull(x, name);
        if (x.Length == 0)
        {
            // the facades accept f: R⁰ → Rᵐ, but a check of no entries can only be a mistake
            throw new ArgumentException("A derivative check needs at least one input.", name);
        }

        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                throw new ArgumentException($"{name}[{i}] is {x[i]}; a derivative check needs a finite point and direction.", name);
            }
        }
    }

    /// <summary>A scalar function seen as a vector function with one output, for the <see cref="IVectorFunction"/> path.</summary>
    private sealed class ScalarAsVector(IScalarFunction f) : IVectorFunction
    {
        public int OutputLength(int inputLength) => 1;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : System.Numerics.IFloatingPointIeee754<T> => y[0] = f.Evaluate(x);
    }
}
