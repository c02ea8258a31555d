using MathNet.Numerics.Differentiation;

namespace DualAutodiff.Tests.Reliability;

/// <summary>
/// The cross-checks run on every random program at a random point x with random directions v, w and seed u:
/// forward JVP = ∇f·v; the chunked forward gradient = ∇f; reverse Jacobian = forward (chunked) Jacobian and
/// uᵀ(Jv) = (uᵀJ)v; Hvp.ComputeMany of 2, 5 and 9 directions = H·v, H·w; the four HVP routes and
/// forward-over-forward agree; vᵀHw = wᵀHv; and ∇f agrees with MathNet's finite differences where those are reliable.
/// </summary>
/// <remarks>
/// Tolerances are relative to the program's own scale: the largest magnitude among its registers and among the
/// terms of the compared sum, so a program that computes 10⁶ − 10⁶ is allowed the rounding of 10⁶. Finite
/// differences are compared only where they are reliable: two step sizes must agree with each other first
/// (a branch, a kink or a steep region within a step makes them disagree), otherwise the comparison is skipped
/// and counted.
/// </remarks>
public sealed class ProgramChecks
{
    /// <summary>Exact modes agree to this relative accuracy (rounding of a few dozen operations, amplified).</summary>
    public const double ExactTolerance = 1e-10;

    /// <summary>The relative tolerance of chunk-mode lanes against single tangents where a program calls array kernels
    /// (see <see cref="Check{TFunction}"/>): the exact tolerance, since the lanes kernels (<c>LaneKernels</c>) give each
    /// lane bit for bit the single-tangent kernel's result and the value the plain kernel's. It was 10⁻⁸ while chunk mode
    /// ran the kernels as generic loops over the lanes (worst 1.1·10⁻⁸, seed 5 569 639); at the exact tolerance seeds
    /// 20 261 126, 5 550 001, 9 990 001 and 31 337 001 pass 20 000 programs each.</summary>
    public const double KernelLaneTolerance = ExactTolerance;

    private double _laneTolerance = ExactTolerance;

    /// <summary>Central differences of the gradient (about ε^(2/3)), relative.</summary>
    public const double DifferenceTolerance = 1e-5;

    /// <summary>MathNet's 5-point differences at the two steps below, relative.</summary>
    public const double NumericalTolerance = 1e-6;

    private static readonly NumericalDerivative s_coarse = new(5, 2) { StepType = StepType.Absolute, StepSize = 1.0 / 1024 };
    private static readonly NumericalDerivative s_fine = new(5, 2) { StepType = StepType.Absolute, StepSize = 1.0 / 4096 };

    /// <summary>Gradient entries compared with MathNet's finite differences.</summary>
    public int NumericalCompared { get; private set; }

    /// <summary>Gradient entries whose finite differences were unreliable (the two steps disagreed).</summary>
    public int NumericalSkipped { get; private set; }

    /// <summary>Finite-difference HVPs that differed from the exact ones where the differences were unreliable.</summary>
    public int DifferenceHvpSkipped { get; private set; }

    /// <summary>HVP entries whose exact routes differed by more than the scaled tolerance but within the rounding
    /// noise measured a few ulps away (large terms cancelling in the result).</summary>
    public int NoiseLimited { get; private set; }

    /// <summary>Programs whose global sparsity detection refused a branch on x (they are checked in local mode only).</summary>
    public int GlobalRefused { get; private set; }

    /// <summary>The largest error seen by each check, as a fraction of its tolerance (1 = at the limit).</summary>
    public Dictionary<string, double> WorstRatio { get; } = [];

    /// <summary>The program's scale at x: max(1, |every register|), or NaN when the program leaves the range where
    /// checks make sense (a non-finite or huge register or gradient entry), so the caller draws another.</summary>
    /// <param name="program">The program.</param>
    /// <param name="x">The point.</param>
    /// <returns>The scale, or NaN.</returns>
    public static double Scale(RandomProgram program, double[] x)
    {
        double scale = 1;
        foreach (double r in program.Run<double>(x))
        {
            scale = Math.Max(scale, Math.Abs(r));
        }

        if (!(scale <= 1e6))
        {
            return double.NaN;
        }

        foreach (double g in Reverse.Gradient<double>((IScalarFunction)program, x))
        {
            if (!(Math.Abs(g) <= 1e8))
            {
                return double.NaN;
            }
        }

        return scale;
    }

