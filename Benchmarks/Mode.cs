using DualAutodiff.Benchmarks.Workloads;

namespace DualAutodiff.Benchmarks;

/// <summary>One way of evaluating a workload: plain <c>double</c>, a JVP, the gradient, an HVP by one route, or a
/// dense Hessian. Names are the peers' mode names, so one table holds every implementation.</summary>
/// <param name="Name">The mode's name in result files.</param>
/// <param name="Run">Evaluates the workload once and returns one number of the result (so nothing is optimised
/// away and nothing is boxed).</param>
/// <param name="MaxN">The largest n the mode is measured at (the dense Hessian is O(n²) memory and O(n) HVPs).</param>
public sealed record Mode(string Name, Func<Workload, double> Run, int MaxN = int.MaxValue)
{
    /// <summary>The Hessian operator of each workload, made on first use (the benchmark process keeps them).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Workload, HessianOperator<double>> s_operators = new();

    /// <summary>The compiled gradient of each workload and two points near x to alternate between, made on first use.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Workload, CompiledAtTwoPoints> s_compiled = new();

    /// <summary>The gradient buffer of each workload for <see cref="GradientIntoBuffer"/>, made on first use.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Workload, double[]> s_buffers = new();

    /// <summary>The H·v buffer of each workload for <see cref="HvpIntoBuffer"/>, made on first use.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Workload, double[]> s_hvpBuffers = new();

    /// <summary>The largest n at which the dense Hessians are measured in the quick mode (the plot and
    /// <see cref="DenseHessianBenchmarks"/> go further).</summary>
    public const int DenseHessianMaxN = 10;

    /// <summary>f(x) with T = <c>double</c>: the same generic code, no derivatives.</summary>
    public static Mode Plain { get; } = new("plain", static w => w.Function.Evaluate<double>(w.Point));

    /// <summary>f(x) and ∇f·v in one forward pass (<see cref="Forward.Jvp{T}(IScalarFunction, T[], T[])"/>).</summary>
    public static Mode Jvp { get; } = new("jvp", static w => Forward.Jvp(w.Function, w.Point, w.Direction).Tangent);

    /// <summary>∇f(x) by one recording and one backward sweep (<see cref="Reverse.Gradient{T}(IScalarFunction, T[])"/>).</summary>
    public static Mode Gradient { get; } = new("gradient", static w => Reverse.Gradient(w.Function, w.Point)[0]);

    /// <summary>∇f(x) into a buffer kept per workload (<see cref="Reverse.ValueAndGradient{T}(IScalarFunction, ReadOnlySpan{T}, Span{T})"/>):
    /// the same recording and sweep as <see cref="Gradient"/> without the new result array. Not in <see cref="All"/>
    /// (the kernel comparison reports it beside the gradient).</summary>
    public static Mode GradientIntoBuffer { get; } = new("gradient-buffer", static w =>
    {
        double[] gradient = s_buffers.GetValue(w, static w => new double[w.N]);
        Reverse.ValueAndGradient<double>(w.Function, w.Point, gradient);
        return gradient[0];
    });

    /// <summary>H·v forward-over-reverse into a buffer kept per workload
    /// (<see cref="Hvp.Compute{T}(IScalarFunction, ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>): the same recording and
    /// sweep as <see cref="HvpMode"/> without the new result array. Not in <see cref="All"/> (the kernel comparison
    /// reports it beside H·v).</summary>
    public static Mode HvpIntoBuffer { get; } = new("hvp-buffer", static w =>
    {
        double[] hvp = s_hvpBuffers.GetValue(w, static w => new double[w.N]);
        Hvp.Compute<double>(w.Function, w.Point, w.Direction, hvp);
        return hvp[0];
    });

    /// <summary>The naive dense Hessian: n gradient-of-gradient-component passes (<see cref="DenseHessian"/>).</summary>
    public static Mode HessianDense { get; } = new("hessian-dense", static w => DenseHessian.ByGradientOfGradient(w.Function, w.Point)[0, 0], DenseHessianMaxN);

    /// <summary>The library's dense Hessian: n forward-over-reverse HVPs H·eⱼ (<see cref="Hvp.Hessian{T}(IScalarFunction, T[])"/>).</summary>
    public static Mode HessianHvp { get; } = new("hessian-hvp", static w => Hvp.Hessian(w.Function, w.Point)[0, 0], DenseHessianMaxN);

