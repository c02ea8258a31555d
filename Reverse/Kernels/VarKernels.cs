using System.Numerics;

namespace DualAutodiff;

/// <summary>The kernels at <c>Var&lt;T&gt;</c>: each call is one tape record (plus one adjoint slot per output) whose
/// value comes from the kernel at <typeparamref name="T"/> and whose backward (<see cref="KernelRules{T}"/>) is
/// written with kernels at <typeparamref name="T"/> too. No operand is a variable: constants, nothing recorded.</summary>
/// <typeparam name="T">The tape's scalar type.</typeparam>
internal sealed class VarKernels<T> : KernelDispatch<Var<T>>
    where T : IFloatingPointIeee754<T>
{
    public static readonly VarKernels<T> Shared = new();

    public override Var<T> Dot(ReadOnlySpan<Var<T>> x, ReadOnlySpan<Var<T>> y) => Reduce(KernelKind.Dot, x, y);

    public override Var<T> Sum(ReadOnlySpan<Var<T>> x) => Reduce(KernelKind.Sum, x, []);

    public override Var<T> SumOfSquares(ReadOnlySpan<Var<T>> x) => Reduce(KernelKind.SumOfSquares, x, []);

    public override Var<T> Norm(ReadOnlySpan<Var<T>> x) => Reduce(KernelKind.Norm, x, []);

    public override Var<T> LogSumExp(ReadOnlySpan<Var<T>> x) => Reduce(KernelKind.LogSumExp, x, []);

    public override Var<T> ScaleDot(ReadOnlySpan<Var<T>> x, ReadOnlySpan<Var<T>> y) => Reduce(KernelKind.ScaleDot, x, y);

    public override void Add(ReadOnlySpan<Var<T>> x, ReadOnlySpan<Var<T>> y, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.Add, x, y, destination);

    public override void Subtract(ReadOnlySpan<Var<T>> x, ReadOnlySpan<Var<T>> y, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.Subtract, x, y, destination);

    public override void Multiply(ReadOnlySpan<Var<T>> x, ReadOnlySpan<Var<T>> y, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.Multiply, x, y, destination);

    public override void Divide(ReadOnlySpan<Var<T>> x, ReadOnlySpan<Var<T>> y, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.Divide, x, y, destination);

    public override void Scale(ReadOnlySpan<Var<T>> x, ReadOnlySpan<Var<T>> y, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.Scale, x, y, destination);

    public override void AddScalar(ReadOnlySpan<Var<T>> x, Var<T> y, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.AddScalar, x, new ReadOnlySpan<Var<T>>(in y), destination);

    public override void SubtractScalar(ReadOnlySpan<Var<T>> x, Var<T> y, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.SubtractScalar, x, new ReadOnlySpan<Var<T>>(in y), destination);

    public override void MultiplyScalar(ReadOnlySpan<Var<T>> x, Var<T> y, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.MultiplyScalar, x, new ReadOnlySpan<Var<T>>(in y), destination);

    public override void DivideScalar(ReadOnlySpan<Var<T>> x, Var<T> y, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.DivideScalar, x, new ReadOnlySpan<Var<T>>(in y), destination);

    public override void ScaleScalar(ReadOnlySpan<Var<T>> x, Var<T> y, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.ScaleScalar, x, new ReadOnlySpan<Var<T>>(in y), destination);

    public override void ScalarSubtract(Var<T> x, ReadOnlySpan<Var<T>> y, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.ScalarSubtract, new ReadOnlySpan<Var<T>>(in x), y, destination);

    public override void ScalarDivide(Var<T> x, ReadOnlySpan<Var<T>> y, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.ScalarDivide, new ReadOnlySpan<Var<T>>(in x), y, destination);

    public override void Exp(ReadOnlySpan<Var<T>> x, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.Exp, x, [], destination);

    public override void Log(ReadOnlySpan<Var<T>> x, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.Log, x, [], destination);

    public override void Tanh(ReadOnlySpan<Var<T>> x, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.Tanh, x, [], destination);

    public override void Sigmoid(ReadOnlySpan<Var<T>> x, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.Sigmoid, x, [], destination);

    public override void Softplus(ReadOnlySpan<Var<T>> x, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.Softplus, x, [], destination);

    public override void Square(ReadOnlySpan<Var<T>> x, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.Square, x, [], destination);

    public override void SoftMax(ReadOnlySpan<Var<T>> x, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.SoftMax, x, [], destination);

    public override void MatrixVector(ReadOnlySpan<Var<T>> matrix, int rows, int columns, ReadOnlySpan<Var<T>> x, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.MatrixVector, matrix, x, destination, rows, columns);

    public override void MatrixMultiply(ReadOnlySpan<Var<T>> a, ReadOnlySpan<Var<T>> b, Span<Var<T>> destination, int m, int k, int n) => Tape<T>.Kernel(KernelKind.MatrixMultiply, a, b, destination, m, k, n);

    public override void MatrixVectorData(ReadOnlyMemory<double> matrix, int rows, int columns, ReadOnlySpan<Var<T>> x, Span<Var<T>> destination) => Tape<T>.Kernel(KernelKind.MatrixVectorData, x, [], destination, rows, columns, data: matrix);

    public override void MatrixMultiplyData(ReadOnlySpan<Var<T>> a, ReadOnlyMemory<double> b, Span<Var<T>> destination, int m, int k, int n) => Tape<T>.Kernel(KernelKind.MatrixMultiplyDataRight, a, [], destination, m, k, n, b);

    public override void MatrixMultiplyData(ReadOnlyMemory<double> a, ReadOnlySpan<Var<T>> b, Span<Var<T>> destination, int m, int k, int n) => Tape<T>.Kernel(KernelKind.MatrixMultiplyDataLeft, b, [], destination, m, k, n, a);

    private static Var<T> Reduce(KernelKind kind, ReadOnlySpan<Var<T>> x, ReadOnlySpan<Var<T>> y)
    {
        Var<T> result = default;
        Tape<T>.Kernel(kind, x, y, new Span<Var<T>>(ref result));
        return result;
    }
}