    /// <summary>Runs every check; returns null when all pass, else "check: details".</summary>
    /// <typeparam name="TFunction">The function, both scalar (its last output) and vector.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="scale">Its scale at x (<see cref="Scale"/>).</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">A direction, length n.</param>
    /// <param name="w">A second direction, length n.</param>
    /// <param name="u">An output seed, length m.</param>
    /// <returns>The first failure, or null.</returns>
    public string? Check<TFunction>(TFunction f, double scale, double[] x, double[] v, double[] w, double[] u)
        where TFunction : IScalarFunction, IVectorFunction
    {
        // Rounding is relative to the largest quantity a sweep carries, not to its result: 1/cos(π/2) ≈ 10¹⁶ times
        // an adjoint that then cancels exactly absorbs every small term added to it meanwhile.
        scale = Math.Max(scale, f is RandomProgram program ? SweepScale(program, x, v, u) : 1);

        // Kept apart from ExactTolerance so that a kernel route whose lanes round differently from single tangents
        // (a generic loop over the lanes sums in another order) can be given its own bound; today they are equal.
        _laneTolerance = f is RandomProgram p && p.Code.Any(i => i.Kind is >= Kind.KernelDot and <= Kind.KernelArithmetic) ? KernelLaneTolerance : ExactTolerance;
        (double value, double[] gradient) = Reverse.ValueAndGradient<double>((IScalarFunction)f, x);

        // the gradient into a caller's buffer: the same recording and sweep, so the same bits
        var buffer = new double[x.Length];
        double bufferValue = Reverse.ValueAndGradient<double>((IScalarFunction)f, x, buffer);
        if (!bufferValue.Equals(value) || !buffer.AsSpan().SequenceEqual(gradient))
        {
            return $"gradient into a buffer: value {bufferValue:R} or an element differs from the array facade's";
        }

        (double forwardValue, double jvp) = Forward.Jvp<double>((IScalarFunction)f, x, v);
        if (!forwardValue.Equals(value))
        {
            return $"value: forward {forwardValue:R} and reverse {value:R} differ";
        }

        double gv = Dot(gradient, v);
        if (Exceeds("jvp", jvp, gv, ExactTolerance * Math.Max(scale, DotMagnitude(gradient, v))))
        {
            return $"jvp: Forward.Jvp tangent {jvp:R} but ∇f·v = {gv:R}";
        }

        // Chunk mode (k lanes per pass) against the reverse gradient; its lanes equal single-tangent passes exactly.
        double[] forwardGradient = Forward.Gradient<double>((IScalarFunction)f, x);
        for (int j = 0; j < x.Length; j++)
        {
            if (Exceeds("forward gradient", forwardGradient[j], gradient[j], _laneTolerance * Math.Max(scale, Math.Abs(gradient[j]))))
            {
                return $"forward gradient: chunked Forward.Gradient[{j}] = {forwardGradient[j]:R} but reverse {gradient[j]:R}";
            }
        }

        return Jacobians(f, scale, x, v, u) ?? Hvps(f, scale, x, v, w, gradient) ?? SparseDerivatives(f, scale, x, gradient) ?? Numerical(f, scale, x, gradient);
    }

    private string? Jacobians<TFunction>(TFunction f, double scale, double[] x, double[] v, double[] u)
        where TFunction : IVectorFunction
    {
        double[,] forward = Forward.Jacobian<double>(f, x);
        double[,] reverse = Reverse.Jacobian<double>(f, x);
        for (int i = 0; i < forward.GetLength(0); i++)
        {
            for (int j = 0; j < forward.GetLength(1); j++)
            {
                if (Exceeds("jacobian", reverse[i, j], forward[i, j], _laneTolerance * Math.Max(scale, Math.Abs(forward[i, j]))))
                {
                    return $"jacobian: reverse J[{i},{j}] = {reverse[i, j]:R} but forward {forward[i, j]:R}";
                }
            }
        }

        double[] vjp = Reverse.Vjp<double>(f, x, u).Vjp;
        double[] jv = Forward.Jvp<double>(f, x, v).Tangent;
        using (Linearization<double> linearization = Reverse.Linearize<double>(f, x))
        {
            double[] linearJv = linearization.Jvp(v);
            double[] linearVjp = linearization.Vjp(u);
            for (int i = 0; i < jv.Length; i++)
            {
                if (Exceeds("linearization", linearJv[i], jv[i], ExactTolerance * Math.Max(scale, Math.Abs(jv[i]))))
                {
                    return $"linearization: Jvp[{i}] = {linearJv[i]:R} but Forward.Jvp {jv[i]:R}";
                }
            }

            for (int j = 0; j < vjp.Length; j++)
            {
                if (Exceeds("linearization", linearVjp[j], vjp[j], ExactTolerance * Math.Max(scale, Math.Abs(vjp[j]))))
                {
                    return $"linearization: Vjp[{j}] = {linearVjp[j]:R} but Reverse.Vjp {vjp[j]:R}";
                }
            }
        }

        double left = Dot(u, jv);
        double right = Dot(vjp, v);
        return Exceeds("adjoint identity", right, left, ExactTolerance * Math.Max(scale, Math.Max(DotMagnitude(u, jv), DotMagnitude(vjp, v))))
            ? $"adjoint identity: uᵀ(Jv) = {left:R} but (uᵀJ)v = {right:R}"
            : null;
    }

