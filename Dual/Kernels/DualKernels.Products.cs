using System.Buffers;
using System.Numerics;

namespace DualAutodiff;

internal sealed partial class DualKernels<T>
{
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
            bool constant = Split(matrix, av, at);
            Split(x, xv, xt);
            K.MatrixVector(av, rows, columns, xv, z);
            MatrixVectorTangent(av, at, constant, rows, columns, xv, xt, t, u);
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
            bool constantA = Split(a, av, at);
            bool constantB = Split(b, bv, bt);
            K.MatrixMultiply(av, bv, c, m, k, n);
            MatrixMultiplyTangent(av, at, constantA, bv, bt, constantB, t, u, m, k, n);
            Merge(c, t, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>t = A·ẋ + Ȧ·x (the Ȧ term skipped for a constant matrix), u scratch: the tangent of
    /// <see cref="MatrixVector"/>, the one place both the single-tangent and the lanes kernels compute it.</summary>
    internal static void MatrixVectorTangent(ReadOnlySpan<T> av, ReadOnlySpan<T> at, bool constant, int rows, int columns, ReadOnlySpan<T> xv, ReadOnlySpan<T> xt, Span<T> t, Span<T> u)
    {
        ScaledMatrixVector(av, rows, columns, xt, t);
        if (!constant)
        {
            ScaledMatrixVector(at, rows, columns, xv, u);
            K.Add(t, u, t);
        }
    }

    /// <summary>t = A·Ḃ + Ȧ·B (a term skipped where its tangent is constant), u scratch: the tangent of
    /// <see cref="MatrixMultiply"/>, shared as <see cref="MatrixVectorTangent"/> is.</summary>
    internal static void MatrixMultiplyTangent(ReadOnlySpan<T> av, ReadOnlySpan<T> at, bool constantA, ReadOnlySpan<T> bv, ReadOnlySpan<T> bt, bool constantB, Span<T> t, Span<T> u, int m, int k, int n)
    {
        t.Clear();
        if (!constantB)
        {
            ScaledMatrixMultiply(av, bt, t, m, k, n);
        }

        if (!constantA)
        {
            ScaledMatrixMultiply(at, bv, u, m, k, n);
            K.Add(t, u, t);
        }
    }

    //
    // Propagation products
    //

    /// <summary>Scale(x, y) + (Scale(ẋ, y) + Scale(x, ẏ))ε, as <see cref="Propagation.Scale{T}"/> does for one pair.</summary>
    public override void Scale(ReadOnlySpan<Dual<T>> x, ReadOnlySpan<Dual<T>> y, Span<Dual<T>> destination)
    {
        if (s_loop)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = Propagation.Scale(x[i], y[i]);
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
        if (s_loop)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = Propagation.Scale(x[i], y);
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
        if (Interleaved.IsSupported)
        {
            Interleaved.ScaleAdd(x, y, acc);
            return;
        }

        if (s_loop)
        {
            for (int i = 0; i < acc.Length; i++)
            {
                acc[i] += Propagation.Scale(x[i], y[i]);
            }

            return;
        }

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
        if (Interleaved.IsSupported)
        {
            Interleaved.ScaleAddScalar(x, y, acc);
            return;
        }

        if (s_loop)
        {
            for (int i = 0; i < acc.Length; i++)
            {
                acc[i] += Propagation.Scale(x[i], y);
            }

            return;
        }

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
            bool constant = Split(a, av, at);
            Split(g, gv, gt);
            Split(acc, cv, ct);
            K.TransposeMultiplyAdd(av, rows, columns, gv, cv);
            K.TransposeMultiplyAdd(av, rows, columns, gt, ct);
            if (!constant)
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

    /// <summary>Ā += G·Bᵀ: values Gv·Bvᵀ, tangents Ġ·Bvᵀ + Gv·Ḃᵀ (a constant B skips the second).</summary>
    public override void MultiplyTransposedAdd(ReadOnlySpan<Dual<T>> g, ReadOnlySpan<Dual<T>> b, Span<Dual<T>> acc, int m, int k, int n)
    {
        int sg = m * n, sb = k * n, sa = m * k;
        T[] buffer = Rent(2 * (sg + sb + sa));
        try
        {
            Span<T> gv = buffer.AsSpan(0, sg), gt = buffer.AsSpan(sg, sg);
            Span<T> bv = buffer.AsSpan(2 * sg, sb), bt = buffer.AsSpan((2 * sg) + sb, sb);
            Span<T> av = buffer.AsSpan(2 * (sg + sb), sa), at = buffer.AsSpan((2 * (sg + sb)) + sa, sa);
            Split(g, gv, gt);
            bool constant = Split(b, bv, bt);
            Split(acc, av, at);
            K.MultiplyTransposedAdd(gv, bv, av, m, k, n);
            K.MultiplyTransposedAdd(gt, bv, at, m, k, n);
            if (!constant)
            {
                K.MultiplyTransposedAdd(gv, bt, at, m, k, n);
            }

            Merge(av, at, acc);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>B̄ += Aᵀ·G: values Avᵀ·Gv, tangents Avᵀ·Ġ + Ȧᵀ·Gv (a constant A skips the second).</summary>
    public override void TransposedMultiplyAdd(ReadOnlySpan<Dual<T>> a, ReadOnlySpan<Dual<T>> g, Span<Dual<T>> acc, int m, int k, int n)
    {
        int sa = m * k, sg = m * n, sb = k * n;
        T[] buffer = Rent(2 * (sa + sg + sb));
        try
        {
            Span<T> av = buffer.AsSpan(0, sa), at = buffer.AsSpan(sa, sa);
            Span<T> gv = buffer.AsSpan(2 * sa, sg), gt = buffer.AsSpan((2 * sa) + sg, sg);
            Span<T> bv = buffer.AsSpan(2 * (sa + sg), sb), bt = buffer.AsSpan((2 * (sa + sg)) + sb, sb);
            bool constant = Split(a, av, at);
            Split(g, gv, gt);
            Split(acc, bv, bt);
            K.TransposedMultiplyAdd(av, gv, bv, m, k, n);
            K.TransposedMultiplyAdd(av, gt, bt, m, k, n);
            if (!constant)
            {
                K.TransposedMultiplyAdd(at, gv, bt, m, k, n);
            }

            Merge(bv, bt, acc);
        }
        finally
        {
            Return(buffer);
        }
    }
}