    /// <summary>Making a <see cref="HessianOperator{T}"/> at x and disposing it (<see cref="Hvp.Linearize{T}(IScalarFunction, T[])"/>).</summary>
    public static Mode HvpOperatorCreate { get; } = new("hvp-operator-create", static w =>
    {
        using HessianOperator<double> h = Hvp.Linearize(w.Function, w.Point);
        return h.Value;
    });

    /// <summary>One <see cref="HessianOperator{T}.Apply(T[])"/> of an operator made once per workload: H·v without
    /// re-running f (ADOL-C's <c>hess_vec</c> on its reused tape is the peer).</summary>
    public static Mode HvpOperatorApply { get; } = new("hvp-operator", static w => s_operators.GetValue(w, static w => Hvp.Linearize(w.Function, w.Point))!.Apply(w.Direction)[0]);

    /// <summary>One <see cref="CompiledGradient{T}.ValueAndGradient(T[])"/> of a gradient compiled once per workload, at a
    /// new point each call (alternately x and x shifted by 10⁻⁶·(i mod 3)): the replay, not f, computes it (ADOL-C's
    /// <c>gradient</c> on its reused tape is the peer).</summary>
    public static Mode CompiledGradient { get; } = new("compiled-gradient", static w => s_compiled.GetValue(w, static w => new CompiledAtTwoPoints(w)).Next());

    /// <summary>How many times the compiled gradient of <paramref name="w"/> has recorded f (1: every call replayed).</summary>
    /// <param name="w">The workload.</param>
    /// <returns>The count.</returns>
    public static int CompiledRecordings(Workload w) => s_compiled.GetValue(w, static w => new CompiledAtTwoPoints(w)).Recordings;

    /// <summary>Every mode, in table order: plain, jvp, gradient, the HVP routes (forward-over-reverse is called
    /// <c>hvp</c>, as for the peers), the Hessian operator, then the dense Hessians.</summary>
    public static IReadOnlyList<Mode> All { get; } =
        [Plain, Jvp, Gradient, CompiledGradient, .. Enum.GetValues<HvpMethod>().Select(HvpMode), HvpOperatorApply, HvpOperatorCreate, HessianDense, HessianHvp];

    /// <summary>The mode computing H·v by <paramref name="method"/>.</summary>
    /// <param name="method">The HVP route.</param>
    /// <returns><c>hvp</c> for forward-over-reverse, else <c>hvp-</c> and the route in kebab case.</returns>
    public static Mode HvpMode(HvpMethod method) => new(HvpName(method), w => Hvp.Compute(w.Function, w.Point, w.Direction, method)[0]);

    /// <summary>The result-file name of an HVP route.</summary>
    /// <param name="method">The route.</param>
    /// <returns><c>hvp</c>, <c>hvp-reverse-over-forward</c>, <c>hvp-reverse-over-reverse</c> or <c>hvp-finite-difference</c>.</returns>
    public static string HvpName(HvpMethod method) => method switch
    {
        HvpMethod.ForwardOverReverse => "hvp",
        HvpMethod.ReverseOverForward => "hvp-reverse-over-forward",
        HvpMethod.ReverseOverReverse => "hvp-reverse-over-reverse",
        HvpMethod.FiniteDifference => "hvp-finite-difference",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, null),
    };

    /// <summary>Whether the mode is measured for this workload.</summary>
    /// <param name="workload">The workload.</param>
    /// <returns>True when n ≤ <see cref="MaxN"/>.</returns>
    public bool AppliesTo(Workload workload) => workload.N <= MaxN;
}

/// <summary>A compiled gradient and the two points it is evaluated at in turn.</summary>
internal sealed class CompiledAtTwoPoints
{
    private readonly CompiledGradient<double> _gradient;
    private readonly double[][] _points;
    private int _next;

    /// <summary>Compiles the workload's gradient at its point.</summary>
    /// <param name="w">The workload.</param>
    public CompiledAtTwoPoints(Workload w)
    {
        _gradient = Reverse.Compile(w.Function, w.Point);
        _points = [w.Point, [.. w.Point.Select((x, i) => x + (1e-6 * (i % 3)))]];
    }

    /// <summary>How many recordings the gradient has made (1 unless a point took another path).</summary>
    public int Recordings => _gradient.Recordings;

    /// <summary>The gradient at the other point; its first entry.</summary>
    /// <returns>∂f/∂x₀.</returns>
    public double Next()
    {
        _next ^= 1;
        return _gradient.ValueAndGradient(_points[_next]).Gradient[0];
    }
}