    private string? Hvps<TFunction>(TFunction f, double scale, double[] x, double[] v, double[] w, double[] gradient)
        where TFunction : IScalarFunction
    {
        double[] hv = global::DualAutodiff.Hvp.Compute(f, x, v, HvpMethod.ForwardOverReverse);

        // H·v into a caller's buffer: the same recording and sweep, so the same bits
        var hvBuffer = new double[x.Length];
        global::DualAutodiff.Hvp.Compute<double>(f, x, v, hvBuffer);
        if (!hvBuffer.AsSpan().SequenceEqual(hv))
        {
            return "hvp into a buffer: an element differs from the array facade's";
        }

        double hScale = Math.Max(scale, Math.Max(MaxNorm(hv), MaxNorm(gradient)));
        double? noise = null;
        double? sameOperand = null;
        bool? secondOrderOverflows = null;
        foreach (string method in (string[])["ReverseOverForward", "ReverseOverReverse", "ForwardOverForward", "HessianOperator"])
        {
            Func<double[], double[], double[]> route = (at, d) => method switch
            {
                "ForwardOverForward" => ForwardOverForward(f, at, d),
                "HessianOperator" => Operator(f, at, d),
                _ => global::DualAutodiff.Hvp.Compute(f, at, d, Enum.Parse<HvpMethod>(method)),
            };
            double[] other = route(x, v);
            double? routeNoise = null;
            for (int i = 0; i < hv.Length; i++)
            {
                // Both overflowed, or one did past a register whose second derivative overflows: whether a route meets ∞,
                // and whether it goes on through ∞ − ∞ to NaN, depends on its order of operations (log(erfc(r)) at a
                // subnormal erfc(r), seed 17264852; (∛r)² at r = 10⁻²⁴⁷, seed 19171722: −∞ in one route, 10⁻¹⁵⁹ in two)
                bool bothFinite = double.IsFinite(other[i]) && double.IsFinite(hv[i]);
                bool bothOverflowed = !double.IsFinite(other[i]) && !double.IsFinite(hv[i]);
                if (!bothFinite && (bothOverflowed || (f is RandomProgram overflowing && (secondOrderOverflows ??= overflowing.SecondOrderOverflows(x, v)))))
                {
                    continue;
                }

                double tolerance = ExactTolerance * hScale;
                if (Math.Abs(other[i] - hv[i]) > tolerance)
                {
                    // Terms far larger than the result may cancel in it (atan2(r, 1.5r) is constant, yet its
                    // partials near r = 0 are huge): the rounding noise, measured a few ulps away, bounds the error.
                    // Either route's: one may cancel exactly where the other rounds (atan2(r, r), whose two
                    // partials are negatives of each other bit for bit in one route's formulas only).
                    noise ??= NoiseFloor(f, x, v, hv);
                    routeNoise ??= NoiseFloor(route, x, v, other);
                    double floor = Math.Max(noise.Value, routeNoise.Value);

                    // A small term between the two cancelling partials of an instruction reading one register twice
                    // is lost in one route and kept in another, under any nudge or stretch (seed 17219957: H·v
                    // 3.6e-10 forward-over-forward, exactly 0 forward-over-reverse, between partials of 10⁹).
                    sameOperand ??= f is RandomProgram program ? Math.Pow(2, -52) * (1 + hScale) * program.SameOperandMagnitude(x, v) : 0;
                    floor = Math.Max(floor, sameOperand.Value);
                    if (100 * floor >= Math.Abs(other[i] - hv[i]))
                    {
                        NoiseLimited++;
                    }

                    tolerance = Math.Max(tolerance, 100 * floor);
                }

                if (Exceeds("hvp routes", other[i], hv[i], tolerance))
                {
                    return $"hvp routes: {method} (H·v)[{i}] = {other[i]:R} but ForwardOverReverse {hv[i]:R}";
                }
            }
        }

        double[] hw = global::DualAutodiff.Hvp.Compute(f, x, w, HvpMethod.ForwardOverReverse);

        // Several directions in one recording and one sweep: two (scalar lanes Tangents2<double>), five and nine (SIMD
        // lanes DoubleTangents8 and DoubleTangents12); each lane is the single-direction product, bit for bit for scalar
        // code, to rounding where an array kernel's Var<Dual<double>> path sums in another order than the lanes' one.
        // Where that rounding is amplified (terms far larger than the result cancelling), the noise measured a few ulps
        // away bounds the difference, as for the HVP routes.
        double? laneNoiseV = null;
        double? laneNoiseW = null;
        foreach (int k in (int[])[2, 5, 9])
        {
            double[][] many = global::DualAutodiff.Hvp.ComputeMany(f, x, [.. Enumerable.Range(0, k).Select(j => j % 2 == 0 ? v : w)]);
            for (int j = 0; j < k; j++)
            {
                double[] expected = j % 2 == 0 ? hv : hw;
                for (int i = 0; i < hv.Length; i++)
                {
                    double tolerance = _laneTolerance * hScale;
                    if (Math.Abs(many[j][i] - expected[i]) > tolerance)
                    {
                        double floor = j % 2 == 0 ? (laneNoiseV ??= NoiseFloor(f, x, v, hv)) : (laneNoiseW ??= NoiseFloor(f, x, w, hw));
                        tolerance = Math.Max(tolerance, 100 * floor);
                    }

                    if (Exceeds("hvp lanes", many[j][i], expected[i], tolerance))
                    {
                        return $"hvp lanes: ComputeMany of {k} directions, lane {j}: (H·d)[{i}] = {many[j][i]:R} but Compute gives {expected[i]:R}";
                    }
                }
            }
        }

        double vHw = Dot(v, hw);
        double wHv = Dot(w, hv);
        // Where H itself overflowed (cbrt'' at 1e-239 is 1e398), ∞ − ∞ in the dot products can make NaN on one side only.
        bool overflowed = !(double.IsFinite(vHw) && double.IsFinite(wHv)) && !(hv.All(double.IsFinite) && hw.All(double.IsFinite));
        double symmetryTolerance = ExactTolerance * Math.Max(hScale, Math.Max(DotMagnitude(v, hw), DotMagnitude(w, hv)));
        if (Math.Abs(vHw - wHv) > symmetryTolerance)
        {
            double noiseW = NoiseFloor(f, x, w, hw);
            noise ??= NoiseFloor(f, x, v, hv);
            symmetryTolerance = Math.Max(symmetryTolerance, 100 * ((noise.Value * w.Sum(Math.Abs)) + (noiseW * v.Sum(Math.Abs))));
        }

        if (!overflowed && Exceeds("symmetry", vHw, wHv, symmetryTolerance))
        {
            return $"symmetry: vᵀHw = {vHw:R} but wᵀHv = {wHv:R}";
        }

        double[] differences = global::DualAutodiff.Hvp.Compute(f, x, v, HvpMethod.FiniteDifference);
        for (int i = 0; i < hv.Length; i++)
        {
            if (Math.Abs(differences[i] - hv[i]) > DifferenceTolerance * hScale)
            {
                // Reliable differences agree across step sizes (relative to their own size, not the program's,
                // so a wildly oscillating program does not pass as reliable); then they must agree with H·v too.
                if (f is RandomProgram program && program.KinkDistance(x, v) < 4e-3)
                {
                    DifferenceHvpSkipped++;
                    continue;
                }

                double coarse = GradientDifference(f, x, v, i, 1e-3);
                double fine = GradientDifference(f, x, v, i, 2.5e-4);
                double spread = Math.Abs(coarse - fine);
                double tolerance = DifferenceTolerance * Math.Max(1, Math.Abs(fine));
                if (!(spread <= tolerance) || !double.IsFinite(tolerance))
                {
                    DifferenceHvpSkipped++;
                    continue;
                }

                // ... and the gradient is smooth at the step's scale: the mean of ∇f(x ± hv) is ∇f(x) to O(h²). Where f
                // varies on a finer scale (sin(e^(ψ(x)²)), seed 13071649: ∇f is 4.5 at x, 10⁻¹⁰ at x ± 2.5·10⁻⁴v), both
                // steps see the same far-away gradients and agree with each other, not with H·v at x.
                double midpoint = GradientMidpoint(f, x, v, i, 2.5e-4);
                if (!(Math.Abs(midpoint - gradient[i]) <= DifferenceTolerance * Math.Max(1, Math.Abs(gradient[i]))))
                {
                    DifferenceHvpSkipped++;
                    continue;
                }

                if (Exceeds("hvp differences", fine, hv[i], 10 * (tolerance + spread)))
                {
                    return $"hvp differences: (H·v)[{i}] = {hv[i]:R} but central differences of ∇f give {fine:R} (step 2.5e-4) and {coarse:R} (step 1e-3)";
                }
            }
        }

        return null;
    }

