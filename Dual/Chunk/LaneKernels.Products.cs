namespace DualAutodiff;

internal sealed partial class LaneKernels<T, TTangents>
{
    //
    // Matrices
    //

    /// <summary>The value A·x once at <typeparamref name="T"/>, then each lane's tangent A·ẋₗ + Ȧₗ·x as the single-tangent
    /// kernel computes it (<see cref="DualKernels{T}.MatrixVectorTangent"/>).</summary>
    public override void MatrixVector(ReadOnlySpan<Dual<T, TTangents>> matrix, int rows, int columns, ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination)
    {
        int size = rows * columns;
        T[] buffer = Scratch(((Lanes + 1) * (size + columns)) + ((Lanes + 2) * rows));
        try
        {
            Span<T> av = buffer.AsSpan(0, size), at = buffer.AsSpan(size, Lanes * size);
            int offset = (Lanes + 1) * size;
            Span<T> xv = buffer.AsSpan(offset, columns), xt = buffer.AsSpan(offset + columns, Lanes * columns);
            offset += (Lanes + 1) * columns;
            Span<T> z = buffer.AsSpan(offset, rows), u = buffer.AsSpan(offset + rows, rows), t = buffer.AsSpan(offset + (2 * rows), Lanes * rows);
            SplitLanes(matrix, av, at);
            SplitLanes(x, xv, xt);
            KernelDispatch<T>.Instance.MatrixVector(av, rows, columns, xv, z);
            for (int l = 0; l < Lanes; l++)
            {
                ReadOnlySpan<T> atl = at.Slice(l * size, size);
                DualKernels<T>.MatrixVectorTangent(av, atl, DualKernels<T>.AllZero(atl), rows, columns, xv, xt.Slice(l * columns, columns), t.Slice(l * rows, rows), u);
            }

            MergeLanes(z, t, destination);
        }
        finally
        {
            ReturnScratch(buffer);
        }
    }

    /// <summary>The value A·B once, then each lane's tangent A·Ḃₗ + Ȧₗ·B (<see cref="DualKernels{T}.MatrixMultiplyTangent"/>).</summary>
    public override void MatrixMultiply(ReadOnlySpan<Dual<T, TTangents>> a, ReadOnlySpan<Dual<T, TTangents>> b, Span<Dual<T, TTangents>> destination, int m, int k, int n)
    {
        int sa = m * k, sb = k * n, sc = m * n;
        T[] buffer = Scratch(((Lanes + 1) * (sa + sb)) + ((Lanes + 2) * sc));
        try
        {
            Span<T> av = buffer.AsSpan(0, sa), at = buffer.AsSpan(sa, Lanes * sa);
            int offset = (Lanes + 1) * sa;
            Span<T> bv = buffer.AsSpan(offset, sb), bt = buffer.AsSpan(offset + sb, Lanes * sb);
            offset += (Lanes + 1) * sb;
            Span<T> c = buffer.AsSpan(offset, sc), u = buffer.AsSpan(offset + sc, sc), t = buffer.AsSpan(offset + (2 * sc), Lanes * sc);
            SplitLanes(a, av, at);
            SplitLanes(b, bv, bt);
            KernelDispatch<T>.Instance.MatrixMultiply(av, bv, c, m, k, n);
            for (int l = 0; l < Lanes; l++)
            {
                ReadOnlySpan<T> atl = at.Slice(l * sa, sa), btl = bt.Slice(l * sb, sb);
                DualKernels<T>.MatrixMultiplyTangent(av, atl, DualKernels<T>.AllZero(atl), bv, btl, DualKernels<T>.AllZero(btl), t.Slice(l * sc, sc), u, m, k, n);
            }

            MergeLanes(c, t, destination);
        }
        finally
        {
            ReturnScratch(buffer);
        }
    }

    //
    // Accumulating propagation kernels
    //

    public override void ScaleAdd(ReadOnlySpan<Dual<T, TTangents>> x, ReadOnlySpan<Dual<T, TTangents>> y, Span<Dual<T, TTangents>> acc) =>
        Map(x, y, acc, 0, accumulate: true, static (a, b, d, _) => D.ScaleAdd(a, b, d));

    public override void ScaleAddScalar(ReadOnlySpan<Dual<T, TTangents>> x, Dual<T, TTangents> y, Span<Dual<T, TTangents>> acc) =>
        Map(x, [y], acc, 0, accumulate: true, static (a, b, d, _) => D.ScaleAddScalar(a, b[0], d));

    public override void TransposeMultiplyAdd(ReadOnlySpan<Dual<T, TTangents>> a, int rows, int columns, ReadOnlySpan<Dual<T, TTangents>> g, Span<Dual<T, TTangents>> acc) =>
        Map(a, g, acc, (rows, columns), accumulate: true, static (a, g, d, s) => D.TransposeMultiplyAdd(a, s.rows, s.columns, g, d));

    public override void MultiplyTransposedAdd(ReadOnlySpan<Dual<T, TTangents>> g, ReadOnlySpan<Dual<T, TTangents>> b, Span<Dual<T, TTangents>> acc, int m, int k, int n) =>
        Map(g, b, acc, (m, k, n), accumulate: true, static (g, b, d, s) => D.MultiplyTransposedAdd(g, b, d, s.m, s.k, s.n));

    public override void TransposedMultiplyAdd(ReadOnlySpan<Dual<T, TTangents>> a, ReadOnlySpan<Dual<T, TTangents>> g, Span<Dual<T, TTangents>> acc, int m, int k, int n) =>
        Map(a, g, acc, (m, k, n), accumulate: true, static (a, g, d, s) => D.TransposedMultiplyAdd(a, g, d, s.m, s.k, s.n));

