using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

namespace DualAutodiff;

/// <summary>The kernels at <see cref="Dual{T}"/>: each splits its spans into values and tangents and runs kernels at
/// <typeparamref name="T"/> on them (SIMD at double; at a <c>Var</c>, reverse-over-forward, records), so every
/// nesting composes. f(a + bε) = f(a) + (J(a)·b)ε with the 0·∞ = 0 products of <see cref="Propagation.Scale{T}"/>.</summary>
/// <typeparam name="T">The scalar type of value and tangent.</typeparam>
internal sealed partial class DualKernels<T> : KernelDispatch<Dual<T>>
    where T : IFloatingPointIeee754<T>
{
    public static readonly DualKernels<T> Shared = new();

    /// <summary>Whether T is plain (double, float): cheap elementwise arithmetic then runs as one loop of Dual
    /// operations, which measured 3× faster than splitting into value and tangent spans; transcendental functions,
    /// reductions and matrices keep the split, whose SIMD passes win.</summary>
    private static readonly bool s_loop = !RuleDispatch<T>.IsDifferentiable;

    private static KernelDispatch<T> K => KernelDispatch<T>.Instance;

    //
    // Reductions
    //

    /// <summary>x·y + (ẋ·y + x·ẏ)ε.</summary>
    public override Dual<T> Dot(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y)
    {
        int n = x.Length;
        T[] buffer = Rent(4 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), yv = buffer.AsSpan(2 * n, n), yt = buffer.AsSpan(3 * n, n);
            Split(x, xv, xt);
            Split(y, yv, yt);
            return new(K.Dot(xv, yv), DotTangent(xv, xt, yv, yt));
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>ẋ·y + x·ẏ with propagation products: the tangent of <see cref="Dot"/>, the one place both the
    /// single-tangent and the lanes kernels compute it.</summary>
    internal static T DotTangent(ReadOnlySpan<T> xv, ReadOnlySpan<T> xt, ReadOnlySpan<T> yv, ReadOnlySpan<T> yt) => K.ScaleDot(xt, yv) + K.ScaleDot(xv, yt);

    /// <summary>Σx + (Σẋ)ε.</summary>
    public override Dual<T> Sum(ReadOnlySpan<Dual<T>> x)
    {
        int n = x.Length;
        T[] buffer = Rent(2 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n);
            Split(x, xv, xt);
            return new(K.Sum(xv), K.Sum(xt));
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>Σx² + (2·x·ẋ)ε.</summary>
    public override Dual<T> SumOfSquares(ReadOnlySpan<Dual<T>> x)
    {
        int n = x.Length;
        if (Interleaved.IsSupported)
        {
            double[] values = ArrayPool<double>.Shared.Rent(n);
            try
            {
                return Interleaved.SumOfSquares(x, values.AsSpan(0, n));
            }
            finally
            {
                ArrayPool<double>.Shared.Return(values);
            }
        }

        T[] buffer = Rent(2 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n);
            Split(x, xv, xt);
            T s = K.ScaleDot(xv, xt);
            return new(K.SumOfSquares(xv), s + s);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>‖x‖ + ((x·ẋ)/‖x‖)ε.</summary>
    public override Dual<T> Norm(ReadOnlySpan<Dual<T>> x)
    {
        int n = x.Length;
        T[] buffer = Rent(2 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n);
            Split(x, xv, xt);
            T z = K.Norm(xv);

            // at x = 0 the tangent x·ẋ is 0 and 0·(1/0) = 0, as for √(Σx²) written with scalars
            return new(z, Propagation.Scale(K.ScaleDot(xv, xt), T.One / z));
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>lse(x) + (softmax(x)·ẋ)ε.</summary>
    public override Dual<T> LogSumExp(ReadOnlySpan<Dual<T>> x)
    {
        int n = x.Length;
        T[] buffer = Rent(3 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), p = buffer.AsSpan(2 * n, n);
            Split(x, xv, xt);
            T z = K.LogSumExp(xv);
            if (AllZero(xt))
            {
                return new(z, T.Zero);
            }

            K.SubtractScalar(xv, z, p);
            K.Exp(p, p);
            return new(z, K.ScaleDot(p, xt));
        }
        finally
        {
            Return(buffer);
        }
    }

    //
    // Elementwise, two spans
    //

    public override void Add(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination)
    {
        if (Interleaved.IsSupported)
        {
            // (a + bε) + (c + dε) = (a + c) + (b + d)ε: the same operation on every double of the pairs
            TensorPrimitives.Add(Interleaved.Doubles(x), Interleaved.Doubles(y), Interleaved.Doubles(destination));
            return;
        }

        if (s_loop)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = x[i] + y[i];
            }

            return;
        }

        Linear(x, y, destination, subtract: false);
    }

    public override void Subtract(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination)
    {
        if (Interleaved.IsSupported)
        {
            // (a + bε) - (c + dε) = (a - c) + (b - d)ε: the same operation on every double of the pairs
            TensorPrimitives.Subtract(Interleaved.Doubles(x), Interleaved.Doubles(y), Interleaved.Doubles(destination));
            return;
        }

        if (s_loop)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = x[i] - y[i];
            }

            return;
        }

        Linear(x, y, destination, subtract: true);
    }

    /// <summary>xy + (ẋy + xẏ)ε.</summary>
    public override void Multiply(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination)
    {
        if (s_loop)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = x[i] * y[i];
            }

            return;
        }

        int n = x.Length;
        T[] buffer = Rent(7 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), yv = buffer.AsSpan(2 * n, n), yt = buffer.AsSpan(3 * n, n);
            Span<T> z = buffer.AsSpan(4 * n, n), t = buffer.AsSpan(5 * n, n), u = buffer.AsSpan(6 * n, n);
            Split(x, xv, xt);
            Split(y, yv, yt);
            K.Multiply(xv, yv, z);
            K.Scale(xt, yv, t);
            K.Scale(xv, yt, u);
            K.Add(t, u, t);
            Merge(z, t, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>x/y + (ẋ·(1/y) − ẏ·(z/y))ε with z = x/y.</summary>
    public override void Divide(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination)
    {
        if (s_loop)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = x[i] / y[i];
            }

            return;
        }

        int n = x.Length;
        T[] buffer = Rent(6 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), yv = buffer.AsSpan(2 * n, n), yt = buffer.AsSpan(3 * n, n);
            Span<T> z = buffer.AsSpan(4 * n, n), r = buffer.AsSpan(5 * n, n);
            Split(x, xv, xt);
            Split(y, yv, yt);
            K.Divide(xv, yv, z);
            K.ScalarDivide(T.One, yv, r);
            K.Scale(xt, r, xt);
            K.Multiply(z, r, r);
            K.Scale(yt, r, yt);
            K.Subtract(xt, yt, xt);
            Merge(z, xt, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    //
    // Elementwise, a span and a scalar
    //

    public override void AddScalar(ReadOnlySpan<Dual<T>> x, Dual<T> y, Span<Dual<T>> destination) => Shift(x, y, destination, negate: false);

    public override void SubtractScalar(ReadOnlySpan<Dual<T>> x, Dual<T> y, Span<Dual<T>> destination) => Shift(x, -y, destination, negate: false);

    /// <summary>(x − yᵢ) + (ẋ − ẏᵢ)ε.</summary>
    public override void ScalarSubtract(Dual<T> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination) => Shift(y, x, destination, negate: true);

    /// <summary>xᵢy + (ẋᵢy + xᵢẏ)ε.</summary>
    public override void MultiplyScalar(ReadOnlySpan<Dual<T>> x, Dual<T> y, Span<Dual<T>> destination)
    {
        if (s_loop)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = x[i] * y;
            }

            return;
        }

        int n = x.Length;
        T[] buffer = Rent(3 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), t = buffer.AsSpan(2 * n, n);
            Split(x, xv, xt);
            K.ScaleScalar(xt, y.Value, t);
            K.ScaleScalar(xv, y.Tangent, xt);
            K.Add(t, xt, t);
            K.MultiplyScalar(xv, y.Value, xv);
            Merge(xv, t, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>xᵢ/y + ((ẋᵢ − zᵢẏ)/y)ε.</summary>
    public override void DivideScalar(ReadOnlySpan<Dual<T>> x, Dual<T> y, Span<Dual<T>> destination)
    {
        int n = x.Length;
        T[] buffer = Rent(3 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), z = buffer.AsSpan(2 * n, n);
            Split(x, xv, xt);
            T r = T.One / y.Value;
            K.DivideScalar(xv, y.Value, z);
            K.ScaleScalar(xt, r, xt);
            K.ScaleScalar(z, Propagation.Scale(y.Tangent, r), xv);
            K.Subtract(xt, xv, xt);
            Merge(z, xt, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>x/yᵢ + (ẋ/yᵢ − ẏᵢ·zᵢ/yᵢ)ε.</summary>
    public override void ScalarDivide(Dual<T> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination)
    {
        int n = y.Length;
        T[] buffer = Rent(4 * n);
        try
        {
            Span<T> yv = buffer.AsSpan(0, n), yt = buffer.AsSpan(n, n), z = buffer.AsSpan(2 * n, n), r = buffer.AsSpan(3 * n, n);
            Split(y, yv, yt);
            K.ScalarDivide(x.Value, yv, z);
            K.ScalarDivide(T.One, yv, r);
            K.Multiply(z, r, yv);
            K.Scale(yt, yv, yt);
            K.ScaleScalar(r, x.Tangent, r);
            K.Subtract(r, yt, r);
            Merge(z, r, destination);
        }
        finally
        {
            Return(buffer);
        }
    }
}