    private string? Numerical<TFunction>(TFunction f, double scale, double[] x, double[] gradient)
        where TFunction : IScalarFunction
    {
        double F(double[] p) => f.Evaluate<double>(p);
        for (int j = 0; j < x.Length; j++)
        {
            double coarse = s_coarse.EvaluatePartialDerivative(F, [.. x], j, 1);
            double fine = s_fine.EvaluatePartialDerivative(F, [.. x], j, 1);
            double tolerance = NumericalTolerance * Math.Max(scale, Math.Abs(fine));
            double spread = Math.Abs(coarse - fine);
            if (!(spread <= tolerance) || !double.IsFinite(tolerance))
            {
                NumericalSkipped++;
                continue;
            }

            // A phase that turns by more than half a radian over the coarse step (cos πr with r ~ 10⁵·xⱼ) is
            // averaged away alike by both steps, which then agree with each other and resolve nothing.
            // A kink, jump or branch switch within the stencil is averaged over by both steps alike.
            if (f is RandomProgram program && (program.PhaseRate(x, j) * s_coarse.StepSize > 0.5
                || program.KinkDistance(x, [.. x.Select((_, k) => k == j ? 1.0 : 0.0)]) < 4 * s_coarse.StepSize))
            {
                NumericalSkipped++;
                continue;
            }

            NumericalCompared++;
            if (Exceeds("mathnet", gradient[j], fine, 10 * (tolerance + spread)))
            {
                return $"mathnet: ∂f/∂x{j} = {gradient[j]:R} but MathNet's differences give {fine:R} (step 1/4096) and {coarse:R} (step 1/1024)";
            }
        }

        return null;
    }