    public override void OuterAdd(ReadOnlySpan<Dual<T, TTangents>> g, ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> acc) =>
        Map(g, x, acc, 0, accumulate: true, static (g, x, d, _) => D.OuterAdd(g, x, d));

    //
    // Products with a constant data matrix
    //

    /// <summary>D·x once, then each lane's D·ẋₗ (<see cref="DualKernels{T}.MatrixVectorDataTangent"/>).</summary>
    public override void MatrixVectorData(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination)
    {
        T[] buffer = Scratch((Lanes + 1) * (columns + rows));
        try
        {
            Span<T> xv = buffer.AsSpan(0, columns), xt = buffer.AsSpan(columns, Lanes * columns);
            Span<T> z = buffer.AsSpan((Lanes + 1) * columns, rows), t = buffer.AsSpan(((Lanes + 1) * columns) + rows, Lanes * rows);
            SplitLanes(x, xv, xt);
            KernelDispatch<T>.Instance.MatrixVectorData(matrix, rows, columns, xv, z);
            for (int l = 0; l < Lanes; l++)
            {
                ReadOnlySpan<T> xtl = xt.Slice(l * columns, columns);
                DualKernels<T>.MatrixVectorDataTangent(matrix, rows, columns, xtl, DualKernels<T>.AllZero(xtl), t.Slice(l * rows, rows));
            }

            MergeLanes(z, t, destination);
        }
        finally
        {
            ReturnScratch(buffer);
        }
    }

    /// <summary>A·D once, then each lane's Ȧₗ·D (<see cref="DualKernels{T}.MatrixMultiplyDataTangent"/>).</summary>
    public override void MatrixMultiplyData(ReadOnlySpan<Dual<T, TTangents>> a, ReadOnlyMemory<double> b, Span<Dual<T, TTangents>> destination, int m, int k, int n)
    {
        int sa = m * k, sc = m * n;
        T[] buffer = Scratch((Lanes + 1) * (sa + sc));
        try
        {
            Span<T> av = buffer.AsSpan(0, sa), at = buffer.AsSpan(sa, Lanes * sa);
            Span<T> c = buffer.AsSpan((Lanes + 1) * sa, sc), t = buffer.AsSpan(((Lanes + 1) * sa) + sc, Lanes * sc);
            SplitLanes(a, av, at);
            KernelDispatch<T>.Instance.MatrixMultiplyData(av, b, c, m, k, n);
            for (int l = 0; l < Lanes; l++)
            {
                ReadOnlySpan<T> atl = at.Slice(l * sa, sa);
                DualKernels<T>.MatrixMultiplyDataTangent(atl, DualKernels<T>.AllZero(atl), b, t.Slice(l * sc, sc), m, k, n);
            }

            MergeLanes(c, t, destination);
        }
        finally
        {
            ReturnScratch(buffer);
        }
    }

    /// <summary>D·B once, then each lane's D·Ḃₗ (<see cref="DualKernels{T}.DataMatrixMultiplyTangent"/>).</summary>
    public override void MatrixMultiplyData(ReadOnlyMemory<double> a, ReadOnlySpan<Dual<T, TTangents>> b, Span<Dual<T, TTangents>> destination, int m, int k, int n)
    {
        int sb = k * n, sc = m * n;
        T[] buffer = Scratch((Lanes + 1) * (sb + sc));
        try
        {
            Span<T> bv = buffer.AsSpan(0, sb), bt = buffer.AsSpan(sb, Lanes * sb);
            Span<T> c = buffer.AsSpan((Lanes + 1) * sb, sc), t = buffer.AsSpan(((Lanes + 1) * sb) + sc, Lanes * sc);
            SplitLanes(b, bv, bt);
            KernelDispatch<T>.Instance.MatrixMultiplyData(a, bv, c, m, k, n);
            for (int l = 0; l < Lanes; l++)
            {
                ReadOnlySpan<T> btl = bt.Slice(l * sb, sb);
                DualKernels<T>.DataMatrixMultiplyTangent(a, btl, DualKernels<T>.AllZero(btl), t.Slice(l * sc, sc), m, k, n);
            }

            MergeLanes(c, t, destination);
        }
        finally
        {
            ReturnScratch(buffer);
        }
    }

    public override void TransposeMultiplyAddData(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<Dual<T, TTangents>> g, Span<Dual<T, TTangents>> acc) =>
        Map(g, [], acc, (matrix, rows, columns), accumulate: true, static (g, _, d, s) => D.TransposeMultiplyAddData(s.matrix, s.rows, s.columns, g, d));

    public override void MultiplyTransposedAddData(ReadOnlySpan<Dual<T, TTangents>> g, ReadOnlyMemory<double> b, Span<Dual<T, TTangents>> acc, int m, int k, int n) =>
        Map(g, [], acc, (b, m, k, n), accumulate: true, static (g, _, d, s) => D.MultiplyTransposedAddData(g, s.b, d, s.m, s.k, s.n));

    public override void TransposedMultiplyAddData(ReadOnlyMemory<double> a, ReadOnlySpan<Dual<T, TTangents>> g, Span<Dual<T, TTangents>> acc, int m, int k, int n) =>
        Map(g, [], acc, (a, m, k, n), accumulate: true, static (g, _, d, s) => D.TransposedMultiplyAddData(s.a, g, d, s.m, s.k, s.n));
}
