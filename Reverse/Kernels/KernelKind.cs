using System.Numerics;

namespace DualAutodiff;

/// <summary>The kernels a tape records: each is one special record whose operands are up to two spans (a scalar
/// operand is a span of one) and whose outputs are consecutive records.</summary>
internal enum KernelKind : byte
{
    Dot,
    Sum,
    SumOfSquares,
    Norm,
    LogSumExp,
    Add,
    Subtract,
    Multiply,
    Divide,
    AddScalar,
    SubtractScalar,
    ScalarSubtract,
    MultiplyScalar,
    DivideScalar,
    ScalarDivide,
    Exp,
    Log,
    Tanh,
    Sigmoid,
    Softplus,
    Square,
    SoftMax,
    MatrixVector,
    MatrixMultiply,
    Scale,
    ScaleScalar,
    ScaleDot,

    // Products with a data matrix D of doubles kept by reference (the record's Data); the one span operand (a) is x,
    // A or B: y = D·x, C = A·D, C = D·B.
    MatrixVectorData,
    MatrixMultiplyDataRight,
    MatrixMultiplyDataLeft,
}

/// <summary>Runs a recorded kernel at any scalar type: at <c>T</c> for a recording's values, at <c>Dual&lt;T&gt;</c>
/// for the forward tangent sweep (the kernel's own value-and-tangent code gives its J·v).</summary>
internal static class KernelEval
{
    /// <summary>z = kind(a, b) with dimensions <paramref name="p0"/> … <paramref name="p2"/> (matrix kernels) and the data
    /// matrix <paramref name="data"/> of the data kernels.</summary>
    public static void Evaluate<TS>(KernelKind kind, ReadOnlySpan<TS> a, ReadOnlySpan<TS> b, Span<TS> z, int p0, int p1, int p2, ReadOnlyMemory<double> data = default)
        where TS : IFloatingPointIeee754<TS>
    {
        KernelDispatch<TS> k = KernelDispatch<TS>.Instance;
        switch (kind)
        {
            case KernelKind.Dot: z[0] = k.Dot(a, b); break;
            case KernelKind.ScaleDot: z[0] = k.ScaleDot(a, b); break;
            case KernelKind.Sum: z[0] = k.Sum(a); break;
            case KernelKind.SumOfSquares: z[0] = k.SumOfSquares(a); break;
            case KernelKind.Norm: z[0] = k.Norm(a); break;
            case KernelKind.LogSumExp: z[0] = k.LogSumExp(a); break;
            case KernelKind.Add: k.Add(a, b, z); break;
            case KernelKind.Subtract: k.Subtract(a, b, z); break;
            case KernelKind.Multiply: k.Multiply(a, b, z); break;
            case KernelKind.Divide: k.Divide(a, b, z); break;
            case KernelKind.Scale: k.Scale(a, b, z); break;
            case KernelKind.AddScalar: k.AddScalar(a, b[0], z); break;
            case KernelKind.SubtractScalar: k.SubtractScalar(a, b[0], z); break;
            case KernelKind.MultiplyScalar: k.MultiplyScalar(a, b[0], z); break;
            case KernelKind.DivideScalar: k.DivideScalar(a, b[0], z); break;
            case KernelKind.ScaleScalar: k.ScaleScalar(a, b[0], z); break;
            case KernelKind.ScalarSubtract: k.ScalarSubtract(a[0], b, z); break;
            case KernelKind.ScalarDivide: k.ScalarDivide(a[0], b, z); break;
            case KernelKind.Exp: k.Exp(a, z); break;
            case KernelKind.Log: k.Log(a, z); break;
            case KernelKind.Tanh: k.Tanh(a, z); break;
            case KernelKind.Sigmoid: k.Sigmoid(a, z); break;
            case KernelKind.Softplus: k.Softplus(a, z); break;
            case KernelKind.Square: k.Square(a, z); break;
            case KernelKind.SoftMax: k.SoftMax(a, z); break;
            case KernelKind.MatrixVector: k.MatrixVector(a, p0, p1, b, z); break;
            case KernelKind.MatrixMultiply: k.MatrixMultiply(a, b, z, p0, p1, p2); break;
            case KernelKind.MatrixVectorData: k.MatrixVectorData(data, p0, p1, a, z); break;
            case KernelKind.MatrixMultiplyDataRight: k.MatrixMultiplyData(a, data, z, p0, p1, p2); break;
            case KernelKind.MatrixMultiplyDataLeft: k.MatrixMultiplyData(data, a, z, p0, p1, p2); break;
            default: throw new InvalidOperationException($"No evaluation for kernel {kind}.");
        }
    }
}