    /// <summary>The rounding noise of forward-over-reverse H·v at this point (<see cref="NoiseFloor(Func{double[], double[], double[]}, double[], double[], double[])"/>):
    /// the noise of the exact routes (the true H·v moves by far less).</summary>
    private static double NoiseFloor<TFunction>(TFunction f, double[] x, double[] v, double[] hv)
        where TFunction : IScalarFunction => NoiseFloor((at, d) => global::DualAutodiff.Hvp.Compute(f, at, d, HvpMethod.ForwardOverReverse), x, v, hv);

    /// <summary>A route's rounding noise at x: how far its result moves when x moves by four ulps, or when the
    /// direction is stretched by 1 + 2⁻²⁰ and the result shrunk back. The stretch catches what the nudge leaves in
    /// place: a small term added to a huge one that is then taken away, (g + P) − P, as when the partials of
    /// atan2(r, r), huge negatives of each other, reach one adjoint one after the other (fuzz seed 17219957: 3.9e-8 of
    /// 0.23 between routes, the same under any nudge of r).</summary>
    private static double NoiseFloor(Func<double[], double[], double[]> route, double[] x, double[] v, double[] result)
    {
        const double Stretch = 1 + (1.0 / (1 << 20));
        double[] moved = route([.. x.Select(xi => Math.BitIncrement(Math.BitIncrement(Math.BitIncrement(Math.BitIncrement(xi)))))], v);
        double[] stretched = route(x, [.. v.Select(d => d * Stretch)]);
        return result.Select((r, i) => Math.Max(Math.Abs(moved[i] - r), Math.Abs((stretched[i] / Stretch) - r))).Max();
    }

