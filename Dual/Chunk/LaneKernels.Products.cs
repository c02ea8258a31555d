namespace DualAutodiff;

internal sealed partial class LaneKernels<T, TTangents>
{
    //
    // Matrices
    //

    public override void MatrixVector(ReadOnlySpan<Dual<T, TTangents>> matrix, int rows, int columns, ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination) =>
        Map(matrix, x, destination, (rows, columns), accumulate: false, static (a, b, d, s) => D.MatrixVector(a, s.rows, s.columns, b, d));

    public override void MatrixMultiply(ReadOnlySpan<Dual<T, TTangents>> a, ReadOnlySpan<Dual<T, TTangents>> b, Span<Dual<T, TTangents>> destination, int m, int k, int n) =>
        Map(a, b, destination, (m, k, n), accumulate: false, static (a, b, d, s) => D.MatrixMultiply(a, b, d, s.m, s.k, s.n));

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

    public override void MatrixVectorData(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<Dual<T, TTangents>> x, Span<Dual<T, TTangents>> destination) =>
        Map(x, [], destination, (matrix, rows, columns), accumulate: false, static (x, _, d, s) => D.MatrixVectorData(s.matrix, s.rows, s.columns, x, d));

    public override void MatrixMultiplyData(ReadOnlySpan<Dual<T, TTangents>> a, ReadOnlyMemory<double> b, Span<Dual<T, TTangents>> destination, int m, int k, int n) =>
        Map(a, [], destination, (b, m, k, n), accumulate: false, static (a, _, d, s) => D.MatrixMultiplyData(a, s.b, d, s.m, s.k, s.n));

    public override void MatrixMultiplyData(ReadOnlyMemory<double> a, ReadOnlySpan<Dual<T, TTangents>> b, Span<Dual<T, TTangents>> destination, int m, int k, int n) =>
        Map(b, [], destination, (a, m, k, n), accumulate: false, static (b, _, d, s) => D.MatrixMultiplyData(s.a, b, d, s.m, s.k, s.n));

    public override void TransposeMultiplyAddData(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<Dual<T, TTangents>> g, Span<Dual<T, TTangents>> acc) =>
        Map(g, [], acc, (matrix, rows, columns), accumulate: true, static (g, _, d, s) => D.TransposeMultiplyAddData(s.matrix, s.rows, s.columns, g, d));

    public override void MultiplyTransposedAddData(ReadOnlySpan<Dual<T, TTangents>> g, ReadOnlyMemory<double> b, Span<Dual<T, TTangents>> acc, int m, int k, int n) =>
        Map(g, [], acc, (b, m, k, n), accumulate: true, static (g, _, d, s) => D.MultiplyTransposedAddData(g, s.b, d, s.m, s.k, s.n));

    public override void TransposedMultiplyAddData(ReadOnlyMemory<double> a, ReadOnlySpan<Dual<T, TTangents>> g, Span<Dual<T, TTangents>> acc, int m, int k, int n) =>
        Map(g, [], acc, (a, m, k, n), accumulate: true, static (g, _, d, s) => D.TransposedMultiplyAddData(s.a, g, d, s.m, s.k, s.n));
}
