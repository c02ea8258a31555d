using System.Diagnostics;

namespace DualAutodiff;

/// <summary>
/// Hessian-free Newton: a truncated Newton method whose steps come from conjugate gradients on exact
/// Hessian-vector products, inside a trust region (Steihaug–Toint). H is never formed; memory is O(n).
/// </summary>
/// <remarks>
/// <para>
/// Each iteration minimises the quadratic model m(p) = f + ∇fᵀp + ½pᵀHp over ‖Dp‖ ≤ Δ by conjugate gradients,
/// each CG step one exact product H·d. CG stops when the residual is below
/// min(0.5, √‖∇f‖)·‖∇f‖ (which gives superlinear convergence), when the step reaches the trust-region boundary,
/// or when it meets a direction of non-positive curvature dᵀHd ≤ 0, which it follows to the boundary, so
/// saddles and concave regions are left rather than converged to. The radius then adapts to the ratio ρ of
/// actual to predicted reduction (Nocedal and Wright, Algorithms 4.1 and 7.2; SciPy's <c>trust-ncg</c>); it is
/// not capped, so a minimiser 10⁶ away is reached in a few dozen doublings.
/// </para>
/// <para>
/// Where CG runs long, the products come from Hessian operators: f is recorded once for replay
/// (<see cref="Hvp.Compile{T}(IScalarFunction, T[])"/>), and after a CG run of <c>4</c> or more steps the next trial
/// point is evaluated by a replay, which gives f, ∇f and the point's <see cref="HessianOperator{T}"/> for every CG step
/// there (also after a rejected step); a point whose CG run passes 4 products without one makes it then. Where CG runs
/// are short, a replay and its operator cost more than they save, and each point takes a gradient and each product a
/// forward-over-reverse <see cref="Hvp.Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/>.
/// </para>
/// <para>
/// The region is scaled: D = diag(dᵢ) with dᵢ = 1/max(|xᵢ|, |x₀ᵢ|, typical) (<see cref="NewtonCgOptions.Scaling"/>),
/// so Δ measures a relative change of every variable, and a problem whose variables differ in scale by 10⁵
/// (Meyer's, Brown's badly scaled) takes steps in each variable's own units.
/// </para>
/// <para>
/// Convergence is scale-aware (<see cref="NewtonCgOptions"/>): the gradient relative to f and x, and a stall test
/// (the Newton step predicts a decrease below rounding in f), besides an optional absolute gradient norm. The run
/// always ends with a <see cref="NewtonCgStatus"/>: converged, out of iterations, a non-finite value, a collapsed
/// trust region away from any stationary point, or cancelled. A trial point where f is NaN or +∞ is rejected and
/// the region shrinks.
/// </para>
/// </remarks>
public static class NewtonCg
{
    /// <summary>Minimises f from <paramref name="x0"/>.</summary>
    /// <param name="f">The function; it must be twice differentiable where it is evaluated.</param>
    /// <param name="x0">The start point, length n; it is not modified.</param>
    /// <param name="options">Tolerances, budgets and a progress callback; <see cref="NewtonCgOptions.Default"/>
    /// when null.</param>
    /// <returns>The final point, value, gradient norm, counts and the reason the run stopped.</returns>
    /// <exception cref="ArgumentException">f or x0 is null, or a setting is out of range (named in the exception's
    /// parameter name, e.g. <c>options.Eta</c>). An empty x0 is the trivial problem: converged at once.</exception>
    public static NewtonCgResult Minimize(IScalarFunction f, double[] x0, NewtonCgOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x0, nameof(x0));
        options ??= NewtonCgOptions.Default;
        options.Validate();
        return new Run(f, x0, options).Solve();
    }

    /// <summary>One minimisation: the O(n) working vectors and counters.</summary>
    private sealed class Run
    {
        private readonly IScalarFunction _f;
        private readonly NewtonCgOptions _options;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly int _n;
        private readonly double[] _x0;
        private double[] _x;
        private double[] _g;
        private double[] _xTrial;
        private double[] _gTrial;
        private readonly double[] _scale;
        private readonly double[] _gs;
        private readonly double[] _p;
        private readonly double[] _r;
        private readonly double[] _d;
        private readonly double[] _u;
        private readonly double[] _hd;
        private double _value;
        private double _gradientNorm;
        private double _initialScaledGradientNorm;
        private long _hvps;
        private long _gradients;
        /// <summary>The CG steps, or products at one point, from which Hessian operators pay: making one by a replay
        /// costs about two products more than a gradient, and each of its products saves about half of one.</summary>
        private const int OperatorProducts = 4;

        private readonly double[] _unusedGradient;
        private CompiledHessian<double>? _compiled;
        private HessianOperator<double>? _operator;
        private int _productsAtX;

        public Run(IScalarFunction f, double[] x0, NewtonCgOptions options)
        {
            _f = f;
            _options = options;
            _n = x0.Length;
            _x0 = (double[])x0.Clone();
            _x = (double[])x0.Clone();
            _g = new double[_n];
            _xTrial = new double[_n];
            _gTrial = new double[_n];
            _scale = new double[_n];
            _gs = new double[_n];
            _p = new double[_n];
            _r = new double[_n];
            _d = new double[_n];
            _u = new double[_n];
            _hd = new double[_n];
            _unusedGradient = new double[_n];
        }

        public NewtonCgResult Solve()
        {
            try
            {
                return Iterate();
            }
            finally
            {
                _operator?.Dispose();
                _compiled?.Dispose();
            }
        }

        private NewtonCgResult Iterate()
        {
            _value = Hvp.ValueAndGradient(_f, _x, _g);
            _gradients++;
            _gradientNorm = Math.Sqrt(Dot(_g, _g));
            if (!double.IsFinite(_value) || !double.IsFinite(_gradientNorm))
            {
                return Finish(0, NewtonCgStatus.NonFiniteValue, $"f or ∇f is not finite at the start point (f = {_value}, ‖∇f‖ = {_gradientNorm}).");
            }

            UpdateScale();
            double radius = _options.InitialTrustRadius ?? 1;
            double maxRadius = _options.MaxTrustRadius ?? double.PositiveInfinity;
            int maxIterations = _options.MaxIterations ?? (int)Math.Min(int.MaxValue, Math.Max(1000, 200L * _n));
            int maxCg = _options.MaxCgIterations ?? _n;
            for (int iteration = 1; ; iteration++)
            {
                if (GradientConverged(out string why))
                {
                    return Finish(iteration - 1, NewtonCgStatus.Converged, why);
                }

                if (iteration > maxIterations)
                {
                    return Finish(iteration - 1, NewtonCgStatus.IterationLimit, $"The budget of {maxIterations} iterations ran out with f = {_value:G6}, ‖∇f‖ = {_gradientNorm:G3}.");
                }

                if (_options.CancellationToken.IsCancellationRequested)
                {
                    return Finish(iteration - 1, NewtonCgStatus.Cancelled, "Cancelled.");
                }

                (int cgSteps, double predicted, bool onBoundary) = Steihaug(radius, maxCg);
                if (double.IsNaN(predicted))
                {
                    return Finish(iteration, NewtonCgStatus.NonFiniteValue, "A Hessian-vector product was not finite (curvature dᵀHd is NaN or infinite).");
                }

                bool moved = false;
                for (int i = 0; i < _n; i++)
                {
                    _xTrial[i] = _x[i] + _p[i] / _scale[i];
                    moved |= _xTrial[i] != _x[i];
                }

                if (!moved)
                {
                    // the step is below the resolution of x: nothing can change any more
                    _options.Progress?.Invoke(new NewtonCgProgress(iteration, _value, _gradientNorm, cgSteps, radius, false, _clock.Elapsed));
                    return StallOrStop(iteration, radius, maxCg);
                }

                HessianOperator<double>? trialOperator = null;
                double trial;
                if (cgSteps >= OperatorProducts)
                {
                    trialOperator = Compiled().Linearize(_xTrial);
                    trial = trialOperator.Value;
                    trialOperator.CopyGradientTo(_gTrial);
                }
                else
                {
                    trial = Hvp.ValueAndGradient(_f, _xTrial, _gTrial);
                }

                _gradients++;
                if (double.IsNegativeInfinity(trial))
                {
                    trialOperator?.Dispose();
                    return Finish(iteration, NewtonCgStatus.NonFiniteValue, "f is −∞ at a trial point: it looks unbounded below.");
                }

                double trialGradientNorm = Math.Sqrt(Dot(_gTrial, _gTrial));
                bool finite = double.IsFinite(trial) && double.IsFinite(trialGradientNorm);
                double rho = finite && predicted > 0 ? ActualReduction(trial) / predicted : double.NegativeInfinity;
                double stepNorm = Math.Sqrt(Dot(_p, _p));
                if (rho < 0.25)
                {
                    radius = 0.25 * stepNorm;
                }
                else if (rho > 0.75 && onBoundary)
                {
                    radius = Math.Min(2 * radius, maxRadius);
                }

                bool accepted = rho > _options.Eta;
                if (!accepted)
                {
                    trialOperator?.Dispose();
                }

                if (accepted)
                {
                    // a new x: the products made at the old one are of no use any more
                    _operator?.Dispose();
                    _operator = trialOperator;
                    _productsAtX = 0;
                    (_x, _xTrial) = (_xTrial, _x);
                    (_g, _gTrial) = (_gTrial, _g);
                    _value = trial;
                    _gradientNorm = trialGradientNorm;
                    UpdateScale();
                }

                _options.Progress?.Invoke(new NewtonCgProgress(iteration, _value, _gradientNorm, cgSteps, radius, accepted, _clock.Elapsed));
                if (!(radius > 1e-15))
                {
                    return StallOrStop(iteration, radius, maxCg);
                }
            }
        }

        /// <summary>The end of a run whose steps no longer change x or f (a trust region below the resolution of x,
        /// relative steps of 1e-15): one unconstrained Newton step says whether x is a minimiser to working
        /// precision (the decrease it predicts is below <see cref="NewtonCgOptions.FunctionTolerance"/>·|f|) or
        /// progress is blocked (NaN/∞ near x, or rounding far from a stationary point).</summary>
        private NewtonCgResult StallOrStop(int iteration, double radius, int maxCg)
        {
            if (GradientConverged(out string why))
            {
                return Finish(iteration, NewtonCgStatus.Converged, why);
            }

            (_, double predicted, bool onBoundary) = Steihaug(double.PositiveInfinity, maxCg);
            return !onBoundary && predicted <= _options.FunctionTolerance * Math.Abs(_value)
                ? Finish(iteration, NewtonCgStatus.Converged, $"no step changes f any more and the Newton step predicts a decrease of f by {predicted:G3} ≤ {_options.FunctionTolerance:G3}·|f| (f = {_value:G10}, ‖∇f‖ = {_gradientNorm:G3}): x is a minimiser to working precision.")
                : Finish(iteration, NewtonCgStatus.StepTooSmall, $"The trust region shrank to {radius:G3} with f = {_value:G6}, ‖∇f‖ = {_gradientNorm:G3}, and a Newton step would still reduce f by {predicted:G3}: rounding in f (or NaN/∞ near x) prevents further progress.");
        }

        /// <summary>f(x) − f(x + p), or, where that difference is lost in rounding (below 1e-10·|f|), the trapezoid
        /// estimate −½(∇f(x) + ∇f(x + p))ᵀp, exact for a quadratic and free of cancellation, so steps near a
        /// minimiser with f* ≠ 0 are still judged correctly and x converges to the accuracy of ∇f, not of f.</summary>
        private double ActualReduction(double trial)
        {
            double difference = _value - trial;
            if (Math.Abs(difference) > 1e-10 * Math.Abs(_value))
            {
                return difference;
            }

            double sum = 0;
            for (int i = 0; i < _n; i++)
            {
                sum += (_g[i] + _gTrial[i]) * (_xTrial[i] - _x[i]);
            }

            return -0.5 * sum;
        }

        /// <summary>The gradient tests: ‖∇f‖₂ ≤ the absolute tolerance, or ‖∇f ⊙ max(|x|, 1)‖₂ ≤ rtol·max(|f|, 1),
        /// the change of f relative to its size under relative changes of the xᵢ.</summary>
        private bool GradientConverged(out string why)
        {
            if (_gradientNorm <= _options.GradientTolerance)
            {
                why = $"‖∇f‖ = {_gradientNorm:G3} ≤ {_options.GradientTolerance:G3}.";
                return true;
            }

            double sum = 0;
            for (int i = 0; i < _n; i++)
            {
                double term = _g[i] * Math.Max(Math.Abs(_x[i]), 1);
                sum += term * term;
            }

            double relative = Math.Sqrt(sum) / Math.Max(Math.Abs(_value), 1);
            why = $"the relative gradient ‖∇f ⊙ max(|x|, 1)‖₂/max(|f|, 1) = {relative:G3} ≤ {_options.RelativeGradientTolerance:G3}.";
            return relative <= _options.RelativeGradientTolerance;
        }

        /// <summary>D = diag(dᵢ), dᵢ = 1/max(|xᵢ|, |x₀ᵢ|, typical), non-increasing over the run.</summary>
        private void UpdateScale()
        {
            for (int i = 0; i < _n; i++)
            {
                double typical = _options.Scaling ? Math.Max(Math.Max(Math.Abs(_x[i]), Math.Abs(_x0[i])), _options.TypicalMagnitude) : 1;
                _scale[i] = _scale[i] == 0 ? 1 / typical : Math.Min(_scale[i], 1 / typical);
            }
        }

        /// <summary>Steihaug–Toint CG in the scaled variables p̂ = Dp: approximately minimises ĝᵀp̂ + ½p̂ᵀĤp̂ over
        /// ‖p̂‖ ≤ Δ into <see cref="_p"/>, with ĝ = D⁻¹∇f and Ĥ = D⁻¹HD⁻¹.</summary>
        /// <returns>The CG steps taken, the predicted reduction −m(p) (NaN if a curvature was not finite), and
        /// whether p lies on the boundary (or follows negative curvature).</returns>
        private (int Steps, double Predicted, bool OnBoundary) Steihaug(double radius, int maxSteps)
        {
            Array.Clear(_p);
            for (int i = 0; i < _n; i++)
            {
                _gs[i] = _g[i] / _scale[i];
                _r[i] = _gs[i];
                _d[i] = -_gs[i];
            }

            double rr = Dot(_r, _r);
            double norm = Math.Sqrt(rr);
            if (_initialScaledGradientNorm == 0)
            {
                _initialScaledGradientNorm = norm;
            }

            // the forcing term η = min(0.5, √(‖ĝ‖/‖ĝ₀‖)): superlinear convergence, and scale-free (with √‖g‖ a
            // gradient of 10⁵ would keep η = 0.5 and CG would stop after a step or two, far from the Newton step)
            double tolerance = Math.Min(0.5, Math.Sqrt(norm / _initialScaledGradientNorm)) * norm;
            double model = 0;
            for (int step = 1; step <= maxSteps; step++)
            {
                for (int i = 0; i < _n; i++)
                {
                    _u[i] = _d[i] / _scale[i];
                }

                Product(_u, _hd);
                for (int i = 0; i < _n; i++)
                {
                    _hd[i] /= _scale[i];
                }

                double curvature = Dot(_d, _hd);
                if (!double.IsFinite(curvature))
                {
                    return (step, double.NaN, false);
                }

                double pd = Dot(_p, _d);
                double dd = Dot(_d, _d);
                double pp = Dot(_p, _p);
                double alpha = rr / curvature;

                // Non-positive curvature, or a step that leaves the region: go to the boundary along d.
                if (curvature <= 0 || pp + alpha * (2 * pd + alpha * dd) >= radius * radius)
                {
                    if (double.IsPositiveInfinity(radius))
                    {
                        // the unconstrained check: no boundary to go to, and not a minimiser's model
                        return (step, double.PositiveInfinity, true);
                    }

                    double tau = ToBoundary(pp, pd, dd, radius);
                    model += Advance(tau, curvature);
                    return (step, -model, true);
                }

                model += Advance(alpha, curvature);
                for (int i = 0; i < _n; i++)
                {
                    _r[i] += alpha * _hd[i];
                }

                double rrNext = Dot(_r, _r);
                if (Math.Sqrt(rrNext) <= tolerance)
                {
                    return (step, -model, false);
                }

                double beta = rrNext / rr;
                rr = rrNext;
                for (int i = 0; i < _n; i++)
                {
                    _d[i] = -_r[i] + beta * _d[i];
                }
            }

            return (maxSteps, -model, false);
        }

        /// <summary>H(x)·u into <paramref name="hu"/>: from the operator at x if there is one (or once x has had
        /// <see cref="OperatorProducts"/> products), else by forward-over-reverse.</summary>
        private void Product(double[] u, double[] hu)
        {
            if (_operator is null && ++_productsAtX > OperatorProducts)
            {
                _operator = Compiled().Linearize(_x);
            }

            if (_operator is not null)
            {
                _operator.Apply(u, hu);
            }
            else
            {
                Hvp.ForwardOverReverse<double, ScalarFunction<double>>(new ScalarFunction<double>(_f), _x, u, _unusedGradient, hu);
            }

            _hvps++;
        }

        /// <summary>The recording for replay of f, made on first use.</summary>
        private CompiledHessian<double> Compiled() => _compiled ??= Hvp.Compile(_f, _x);

        /// <summary>p += t·d, returning the change of the model, t·(ĝᵀd + dᵀĤp) + ½t²·dᵀĤd (with the old p).</summary>
        private double Advance(double t, double curvature)
        {
            double gd = 0;
            double hdp = 0;
            for (int i = 0; i < _n; i++)
            {
                gd += _gs[i] * _d[i];
                hdp += _hd[i] * _p[i];
                _p[i] += t * _d[i];
            }

            return t * (gd + hdp) + 0.5 * t * t * curvature;
        }

        /// <summary>The τ ≥ 0 with ‖p + τd‖ = Δ: the positive root of dᵀd·τ² + 2pᵀd·τ + pᵀp − Δ² = 0.</summary>
        /// <remarks>pᵀp ≤ Δ², so the constant term is ≤ 0 and the roots have opposite signs (or one is 0);
        /// the form below avoids cancellation for either sign of pᵀd.</remarks>
        private static double ToBoundary(double pp, double pd, double dd, double radius)
        {
            double c = pp - radius * radius;
            double root = Math.Sqrt(Math.Max(0, pd * pd - dd * c));
            return pd > 0 ? -c / (pd + root) : (root - pd) / dd;
        }

        private NewtonCgResult Finish(int iterations, NewtonCgStatus status, string message) =>
            new(_x, _value, _gradientNorm, iterations, status, message, _hvps, _gradients, _clock.Elapsed);

        private static double Dot(double[] a, double[] b)
        {
            double sum = 0;
            for (int i = 0; i < a.Length; i++)
            {
                sum += a[i] * b[i];
            }

            return sum;
        }
    }
}