    /// <summary>The rounding noise of the exact routes in column j of H: how far H·eⱼ moves when x moves by four ulps,
    /// how far two exact routes lie apart, and how far the exact columns are from symmetric (H·eⱼ)ᵢ vs (H·eᵢ)ⱼ. The
    /// dense Hessian is the mean of the two, a sparse one reads one of them (an ill-conditioned program's columns can
    /// differ in the eighth digit while every route agrees on each column to the last bits).</summary>
    private static double HessianNoise<TFunction>(TFunction f, double[] x, int j)
        where TFunction : IScalarFunction
    {
        double[] e = new double[x.Length];
        e[j] = 1;
        double[] column = global::DualAutodiff.Hvp.Compute(f, x, e, HvpMethod.ForwardOverReverse);
        double[] other = global::DualAutodiff.Hvp.Compute(f, x, e, HvpMethod.ReverseOverReverse);
        double noise = NoiseFloor(f, x, e, column);
        for (int i = 0; i < x.Length; i++)
        {
            double[] ei = new double[x.Length];
            ei[i] = 1;
            double transposed = global::DualAutodiff.Hvp.Compute(f, x, ei, HvpMethod.ForwardOverReverse)[j];
            foreach (double d in (double[])[Math.Abs(column[i] - other[i]), Math.Abs(column[i] - transposed)])
            {
                noise = double.IsFinite(d) ? Math.Max(noise, d) : noise;
            }
        }

        return noise;
    }

    /// <summary>H·v by <c>Dual&lt;Dual&lt;double&gt;&gt;</c>: (H·v)ⱼ is the ε₁ε₂ coefficient of f(x + vε₁ + eⱼε₂),
    /// one forward pass per entry; a fourth exact route, through neither tape.</summary>
    private static double[] ForwardOverForward<TFunction>(TFunction f, double[] x, double[] v)
        where TFunction : IScalarFunction
    {
        var hv = new double[x.Length];
        var input = new Dual<Dual<double>>[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            for (int k = 0; k < x.Length; k++)
            {
                input[k] = new Dual<Dual<double>>(new Dual<double>(x[k], v[k]), new Dual<double>(k == j ? 1 : 0, 0));
            }

            hv[j] = f.Evaluate<Dual<Dual<double>>>(input).Tangent.Tangent;
        }

        return hv;
    }

