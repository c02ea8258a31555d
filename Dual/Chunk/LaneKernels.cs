using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

/// <summary>The kernels at <see cref="Dual{T, TTangents}"/> for a plain <typeparamref name="T"/> (double, float): each
/// splits its spans into k single-tangent spans of <see cref="Dual{T}"/>, one per lane, and runs
/// <see cref="DualKernels{T}"/> on each, so lane l is bit for bit what a single-tangent pass seeded with lane l gives,
/// and the value is that of the plain <typeparamref name="T"/> kernels (ForwardDiff's chunk mode gives the plain value).
/// Without them the kernels ran as generic loops over the lanes type, whose sums round in another order.</summary>
/// <typeparam name="T">The scalar type of value and tangents.</typeparam>
/// <typeparam name="TTangents">The lanes.</typeparam>
/// <remarks>One source per derivative: every rule is <see cref="DualKernels{T}"/>'s, read per lane. The matrix
/// products, the elementwise functions, <c>Dot</c> and <c>Sum</c> compute the value once and each lane's tangent with
/// the single-tangent kernel's tangent part (<see cref="DualKernels{T}.MatrixMultiplyTangent"/> and the like); the
/// other kernels recompute the value per lane (SIMD passes at <typeparamref name="T"/>, cheaper than a generic pass
/// over the lanes type) and take it from lane 0, the same in every lane because <see cref="DualKernels{T}"/> computes
/// values from values only. The cheap elementwise arithmetic stays one loop of <see cref="Dual{T, TTangents}"/>
/// operations, as <see cref="DualKernels{T}"/> runs it for a plain <typeparamref name="T"/> (per element, so already
/// exact). Scratch is pooled; nothing is allocated per call once the pool holds the sizes.</remarks>
internal sealed partial class LaneKernels<T, TTangents> : KernelDispatch<Dual<T, TTangents>>
    where T : IFloatingPointIeee754<T>
    where TTangents : struct, ITangents<T, TTangents>
{
    public static readonly LaneKernels<T, TTangents> Shared = new();

    private static int Lanes => TTangents.Count;

    private static DualKernels<T> D => DualKernels<T>.Shared;

    //
    // Reductions
    //

    /// <summary>x·y once, then each lane's tangent ẋₗ·y + x·ẏₗ (<see cref="DualKernels{T}.DotTangent"/>).</summary>
    public override Dual<T, TTangents> Dot(ReadOnlySpan<Dual<T, TTangents>> x, ReadOnlySpan<Dual<T, TTangents>> y)
    {
        int n = x.Length;
        T[] buffer = Scratch(2 * (Lanes + 1) * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, Lanes * n);
            Span<T> yv = buffer.AsSpan((Lanes + 1) * n, n), yt = buffer.AsSpan((Lanes + 2) * n, Lanes * n);
            SplitLanes(x, xv, xt);
            SplitLanes(y, yv, yt);
            TTangents t = default;
            for (int l = 0; l < Lanes; l++)
            {
                TTangents.Set(ref t, l, DualKernels<T>.DotTangent(xv, xt.Slice(l * n, n), yv, yt.Slice(l * n, n)));
            }

            return new(KernelDispatch<T>.Instance.Dot(xv, yv), t);
        }
        finally
        {
            ReturnScratch(buffer);
        }
    }

    /// <summary>Σx once, then each lane's Σẋₗ (<see cref="DualKernels{T}.Sum"/>: the plain sum of the tangents).</summary>
    public override Dual<T, TTangents> Sum(ReadOnlySpan<Dual<T, TTangents>> x)
    {
        int n = x.Length;
        T[] buffer = Scratch((Lanes + 1) * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, Lanes * n);
            SplitLanes(x, xv, xt);
            TTangents t = default;
            for (int l = 0; l < Lanes; l++)
            {
                TTangents.Set(ref t, l, KernelDispatch<T>.Instance.Sum(xt.Slice(l * n, n)));
            }

            return new(KernelDispatch<T>.Instance.Sum(xv), t);
        }
        finally
        {
            ReturnScratch(buffer);
        }
    }

    public override Dual<T, TTangents> SumOfSquares(ReadOnlySpan<Dual<T, TTangents>> x) => Reduce(x, static a => D.SumOfSquares(a));

    public override Dual<T, TTangents> Norm(ReadOnlySpan<Dual<T, TTangents>> x) => Reduce(x, static a => D.Norm(a));

    public override Dual<T, TTangents> LogSumExp(ReadOnlySpan<Dual<T, TTangents>> x) => Reduce(x, static a => D.LogSumExp(a));

    public override Dual<T, TTangents> ScaleDot(ReadOnlySpan<Dual<T, TTangents>> x, ReadOnlySpan<Dual<T, TTangents>> y) => Reduce(x, y, static (a, b) => D.ScaleDot(a, b));

    //
    // Elementwise arithmetic: one loop of lane operations, exact per element
    //

    public override void Add(ReadOnlySpan<Dual<T, TTangents>> x, ReadOnlySpan<Dual<T, TTangents>> y, Span<Dual<T, TTangents>> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] + y[i];
        }
    }

    public override void Subtract(ReadOnlySpan<Dual<T, TTangents>> x, ReadOnlySpan<Dual<T, TTangents>> y, Span<Dual<T, TTangents>> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] - y[i];
        }
    }

    public override void Multiply(ReadOnlySpan<Dual<T, TTangents>> x, ReadOnlySpan<Dual<T, TTangents>> y, Span<Dual<T, TTangents>> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] * y[i];
        }
    }

    public override void Divide(ReadOnlySpan<Dual<T, TTangents>> x, ReadOnlySpan<Dual<T, TTangents>> y, Span<Dual<T, TTangents>> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] / y[i];
        }
    }

    public override void AddScalar(ReadOnlySpan<Dual<T, TTangents>> x, Dual<T, TTangents> y, Span<Dual<T, TTangents>> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] + y;
        }
    }

    public override void SubtractScalar(ReadOnlySpan<Dual<T, TTangents>> x, Dual<T, TTangents> y, Span<Dual<T, TTangents>> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] - y;
        }
    }

    public override void ScalarSubtract(Dual<T, TTangents> x, ReadOnlySpan<Dual<T, TTangents>> y, Span<Dual<T, TTangents>> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x - y[i];
        }
    }

    public override void MultiplyScalar(ReadOnlySpan<Dual<T, TTangents>> x, Dual<T, TTangents> y, Span<Dual<T, TTangents>> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = x[i] * y;
        }
    }

    //
    // Elementwise through the single-tangent kernels
    //

    public override void DivideScalar(ReadOnlySpan<Dual<T, TTangents>> x, Dual<T, TTangents> y, Span<Dual<T, TTangents>> destination) =>
        Map(x, y, destination, static (a, b, d) => D.DivideScalar(a, b, d));

    public override void ScalarDivide(Dual<T, TTangents> x, ReadOnlySpan<Dual<T, TTangents>> y, Span<Dual<T, TTangents>> destination) =>
        Map(y, x, destination, static (b, a, d) => D.ScalarDivide(a, b, d));

    public override void Exp(ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination) => Function(x, destination, ElementwiseFunction.Exp);

    public override void Log(ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination) => Function(x, destination, ElementwiseFunction.Log);

    public override void Tanh(ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination) => Function(x, destination, ElementwiseFunction.Tanh);

    public override void Sigmoid(ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination) => Function(x, destination, ElementwiseFunction.Sigmoid);

    public override void Softplus(ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination) => Function(x, destination, ElementwiseFunction.Softplus);

    public override void Square(ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination) => Map(x, destination, static (a, d) => D.Square(a, d));

    public override void SoftMax(ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination) => Map(x, destination, static (a, d) => D.SoftMax(a, d));

    public override void Scale(ReadOnlySpan<Dual<T, TTangents>> x, ReadOnlySpan<Dual<T, TTangents>> y, Span<Dual<T, TTangents>> destination) =>
        Map(x, y, destination, static (a, b, d) => D.Scale(a, b, d));

    public override void ScaleScalar(ReadOnlySpan<Dual<T, TTangents>> x, Dual<T, TTangents> y, Span<Dual<T, TTangents>> destination) =>
        Map(x, y, destination, static (a, b, d) => D.ScaleScalar(a, b, d));

    /// <summary>f(a) + Σ (f′(a)·bₗ)εₗ: value and f′ once (<see cref="DualKernels{T}.ValueAndDerivative"/>), then every
    /// lane's tangent with the propagation product Scale(ẋₗ, f′), element by element over the lanes (the single-tangent
    /// kernel's product, bit for bit: an elementwise product rounds the same way in any order).</summary>
    private static void Function(ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination, ElementwiseFunction kind)
    {
        int n = x.Length;
        T[] buffer = Scratch(3 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), z = buffer.AsSpan(n, n), d = buffer.AsSpan(2 * n, n);
            for (int i = 0; i < n; i++)
            {
                xv[i] = x[i].Value;
            }

            ReadOnlySpan<T> derivative = DualKernels<T>.ValueAndDerivative(kind, xv, z, d);

            // destination is x exactly or apart from it, so element i is read before it is written
            for (int i = 0; i < n; i++)
            {
                destination[i] = new(z[i], TangentLanes.Scale<T, TTangents>(in Dual<T, TTangents>.LanesOf(in x[i]), derivative[i]));
            }
        }
        finally
        {
            ReturnScratch(buffer);
        }
    }

    //
    // Pooled lane buffers: lane l of element i of an n-element span at [l·n + i]
    //

    /// <summary>k·n single-tangent duals, pooled.</summary>
    private static Dual<T>[] Rent(int n) => ArrayPool<Dual<T>>.Shared.Rent(Math.Max(1, Lanes * n));

    private static void Return(Dual<T>[] buffer) => ArrayPool<Dual<T>>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());

    /// <summary>Lane <paramref name="lane"/> of n elements in a buffer from <see cref="Rent"/>.</summary>
    private static Span<Dual<T>> Lane(Dual<T>[] buffer, int n, int lane) => buffer.AsSpan(lane * n, n);

    /// <summary>Writes every lane of <paramref name="x"/> into <paramref name="lanes"/> (k·x.Length elements).</summary>
    private static void Split(ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T>> lanes)
    {
        int n = x.Length;
        for (int start = 0; start < n; start += Block)
        {
            int end = Math.Min(n, start + Block);
            for (int l = 0; l < Lanes; l++)
            {
                Span<Dual<T>> lane = lanes.Slice(l * n, n);
                for (int i = start; i < end; i++)
                {
                    lane[i] = new(x[i].Value, GetLane(in x[i], l));
                }
            }
        }
    }

    /// <summary>The lanes back into one span: values from lane 0, lane l's tangent from lane l.</summary>
    private static void Merge(ReadOnlySpan<Dual<T>> lanes, Span<Dual<T, TTangents>> destination)
    {
        ReadOnlySpan<T> parts = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<Dual<T>, T>(ref MemoryMarshal.GetReference(lanes)), 2 * lanes.Length);
        if (!parts.IsEmpty)
        {
            Merge(parts, parts[1..], 2, destination);
        }
    }

    private static T[] Scratch(int length) => ArrayPool<T>.Shared.Rent(Math.Max(1, length));

    private static void ReturnScratch(T[] buffer) => ArrayPool<T>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());

    /// <summary>Values into <paramref name="values"/>, lane l's tangents into lanes[l·n .. (l+1)·n].</summary>
    private static void SplitLanes(ReadOnlySpan<Dual<T, TTangents>> x, Span<T> values, Span<T> lanes)
    {
        int n = x.Length;
        for (int start = 0; start < n; start += Block)
        {
            int end = Math.Min(n, start + Block);
            for (int i = start; i < end; i++)
            {
                values[i] = x[i].Value;
            }

            for (int l = 0; l < Lanes; l++)
            {
                Span<T> lane = lanes.Slice(l * n, n);
                for (int i = start; i < end; i++)
                {
                    lane[i] = GetLane(in x[i], l);
                }
            }
        }
    }

    /// <summary>The inverse of <see cref="SplitLanes"/>.</summary>
    private static void MergeLanes(ReadOnlySpan<T> values, ReadOnlySpan<T> lanes, Span<Dual<T, TTangents>> destination) => Merge(values, lanes, 1, destination);

    /// <summary>destination[i] = values[s·i] + Σₗ tangents[s·(l·n + i)]εₗ for the stride s.</summary>
    private static void Merge(ReadOnlySpan<T> values, ReadOnlySpan<T> tangents, int stride, Span<Dual<T, TTangents>> destination)
    {
        int n = destination.Length;
        for (int start = 0; start < n; start += Block)
        {
            int end = Math.Min(n, start + Block);
            if (Consecutive)
            {
                for (int i = start; i < end; i++)
                {
                    destination[i] = new(values[stride * i], default(TTangents));
                }

                for (int l = 0; l < Lanes; l++)
                {
                    for (int i = start; i < end; i++)
                    {
                        Unsafe.Add(ref FirstLane(in destination[i]), l) = tangents[stride * ((l * n) + i)];
                    }
                }

                continue;
            }

            for (int i = start; i < end; i++)
            {
                TTangents t = default;
                for (int l = 0; l < Lanes; l++)
                {
                    TTangents.Set(ref t, l, tangents[stride * ((l * n) + i)]);
                }

                destination[i] = new(values[stride * i], t);
            }
        }
    }

    //
    // Lanes in memory. The library's lane types hold their k lanes as k consecutive scalars (IConsecutiveLanes), so a
    // lane is read and written in place; through ITangents' Get and Set a lane of a vector type went through a stack
    // slot, and each Set's reload of the vector stalled on the store of the lane just before it. Lane l of element i
    // of a split lies at [l·n + i]: k streams n scalars apart, so splits and merges go through a block of elements
    // lane by lane while it is in cache. Eight lanes of a 64×64 by 64×32 product took 570 µs through Get and Set and
    // 272 µs in place and in blocks, of which 165 µs are the sixteen tangent products themselves.
    //

    private const int Block = 64;

    private static bool Consecutive => default(TTangents) is IConsecutiveLanes;

    /// <summary>Lane 0 of the tangents of <paramref name="x"/>; lane l lies l scalars further (when
    /// <see cref="Consecutive"/>).</summary>
    private static ref T FirstLane(ref readonly Dual<T, TTangents> x) =>
        ref Unsafe.As<TTangents, T>(ref Unsafe.AsRef(in Dual<T, TTangents>.LanesOf(in x)));

    private static T GetLane(ref readonly Dual<T, TTangents> x, int lane) =>
        Consecutive ? Unsafe.Add(ref FirstLane(in x), lane) : TTangents.Get(in Dual<T, TTangents>.LanesOf(in x), lane);

    /// <summary>Lane l of a scalar.</summary>
    private static Dual<T> Lane(in Dual<T, TTangents> x, int lane) => new(x.Value, GetLane(in x, lane));

    private static Dual<T, TTangents> Reduce(ReadOnlySpan<Dual<T, TTangents>> x, Func<ReadOnlySpan<Dual<T>>, Dual<T>> kernel)
    {
        int n = x.Length;
        Dual<T>[] buffer = Rent(n);
        try
        {
            Split(x, buffer);
            return Combine(buffer, n, kernel);
        }
        finally
        {
            Return(buffer);
        }
    }

    private static Dual<T, TTangents> Combine(Dual<T>[] buffer, int n, Func<ReadOnlySpan<Dual<T>>, Dual<T>> kernel)
    {
        TTangents t = default;
        T value = T.Zero;
        for (int l = 0; l < Lanes; l++)
        {
            Dual<T> r = kernel(Lane(buffer, n, l));
            value = l == 0 ? r.Value : value;
            TTangents.Set(ref t, l, r.Tangent);
        }

        return new(value, t);
    }

    private static Dual<T, TTangents> Reduce(ReadOnlySpan<Dual<T, TTangents>> x, ReadOnlySpan<Dual<T, TTangents>> y, Func<ReadOnlySpan<Dual<T>>, ReadOnlySpan<Dual<T>>, Dual<T>> kernel)
    {
        int n = x.Length;
        Dual<T>[] bx = Rent(n), by = Rent(n);
        try
        {
            Split(x, bx);
            Split(y, by);
            TTangents t = default;
            T value = T.Zero;
            for (int l = 0; l < Lanes; l++)
            {
                Dual<T> r = kernel(Lane(bx, n, l), Lane(by, n, l));
                value = l == 0 ? r.Value : value;
                TTangents.Set(ref t, l, r.Tangent);
            }

            return new(value, t);
        }
        finally
        {
            Return(bx);
            Return(by);
        }
    }

    private static void Map(ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination, Action<ReadOnlySpan<Dual<T>>, Span<Dual<T>>> kernel)
    {
        int n = x.Length, m = destination.Length;
        Dual<T>[] bx = Rent(n), bd = Rent(m);
        try
        {
            Split(x, bx);
            for (int l = 0; l < Lanes; l++)
            {
                kernel(Lane(bx, n, l), Lane(bd, m, l));
            }

            Merge(bd.AsSpan(0, Lanes * m), destination);
        }
        finally
        {
            Return(bx);
            Return(bd);
        }
    }

    private static void Map(ReadOnlySpan<Dual<T, TTangents>> x, ReadOnlySpan<Dual<T, TTangents>> y, Span<Dual<T, TTangents>> destination, Action<ReadOnlySpan<Dual<T>>, ReadOnlySpan<Dual<T>>, Span<Dual<T>>> kernel) =>
        Map(x, y, destination, kernel, accumulate: false, static (a, b, d, k) => k(a, b, d));

    /// <summary>Runs <paramref name="kernel"/> on every lane of two spans into a third (for an accumulating kernel,
    /// <paramref name="accumulate"/>: the destination's lanes are read first).</summary>
    private static void Map<TState>(ReadOnlySpan<Dual<T, TTangents>> x, ReadOnlySpan<Dual<T, TTangents>> y, Span<Dual<T, TTangents>> destination, TState state, bool accumulate, Action<ReadOnlySpan<Dual<T>>, ReadOnlySpan<Dual<T>>, Span<Dual<T>>, TState> kernel)
    {
        int n = x.Length, ny = y.Length, m = destination.Length;
        Dual<T>[] bx = Rent(n), by = Rent(ny), bd = Rent(m);
        try
        {
            Split(x, bx);
            Split(y, by);
            if (accumulate)
            {
                Split(destination, bd);
            }

            for (int l = 0; l < Lanes; l++)
            {
                kernel(Lane(bx, n, l), Lane(by, ny, l), Lane(bd, m, l), state);
            }

            Merge(bd.AsSpan(0, Lanes * m), destination);
        }
        finally
        {
            Return(bx);
            Return(by);
            Return(bd);
        }
    }

    private static void Map(ReadOnlySpan<Dual<T, TTangents>> x, Dual<T, TTangents> y, Span<Dual<T, TTangents>> destination, Action<ReadOnlySpan<Dual<T>>, Dual<T>, Span<Dual<T>>> kernel)
    {
        int n = x.Length, m = destination.Length;
        Dual<T>[] bx = Rent(n), bd = Rent(m);
        try
        {
            Split(x, bx);
            for (int l = 0; l < Lanes; l++)
            {
                kernel(Lane(bx, n, l), Lane(in y, l), Lane(bd, m, l));
            }

            Merge(bd.AsSpan(0, Lanes * m), destination);
        }
        finally
        {
            Return(bx);
            Return(bd);
        }
    }
}
