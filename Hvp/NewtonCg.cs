using System.Diagnostics;

namespace DualAutodiff;

/// <summary>
/// Hessian-free Newton: a truncated Newton method whose steps come from conjugate gradients on exact
/// Hessian-vector products, inside a trust region (Steihaug–Toint). H is never formed; memory is O(n).
/// </summary>
/// <remarks>
/// <para>
/// Each iteration minimises the quadratic model m(p) = f + ∇fᵀp + ½pᵀHp over ‖p‖ ≤ Δ by conjugate gradients,
/// each CG step one forward-over-reverse product H·d (<see cref="Hvp"/>). CG stops when the residual is below
/// min(0.5, √‖∇f‖)·‖∇f‖ (which gives superlinear convergence), when the step reaches the trust-region boundary,
/// or when it meets a direction of non-positive curvature dᵀHd ≤ 0, which it follows to the boundary, so
/// saddles and concave regions are left rather than converged to. The radius then adapts to the ratio ρ of
/// actual to predicted reduction (Nocedal and Wright, Algorithms 4.1 and 7.2; SciPy's <c>trust-ncg</c>).
/// </para>
/// <para>
/// The run always ends with a <see cref="NewtonCgStatus"/>: converged, out of iterations, a non-finite value,
/// a collapsed trust region, or cancelled. A trial point where f is NaN or +∞ is rejected and the region shrinks.
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
    /// <exception cref="ArgumentException">f or x0 is null, x0 is empty, or a setting is out of range.</exception>
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
        private double[] _x;
        private double[] _g;
        private double[] _xTrial;
        private double[] _gTrial;
        private readonly double[] _p;
        private readonly double[] _r;
        private readonly double[] _d;
        private readonly double[] _hd;
        private readonly double[] _unusedGradient;
        private double _value;
        private double _gradientNorm;
        private long _hvps;
        private long _gradients;

        public Run(IScalarFunction f, double[] x0, NewtonCgOptions options)
        {
            _f = f;
            _options = options;
            _n = x0.Length;
            _x = (double[])x0.Clone();
            _g = new double[_n];
            _xTrial = new double[_n];
            _gTrial = new double[_n];
            _p = new double[_n];
            _r = new double[_n];
            _d = new double[_n];
            _hd = new double[_n];
            _unusedGradient = new double[_n];
        }

        public NewtonCgResult Solve()
        {
            _value = Hvp.ValueAndGradient(_f, _x, _g);
            _gradients++;
            _gradientNorm = Math.Sqrt(Dot(_g, _g));
            if (!double.IsFinite(_value) || !double.IsFinite(_gradientNorm))
            {
                return Finish(0, NewtonCgStatus.NonFiniteValue, $"f or ∇f is not finite at the start point (f = {_value}, ‖∇f‖ = {_gradientNorm}).");
            }

            double radius = _options.InitialTrustRadius ?? Math.Max(1, Math.Sqrt(Dot(_x, _x)));
            double maxRadius = Math.Max(radius, _options.MaxTrustRadius ?? 1000 * radius);
            int maxIterations = _options.MaxIterations ?? (int)Math.Min(int.MaxValue, 200L * _n);
            int maxCg = _options.MaxCgIterations ?? _n;
            for (int iteration = 1; ; iteration++)
            {
                if (_gradientNorm <= _options.GradientTolerance)
                {
                    return Finish(iteration - 1, NewtonCgStatus.Converged, $"‖∇f‖ = {_gradientNorm:G3} ≤ {_options.GradientTolerance:G3}.");
                }

                if (iteration > maxIterations)
                {
                    return Finish(iteration - 1, NewtonCgStatus.IterationLimit, $"The budget of {maxIterations} iterations ran out with ‖∇f‖ = {_gradientNorm:G3}.");
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

                for (int i = 0; i < _n; i++)
                {
                    _xTrial[i] = _x[i] + _p[i];
                }

                double trial = Hvp.ValueAndGradient(_f, _xTrial, _gTrial);
                _gradients++;
                if (double.IsNegativeInfinity(trial))
                {
                    return Finish(iteration, NewtonCgStatus.NonFiniteValue, "f is −∞ at a trial point: it looks unbounded below.");
                }

                double trialGradientNorm = Math.Sqrt(Dot(_gTrial, _gTrial));
                bool finite = double.IsFinite(trial) && double.IsFinite(trialGradientNorm);
                double rho = finite && predicted > 0 ? (_value - trial) / predicted : double.NegativeInfinity;
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
                if (accepted)
                {
                    (_x, _xTrial) = (_xTrial, _x);
                    (_g, _gTrial) = (_gTrial, _g);
                    _value = trial;
                    _gradientNorm = trialGradientNorm;
                }

                _options.Progress?.Invoke(new NewtonCgProgress(iteration, _value, _gradientNorm, cgSteps, radius, accepted, _clock.Elapsed));
                if (!(radius > double.Epsilon) || radius < 1e-15 * Math.Max(1, Math.Sqrt(Dot(_x, _x))))
                {
                    return _gradientNorm <= _options.GradientTolerance
                        ? Finish(iteration, NewtonCgStatus.Converged, $"‖∇f‖ = {_gradientNorm:G3} ≤ {_options.GradientTolerance:G3}.")
                        : Finish(iteration, NewtonCgStatus.StepTooSmall, $"The trust region shrank to {radius:G3} with ‖∇f‖ = {_gradientNorm:G3}: rounding in f (or NaN/∞ near x) prevents further progress.");
                }
            }
        }

        /// <summary>Steihaug–Toint CG: approximately minimises gᵀp + ½pᵀHp over ‖p‖ ≤ Δ into <see cref="_p"/>.</summary>
        /// <returns>The CG steps taken, the predicted reduction −m(p) (NaN if a curvature was not finite), and
        /// whether p lies on the boundary.</returns>
        private (int Steps, double Predicted, bool OnBoundary) Steihaug(double radius, int maxSteps)
        {
            Array.Clear(_p);
            for (int i = 0; i < _n; i++)
            {
                _r[i] = _g[i];
                _d[i] = -_g[i];
            }

            double rr = _gradientNorm * _gradientNorm;
            double tolerance = Math.Min(0.5, Math.Sqrt(_gradientNorm)) * _gradientNorm;
            double model = 0;
            for (int step = 1; step <= maxSteps; step++)
            {
                Hvp.ForwardOverReverse<double, ScalarFunction<double>>(new ScalarFunction<double>(_f), _x, _d, _unusedGradient, _hd);
                _hvps++;
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

        /// <summary>p += t·d, returning the change of the model, t·(gᵀd + dᵀHp) + ½t²·dᵀHd (with the old p).</summary>
        private double Advance(double t, double curvature)
        {
            double gd = 0;
            double hdp = 0;
            for (int i = 0; i < _n; i++)
            {
                gd += _g[i] * _d[i];
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