    /// <summary>The largest tangent of any register along v, and the largest adjoint of any register in the sweeps
    /// seeded with u and with 1 on the last register.</summary>
    /// <summary>The sparse Jacobian and Hessian (pattern traced through the program's branches at x, star and
    /// distance-2 colourings, compressed products) equal the dense ones entry by entry, so no entry is missing from a
    /// pattern and none is recovered wrongly.</summary>
    private string? SparseDerivatives<TFunction>(TFunction f, double scale, double[] x, double[] gradient)
        where TFunction : IScalarFunction, IVectorFunction
    {
        double[,] dense = Forward.Jacobian<double>(f, x);
        var sparse = global::DualAutodiff.Sparse.Jacobian(f, x);
        for (int i = 0; i < dense.GetLength(0); i++)
        {
            for (int j = 0; j < dense.GetLength(1); j++)
            {
                if (Exceeds("sparse jacobian", sparse[i, j], dense[i, j], _laneTolerance * Math.Max(scale, Math.Abs(dense[i, j]))))
                {
                    return $"sparse jacobian: J[{i},{j}] = {sparse[i, j]:R} but dense {dense[i, j]:R}";
                }
            }
        }

        double[,] h = global::DualAutodiff.Hvp.Hessian<double>(f, x);
        double hScale = Math.Max(scale, Math.Max(MaxNorm(gradient), h.Cast<double>().Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max()));
        string? local = SparseHessianEquals(f, x, h, hScale, global::DualAutodiff.Sparse.Hessian(f, x), "sparse hessian");
        if (local is not null)
        {
            return local;
        }

        // Global mode: the same values from a pattern valid at every point, unless the program branches on x.
        try
        {
            SparseHessian global = global::DualAutodiff.Sparse.PrepareHessian(f, x, SparsityMode.Global);
            return SparseHessianEquals(f, x, h, hScale, global.Evaluate(x), "sparse hessian (global)");
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Global sparsity detection cannot follow a branch", StringComparison.Ordinal))
        {
            GlobalRefused++;
            return null;
        }
    }

    private string? SparseHessianEquals<TFunction>(TFunction f, double[] x, double[,] h, double hScale, MathNet.Numerics.LinearAlgebra.Matrix<double> sparseH, string check)
        where TFunction : IScalarFunction
    {
        for (int j = 0; j < x.Length; j++)
        {
            double? noise = null;
            for (int i = 0; i < x.Length; i++)
            {
                double tolerance = _laneTolerance * hScale;
                if (Math.Abs(sparseH[i, j] - h[i, j]) > tolerance)
                {
                    // As for the H·v routes: where large terms cancel, the rounding of another route can exceed the
                    // tolerance; the measured noise bounds it.
                    noise ??= HessianNoise(f, x, j);
                    tolerance = Math.Max(tolerance, 100 * noise.Value);
                }

                if (Exceeds(check, sparseH[i, j], h[i, j], tolerance))
                {
                    return $"{check}: H[{i},{j}] = {sparseH[i, j]:R} but dense {h[i, j]:R}";
                }
            }
        }

        return null;
    }

    /// <summary>H·v through <see cref="HessianOperator{T}"/>, applied twice (the second must not see the first).</summary>
    private static double[] Operator<TFunction>(TFunction f, double[] x, double[] v)
        where TFunction : IScalarFunction
    {
        using HessianOperator<double> h = global::DualAutodiff.Hvp.Linearize<double>(f, x);
        h.Apply([.. v.Select(vi => -3 * vi)]);
        return h.Apply(v);
    }

    private static double SweepScale(RandomProgram program, double[] x, double[] v, double[] u)
    {
        double largest = program.Run<Dual<double>>([.. x.Select((xi, i) => new Dual<double>(xi, v[i]))]).Max(r => Math.Abs(r.Tangent));
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] registers = program.Run<Var<double>>([.. x.Select(tape.Variable)]);
            tape.Backward(registers.AsSpan(registers.Length - u.Length), u);
            largest = Math.Max(largest, registers.Max(r => Math.Abs(tape.Adjoint(r))));
            tape.Backward(registers[^1]);
            largest = Math.Max(largest, registers.Max(r => Math.Abs(tape.Adjoint(r))));
        }

        return double.IsFinite(largest) ? largest : double.MaxValue;
    }

    /// <summary>(∇f(x + hv) − ∇f(x − hv))ᵢ / 2h.</summary>
    private static double GradientDifference<TFunction>(TFunction f, double[] x, double[] v, int i, double h)
        where TFunction : IScalarFunction
    {
        double[] plus = [.. x.Select((xi, k) => xi + h * v[k])];
        double[] minus = [.. x.Select((xi, k) => xi - h * v[k])];
        return (Reverse.Gradient<double>(f, plus)[i] - Reverse.Gradient<double>(f, minus)[i]) / (2 * h);
    }

    /// <summary>(∇f(x + hv) + ∇f(x − hv))ᵢ / 2.</summary>
    private static double GradientMidpoint<TFunction>(TFunction f, double[] x, double[] v, int i, double h)
        where TFunction : IScalarFunction
    {
        double[] plus = [.. x.Select((xi, k) => xi + h * v[k])];
        double[] minus = [.. x.Select((xi, k) => xi - h * v[k])];
        return (Reverse.Gradient<double>(f, plus)[i] + Reverse.Gradient<double>(f, minus)[i]) / 2;
    }

    /// <summary>Whether |actual − expected| exceeds the tolerance; records the ratio for the report. Equal values
    /// (NaN and NaN included: both routes found no derivative) never do, whatever the tolerance.</summary>
    private bool Exceeds(string check, double actual, double expected, double tolerance)
    {
        if (actual.Equals(expected))
        {
            WorstRatio[check] = WorstRatio.GetValueOrDefault(check);
            return false;
        }

        double error = Math.Abs(actual - expected);
        double ratio = error / tolerance;
        ratio = double.IsNaN(ratio) ? double.PositiveInfinity : ratio;
        WorstRatio[check] = Math.Max(WorstRatio.GetValueOrDefault(check), ratio);
        return ratio > 1;
    }

    private static double Dot(double[] a, double[] b) => a.Select((ai, i) => ai * b[i]).Sum();

    private static double DotMagnitude(double[] a, double[] b) => a.Select((ai, i) => Math.Abs(ai * b[i])).Sum();

    private static double MaxNorm(double[] a) => a.Length == 0 ? 0 : a.Max(Math.Abs);
}
