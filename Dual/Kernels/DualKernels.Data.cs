using System.Numerics;

namespace DualAutodiff;

internal sealed partial class DualKernels<T>
{
    //
    // Data matrices D (constant doubles, tangent 0): the value and the tangent are each a product with D at T, so the
    // data reaches T's own data kernels by reference (a Var<T> records it without a copy)
    //

    /// <summary>D·x + (D·ẋ)ε.</summary>
    public override void MatrixVectorData(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<Dual<T>> x, Span<Dual<T>> destination)
    {
        T[] buffer = Rent((2 * columns) + (2 * rows));
        try
        {
            Span<T> xv = buffer.AsSpan(0, columns), xt = buffer.AsSpan(columns, columns);
            Span<T> z = buffer.AsSpan(2 * columns, rows), t = buffer.AsSpan((2 * columns) + rows, rows);
            bool still = Split(x, xv, xt);
            K.MatrixVectorData(matrix, rows, columns, xv, z);
            MatrixVectorDataTangent(matrix, rows, columns, xt, still, t);
            Merge(z, t, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>A·D + (Ȧ·D)ε.</summary>
    public override void MatrixMultiplyData(ReadOnlySpan<Dual<T>> a, ReadOnlyMemory<double> b, Span<Dual<T>> destination, int m, int k, int n)
    {
        int sa = m * k, sc = m * n;
        T[] buffer = Rent((2 * sa) + (2 * sc));
        try
        {
            Span<T> av = buffer.AsSpan(0, sa), at = buffer.AsSpan(sa, sa);
            Span<T> c = buffer.AsSpan(2 * sa, sc), t = buffer.AsSpan((2 * sa) + sc, sc);
            bool still = Split(a, av, at);
            K.MatrixMultiplyData(av, b, c, m, k, n);
            MatrixMultiplyDataTangent(at, still, b, t, m, k, n);
            Merge(c, t, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>D·B + (D·Ḃ)ε.</summary>
    public override void MatrixMultiplyData(ReadOnlyMemory<double> a, ReadOnlySpan<Dual<T>> b, Span<Dual<T>> destination, int m, int k, int n)
    {
        int sb = k * n, sc = m * n;
        T[] buffer = Rent((2 * sb) + (2 * sc));
        try
        {
            Span<T> bv = buffer.AsSpan(0, sb), bt = buffer.AsSpan(sb, sb);
            Span<T> c = buffer.AsSpan(2 * sb, sc), t = buffer.AsSpan((2 * sb) + sc, sc);
            bool still = Split(b, bv, bt);
            K.MatrixMultiplyData(a, bv, c, m, k, n);
            DataMatrixMultiplyTangent(a, bt, still, t, m, k, n);
            Merge(c, t, destination);
        }
        finally
        {
            Return(buffer);
        }
    }

    //
    // The tangent parts, the one place both the single-tangent and the lanes kernels compute them
    //

    /// <summary>t = D·ẋ (0 for a zero ẋ, <paramref name="still"/>), with 0·∞ = 0 where the plain product made NaN.</summary>
    internal static void MatrixVectorDataTangent(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<T> xt, bool still, Span<T> t)
    {
        if (still)
        {
            t.Clear();
        }
        else
        {
            K.MatrixVectorData(matrix, rows, columns, xt, t);
            ScaledWhereNaN(matrix.Span, xt, t, rows, columns);
        }
    }

    /// <summary>t = Ȧ·D (0 for a zero Ȧ, <paramref name="still"/>), with 0·∞ = 0 where the plain product made NaN.</summary>
    internal static void MatrixMultiplyDataTangent(ReadOnlySpan<T> at, bool still, ReadOnlyMemory<double> b, Span<T> t, int m, int k, int n)
    {
        int sc = m * n;
        if (still)
        {
            t.Clear();
        }
        else
        {
            K.MatrixMultiplyData(at, b, t, m, k, n);
            ReadOnlySpan<double> d = b.Span;
            for (int i = 0; i < sc; i++)
            {
                if (T.IsNaN(t[i]))
                {
                    // Σₚ Scale(Ȧᵢₚ, Dₚⱼ): 0·∞ = 0 where the plain product made NaN
                    int row = i / n, column = i % n;
                    T sum = T.Zero;
                    for (int p = 0; p < k; p++)
                    {
                        sum += Propagation.Scale(at[(row * k) + p], T.CreateChecked(d[(p * n) + column]));
                    }

                    t[i] = sum;
                }
            }
        }
    }

    /// <summary>t = D·Ḃ (0 for a zero Ḃ, <paramref name="still"/>), with 0·∞ = 0 where the plain product made NaN.</summary>
    internal static void DataMatrixMultiplyTangent(ReadOnlyMemory<double> a, ReadOnlySpan<T> bt, bool still, Span<T> t, int m, int k, int n)
    {
        int sc = m * n;
        if (still)
        {
            t.Clear();
        }
        else
        {
            K.MatrixMultiplyData(a, bt, t, m, k, n);
            ReadOnlySpan<double> d = a.Span;
            for (int i = 0; i < sc; i++)
            {
                if (T.IsNaN(t[i]))
                {
                    // Σₚ Scale(Dᵢₚ, Ḃₚⱼ)
                    int row = i / n, column = i % n;
                    T sum = T.Zero;
                    for (int p = 0; p < k; p++)
                    {
                        sum += Propagation.Scale(T.CreateChecked(d[(row * k) + p]), bt[(p * n) + column]);
                    }

                    t[i] = sum;
                }
            }
        }
    }

    /// <summary>acc += Dᵀ·g: value and tangent parts each a product with D (D has no tangent).</summary>
    public override void TransposeMultiplyAddData(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<Dual<T>> g, Span<Dual<T>> acc)
    {
        T[] buffer = Rent((2 * rows) + (2 * columns));
        try
        {
            Span<T> gv = buffer.AsSpan(0, rows), gt = buffer.AsSpan(rows, rows);
            Span<T> cv = buffer.AsSpan(2 * rows, columns), ct = buffer.AsSpan((2 * rows) + columns, columns);
            bool still = Split(g, gv, gt);
            Split(acc, cv, ct);
            K.TransposeMultiplyAddData(matrix, rows, columns, gv, cv);
            if (!still)
            {
                K.TransposeMultiplyAddData(matrix, rows, columns, gt, ct);
            }

            Merge(cv, ct, acc);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>Ā += G·Dᵀ, value and tangent parts.</summary>
    public override void MultiplyTransposedAddData(ReadOnlySpan<Dual<T>> g, ReadOnlyMemory<double> b, Span<Dual<T>> acc, int m, int k, int n)
    {
        int sg = m * n, sa = m * k;
        T[] buffer = Rent((2 * sg) + (2 * sa));
        try
        {
            Span<T> gv = buffer.AsSpan(0, sg), gt = buffer.AsSpan(sg, sg);
            Span<T> av = buffer.AsSpan(2 * sg, sa), at = buffer.AsSpan((2 * sg) + sa, sa);
            bool still = Split(g, gv, gt);
            Split(acc, av, at);
            K.MultiplyTransposedAddData(gv, b, av, m, k, n);
            if (!still)
            {
                K.MultiplyTransposedAddData(gt, b, at, m, k, n);
            }

            Merge(av, at, acc);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>B̄ += Dᵀ·G, value and tangent parts.</summary>
    public override void TransposedMultiplyAddData(ReadOnlyMemory<double> a, ReadOnlySpan<Dual<T>> g, Span<Dual<T>> acc, int m, int k, int n)
    {
        int sg = m * n, sb = k * n;
        T[] buffer = Rent((2 * sg) + (2 * sb));
        try
        {
            Span<T> gv = buffer.AsSpan(0, sg), gt = buffer.AsSpan(sg, sg);
            Span<T> bv = buffer.AsSpan(2 * sg, sb), bt = buffer.AsSpan((2 * sg) + sb, sb);
            bool still = Split(g, gv, gt);
            Split(acc, bv, bt);
            K.TransposedMultiplyAddData(a, gv, bv, m, k, n);
            if (!still)
            {
                K.TransposedMultiplyAddData(a, gt, bt, m, k, n);
            }

            Merge(bv, bt, acc);
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>yᵣ = Σₖ Scale(Dᵣₖ, xₖ) for the rows where the plain product made NaN (0·∞ = 0).</summary>
    private static void ScaledWhereNaN(ReadOnlySpan<double> d, ReadOnlySpan<T> x, Span<T> y, int rows, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            if (T.IsNaN(y[r]))
            {
                T sum = T.Zero;
                for (int c = 0; c < columns; c++)
                {
                    sum += Propagation.Scale(T.CreateChecked(d[(r * columns) + c]), x[c]);
                }

                y[r] = sum;
            }
        }
    }
}
