using System.Buffers;
using System.Numerics;

namespace DualAutodiff;

/// <summary>The kernels at <see cref="Dual{T}"/>: each splits its spans into values and tangents and runs kernels at
/// <typeparamref name="T"/> on them (SIMD at double; at a <c>Var</c>, reverse-over-forward, records), so every
/// nesting composes. f(a + bε) = f(a) + (J(a)·b)ε with the 0·∞ = 0 products of <see cref="Propagation.Scale{T}"/>.</summary>
/// <typeparam name="T">The scalar type of value and tangent.</typeparam>
internal sealed class DualKernels<T> : KernelDispatch<Dual<T>>
    where T : IFloatingPointIeee754<T>
{
    public static readonly DualKernels<T> Shared = new();

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
            return new(K.Dot(xv, yv), K.ScaleDot(xt, yv) + K.ScaleDot(xv, yt));
        }
        finally
        {
            Return(buffer);
        }
    }

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

    public override void Add(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination) => Linear(x, y, destination, subtract: false);

    public override void Subtract(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination) => Linear(x, y, destination, subtract: true);

    /// <summary>xy + (ẋy + xẏ)ε.</summary>
    public override void Multiply(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination)
    {
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

    //
    // Elementwise functions: the value at T, then the tangent f′(x)·ẋ
    //

    public override void Exp(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination) => Function(x, destination, UnaryKind.Exp);

    public override void Log(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination) => Function(x, destination, UnaryKind.Log);

    public override void Tanh(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination) => Function(x, destination, UnaryKind.Tanh);

    public override void Sigmoid(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination) => Function(x, destination, UnaryKind.Sigmoid);

    public override void Softplus(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination) => Function(x, destination, UnaryKind.Softplus);

    public override void Square(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination) => Function(x, destination, UnaryKind.Square);

    /// <summary>s + (s ⊙ (ẋ − s·ẋ))ε with s = softmax(x).</summary>
    public override void SoftMax(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination)
    {
        int n = x.Length;
        T[] buffer = Rent(3 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), s = buffer.AsSpan(2 * n, n);
            Split(x, xv, xt);
            K.SoftMax(xv, s);
            T mean = K.ScaleDot(s, xt);
            K.SubtractScalar(xt, mean, xt);
            K.Scale(s, xt, xt);
            Merge(s, xt, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    //
    // Matrices
    //

    /// <summary>A·x + (A·ẋ + Ȧ·x)ε; a constant matrix (Ȧ = 0, a data matrix) costs one product.</summary>
    public override void MatrixVector(ReadOnlySpan<Dual<T>> matrix, int rows, int columns, ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination)
    {
        int size = rows * columns;
        T[] buffer = Rent((2 * size) + (2 * columns) + (3 * rows));
        try
        {
            Span<T> av = buffer.AsSpan(0, size), at = buffer.AsSpan(size, size);
            Span<T> xv = buffer.AsSpan(2 * size, columns), xt = buffer.AsSpan((2 * size) + columns, columns);
            int offset = (2 * size) + (2 * columns);
            Span<T> z = buffer.AsSpan(offset, rows), t = buffer.AsSpan(offset + rows, rows), u = buffer.AsSpan(offset + (2 * rows), rows);
            Split(matrix, av, at);
            Split(x, xv, xt);
            K.MatrixVector(av, rows, columns, xv, z);
            ScaledMatrixVector(av, rows, columns, xt, t);
            if (!AllZero(at))
            {
                ScaledMatrixVector(at, rows, columns, xv, u);
                K.Add(t, u, t);
            }

            Merge(z, t, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>A·B + (A·Ḃ + Ȧ·B)ε.</summary>
    public override void MatrixMultiply(ReadOnlySpan<Dual<T>> a, ReadOnlySpan<Dual<T>> b, Span<Dual<T>> destination, int m, int k, int n)
    {
        int sa = m * k, sb = k * n, sc = m * n;
        T[] buffer = Rent((2 * sa) + (2 * sb) + (3 * sc));
        try
        {
            Span<T> av = buffer.AsSpan(0, sa), at = buffer.AsSpan(sa, sa);
            Span<T> bv = buffer.AsSpan(2 * sa, sb), bt = buffer.AsSpan((2 * sa) + sb, sb);
            int offset = (2 * sa) + (2 * sb);
            Span<T> c = buffer.AsSpan(offset, sc), t = buffer.AsSpan(offset + sc, sc), u = buffer.AsSpan(offset + (2 * sc), sc);
            Split(a, av, at);
            Split(b, bv, bt);
            K.MatrixMultiply(av, bv, c, m, k, n);
            t.Clear();
            if (!AllZero(bt))
            {
                ScaledMatrixMultiply(av, bt, t, m, k, n);
            }

            if (!AllZero(at))
            {
                ScaledMatrixMultiply(at, bv, u, m, k, n);
                K.Add(t, u, t);
            }

            Merge(c, t, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    //
    // Propagation products
    //

    /// <summary>Scale(x, y) + (Scale(ẋ, y) + Scale(x, ẏ))ε, as <see cref="Propagation.Scale{T}"/> does for one pair.</summary>
    public override void Scale(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination)
    {
        int n = x.Length;
        T[] buffer = Rent(7 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), yv = buffer.AsSpan(2 * n, n), yt = buffer.AsSpan(3 * n, n);
            Span<T> z = buffer.AsSpan(4 * n, n), t = buffer.AsSpan(5 * n, n), u = buffer.AsSpan(6 * n, n);
            Split(x, xv, xt);
            Split(y, yv, yt);
            K.Scale(xv, yv, z);
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

    public override void ScaleScalar(ReadOnlySpan<Dual<T>> x, Dual<T> y, Span<Dual<T>> destination)
    {
        int n = x.Length;
        T[] buffer = Rent(3 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), t = buffer.AsSpan(2 * n, n);
            Split(x, xv, xt);
            K.ScaleScalar(xt, y.Value, t);
            K.ScaleScalar(xv, y.Tangent, xt);
            K.Add(t, xt, t);
            K.ScaleScalar(xv, y.Value, xv);
            Merge(xv, t, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    public override Dual<T> ScaleDot(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y)
    {
        int n = x.Length;
        T[] buffer = Rent(4 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), yv = buffer.AsSpan(2 * n, n), yt = buffer.AsSpan(3 * n, n);
            Split(x, xv, xt);
            Split(y, yv, yt);
            return new(K.ScaleDot(xv, yv), K.ScaleDot(xt, yv) + K.ScaleDot(xv, yt));
        }
        finally
        {
            Return(buffer);
        }
    }

    //
    // Accumulating propagation kernels: split once, three fused kernels at T, merge once
    //

    /// <summary>acc += Scale(x, y): values av += xv·yv, tangents at += ẋ·yv + xv·ẏ.</summary>
    public override void ScaleAdd(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> acc)
    {
        int n = x.Length;
        T[] buffer = Rent(6 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), yv = buffer.AsSpan(2 * n, n), yt = buffer.AsSpan(3 * n, n);
            Span<T> av = buffer.AsSpan(4 * n, n), at = buffer.AsSpan(5 * n, n);
            Split(x, xv, xt);
            Split(y, yv, yt);
            Split(acc, av, at);
            K.ScaleAdd(xv, yv, av);
            K.ScaleAdd(xt, yv, at);
            K.ScaleAdd(xv, yt, at);
            Merge(av, at, acc);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>acc += Scale(x, y) for a scalar y.</summary>
    public override void ScaleAddScalar(ReadOnlySpan<Dual<T>> x, Dual<T> y, Span<Dual<T>> acc)
    {
        int n = x.Length;
        T[] buffer = Rent(4 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), av = buffer.AsSpan(2 * n, n), at = buffer.AsSpan(3 * n, n);
            Split(x, xv, xt);
            Split(acc, av, at);
            K.ScaleAddScalar(xv, y.Value, av);
            K.ScaleAddScalar(xt, y.Value, at);
            K.ScaleAddScalar(xv, y.Tangent, at);
            Merge(av, at, acc);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>acc += Aᵀ·g: values Aᵀ·gv, tangents Aᵀ·ġ + Ȧᵀ·gv (a constant A skips the second).</summary>
    public override void TransposeMultiplyAdd(ReadOnlySpan<Dual<T>> a, int rows, int columns, ReadOnlySpan<Dual<T>> g, Span<Dual<T>> acc)
    {
        int size = rows * columns;
        T[] buffer = Rent((2 * size) + (2 * rows) + (2 * columns));
        try
        {
            Span<T> av = buffer.AsSpan(0, size), at = buffer.AsSpan(size, size);
            Span<T> gv = buffer.AsSpan(2 * size, rows), gt = buffer.AsSpan((2 * size) + rows, rows);
            Span<T> cv = buffer.AsSpan((2 * size) + (2 * rows), columns), ct = buffer.AsSpan((2 * size) + (2 * rows) + columns, columns);
            Split(a, av, at);
            Split(g, gv, gt);
            Split(acc, cv, ct);
            K.TransposeMultiplyAdd(av, rows, columns, gv, cv);
            K.TransposeMultiplyAdd(av, rows, columns, gt, ct);
            if (!AllZero(at))
            {
                K.TransposeMultiplyAdd(at, rows, columns, gv, ct);
            }

            Merge(cv, ct, acc);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>acc += g·xᵀ: values gv·xvᵀ, tangents ġ·xvᵀ + gv·ẋᵀ.</summary>
    public override void OuterAdd(ReadOnlySpan<Dual<T>> g, ReadOnlySpan<Dual<T>> x, Span<Dual<T>> acc)
    {
        int rows = g.Length, columns = x.Length, size = rows * columns;
        T[] buffer = Rent((2 * size) + (2 * rows) + (2 * columns));
        try
        {
            Span<T> av = buffer.AsSpan(0, size), at = buffer.AsSpan(size, size);
            Span<T> gv = buffer.AsSpan(2 * size, rows), gt = buffer.AsSpan((2 * size) + rows, rows);
            Span<T> xv = buffer.AsSpan((2 * size) + (2 * rows), columns), xt = buffer.AsSpan((2 * size) + (2 * rows) + columns, columns);
            Split(acc, av, at);
            Split(g, gv, gt);
            Split(x, xv, xt);
            K.OuterAdd(gv, xv, av);
            K.OuterAdd(gt, xv, at);
            K.OuterAdd(gv, xt, at);
            Merge(av, at, acc);
        }
        finally
        {
            Return(buffer);
        }
    }

    //
    // Helpers
    //

    private enum UnaryKind
    {
        Exp,
        Log,
        Tanh,
        Sigmoid,
        Softplus,
        Square,
    }

    /// <summary>f(a) + (f′(a)·b)ε for one of the elementwise functions, f′ from the value where that is cheaper.</summary>
    private static void Function(ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination, UnaryKind kind)
    {
        int n = x.Length;
        T[] buffer = Rent(5 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), z = buffer.AsSpan(2 * n, n), d = buffer.AsSpan(3 * n, n), t = buffer.AsSpan(4 * n, n);
            Split(x, xv, xt);
            KernelDispatch<T> k = K;
            switch (kind)
            {
                case UnaryKind.Exp:
                    k.Exp(xv, z);
                    z.CopyTo(d);
                    break;
                case UnaryKind.Log:
                    k.Log(xv, z);
                    k.ScalarDivide(T.One, xv, d);
                    break;
                case UnaryKind.Tanh:
                    // 1 − tanh²
                    k.Tanh(xv, z);
                    k.Square(z, d);
                    k.ScalarSubtract(T.One, d, d);
                    break;
                case UnaryKind.Sigmoid:
                    // σ(1 − σ)
                    k.Sigmoid(xv, z);
                    k.ScalarSubtract(T.One, z, d);
                    k.Multiply(z, d, d);
                    break;
                case UnaryKind.Softplus:
                    k.Softplus(xv, z);
                    k.Sigmoid(xv, d);
                    break;
                default:
                    k.Square(xv, z);
                    k.AddScalar(xv, T.Zero, d);
                    k.Add(d, xv, d);
                    break;
            }

            k.Scale(xt, d, t);
            Merge(z, t, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>(x ± y) + (ẋ ± ẏ)ε.</summary>
    private static void Linear(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination, bool subtract)
    {
        int n = x.Length;
        T[] buffer = Rent(4 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n), yv = buffer.AsSpan(2 * n, n), yt = buffer.AsSpan(3 * n, n);
            Split(x, xv, xt);
            Split(y, yv, yt);
            if (subtract)
            {
                K.Subtract(xv, yv, xv);
                K.Subtract(xt, yt, xt);
            }
            else
            {
                K.Add(xv, yv, xv);
                K.Add(xt, yt, xt);
            }

            Merge(xv, xt, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>(±xᵢ + y) + (±ẋᵢ + ẏ)ε.</summary>
    private static void Shift(ReadOnlySpan<Dual<T>> x, Dual<T> y, Span<Dual<T>> destination, bool negate)
    {
        int n = x.Length;
        T[] buffer = Rent(2 * n);
        try
        {
            Span<T> xv = buffer.AsSpan(0, n), xt = buffer.AsSpan(n, n);
            Split(x, xv, xt);
            if (negate)
            {
                K.ScalarSubtract(y.Value, xv, xv);
                K.ScalarSubtract(y.Tangent, xt, xt);
            }
            else
            {
                K.AddScalar(xv, y.Value, xv);
                K.AddScalar(xt, y.Tangent, xt);
            }

            Merge(xv, xt, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>yᵣ = Σ Scale(Aᵣₖ, xₖ): a plain product, redone row by row only where it made NaN.</summary>
    private static void ScaledMatrixVector(ReadOnlySpan<T> a, int rows, int columns, ReadOnlySpan<T> x, Span<T> y)
    {
        if (AllZero(x))
        {
            y.Clear();
            return;
        }

        K.MatrixVector(a, rows, columns, x, y);
        for (int r = 0; r < rows; r++)
        {
            if (T.IsNaN(y[r]))
            {
                y[r] = K.ScaleDot(a.Slice(r * columns, columns), x);
            }
        }
    }

    /// <summary>C = A·B with propagation products, redone with scalars only when the plain product made NaN.</summary>
    private static void ScaledMatrixMultiply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
    {
        K.MatrixMultiply(a, b, c, m, k, n);
        for (int i = 0; i < c.Length; i++)
        {
            if (T.IsNaN(c[i]))
            {
                int row = i / n, column = i % n;
                T sum = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    sum += Propagation.Scale(a[(row * k) + p], b[(p * n) + column]);
                }

                c[i] = sum;
            }
        }
    }

    internal static bool AllZero(ReadOnlySpan<T> x)
    {
        foreach (T v in x)
        {
            if (!Propagation.IsZero(v))
            {
                return false;
            }
        }

        return true;
    }

    private static void Split(ReadOnlySpan<Dual<T>> x, Span<T> values, Span<T> tangents)
    {
        for (int i = 0; i < x.Length; i++)
        {
            values[i] = x[i].Value;
            tangents[i] = x[i].Tangent;
        }
    }

    private static void Merge(ReadOnlySpan<T> values, ReadOnlySpan<T> tangents, Span<Dual<T>> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = new(values[i], tangents[i]);
        }
    }

    private static T[] Rent(int length) => ArrayPool<T>.Shared.Rent(Math.Max(1, length));

    private static void Return(T[] buffer) => ArrayPool<T>.Shared.Return(buffer, clearArray: RuleDispatch<T>.IsDifferentiable);
}
