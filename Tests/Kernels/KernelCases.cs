using System.Numerics;

namespace DualAutodiff.Tests.ArrayKernels;

/// <summary>The kernels under test, with the shape of their inputs.</summary>
public enum KernelOp
{
    Dot, Sum, SumOfSquares, Norm, LogSumExp, DotWithConstants, DotMixed,
    Add, Subtract, Multiply, Divide,
    AddScalar, SubtractScalar, ScalarSubtract, MultiplyScalar, DivideScalar, ScalarDivide,
    Exp, Log, Tanh, Sigmoid, Softplus, Square, SoftMax,
    MatrixVector, MatrixVectorConstantMatrix, MatrixMultiply,

    // A (n×5) · B (5×31): wide enough for every block of the matrix products (512- and 256-bit, and the tails).
    MatrixMultiplyWide,

    // The data overloads (a constant matrix of doubles kept by reference): D (n×3)·x, A (n×5)·D (5×31), D (n×5)·B (5×31).
    MatrixVectorData, MatrixMultiplyDataRight, MatrixMultiplyDataLeft,

    // Square into Subtract into SumOfSquares (outputs of one kernel feeding the next) and an in-place Multiply.
    Chain,
}

/// <summary>One kernel written twice: with <see cref="DualAutodiff.Kernels"/> and with scalar loops, as a vector function
/// of its inputs and, weighted, as a scalar one. Every mode must give the same numbers for both.</summary>
/// <param name="Op">The kernel.</param>
/// <param name="Length">The kernel's length n.</param>
public sealed record KernelCase(KernelOp Op, int Length) : IVectorFunction, IScalarFunction
{
    /// <summary>Columns of the matrix cases (rows are n), and columns of B in MatrixMultiply.</summary>
    private const int Columns = 3, BColumns = 2;

    /// <summary>The inner dimension and the columns of B in MatrixMultiplyWide.</summary>
    private const int WideInner = 5, WideColumns = 31;

    /// <summary>Whether this instance runs the scalar version.</summary>
    public bool UseScalars { get; init; }

    /// <summary>The same case written with scalar loops.</summary>
    public KernelCase Scalars => this with { UseScalars = true };

    /// <summary>The number of inputs.</summary>
    public int Inputs => Op switch
    {
        KernelOp.Sum or KernelOp.SumOfSquares or KernelOp.Norm or KernelOp.LogSumExp or KernelOp.DotWithConstants or KernelOp.DotMixed
            or KernelOp.Exp or KernelOp.Log or KernelOp.Tanh or KernelOp.Sigmoid or KernelOp.Softplus or KernelOp.Square or KernelOp.SoftMax
            or KernelOp.MatrixVectorConstantMatrix or KernelOp.Chain => Length,
        KernelOp.MatrixVectorData => Columns,
        KernelOp.MatrixMultiplyDataRight => Length * WideInner,
        KernelOp.MatrixMultiplyDataLeft => WideInner * WideColumns,
        KernelOp.AddScalar or KernelOp.SubtractScalar or KernelOp.ScalarSubtract or KernelOp.MultiplyScalar or KernelOp.DivideScalar or KernelOp.ScalarDivide => Length + 1,
        KernelOp.MatrixVector => (Length * Columns) + Columns,
        KernelOp.MatrixMultiply => (Length * Columns) + (Columns * BColumns),
        KernelOp.MatrixMultiplyWide => (Length * WideInner) + (WideInner * WideColumns),
        _ => 2 * Length,
    };

    /// <summary>The number of outputs.</summary>
    public int Outputs => Op switch
    {
        KernelOp.Dot or KernelOp.Sum or KernelOp.SumOfSquares or KernelOp.Norm or KernelOp.LogSumExp or KernelOp.DotWithConstants or KernelOp.DotMixed or KernelOp.Chain => 1,
        KernelOp.MatrixMultiply => Length * BColumns,
        KernelOp.MatrixMultiplyWide or KernelOp.MatrixMultiplyDataRight or KernelOp.MatrixMultiplyDataLeft => Length * WideColumns,
        _ => Length,
    };

    /// <inheritdoc/>
    public int OutputLength(int inputLength) => Outputs;

    /// <inheritdoc/>
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        if (UseScalars)
        {
            Scalar(x, y);
        }
        else
        {
            Kernel(x, y);
        }
    }

    /// <summary>Σⱼ cos(j)·yⱼ² + sin(j + 1)·yⱼ: nonlinear in y, so linear kernels get a Hessian too.</summary>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        var y = new T[Outputs];
        Evaluate(x, y.AsSpan());
        T sum = T.Zero;
        for (int j = 0; j < y.Length; j++)
        {
            sum += (T.CreateChecked(Math.Cos(j)) * y[j] * y[j]) + (T.CreateChecked(Math.Sin(j + 1)) * y[j]);
        }

        return sum;
    }

    /// <summary>A point inside every kernel's domain: xᵢ = 0.8 + 0.5·sin(1.3i + 0.2) ∈ [0.3, 1.3].</summary>
    public double[] Point() => [.. Enumerable.Range(0, Inputs).Select(i => 0.8 + (0.5 * Math.Sin((1.3 * i) + 0.2)))];

    /// <summary>A direction: vᵢ = cos(0.7i).</summary>
    public double[] Direction() => [.. Enumerable.Range(0, Inputs).Select(i => Math.Cos(0.7 * i))];

    /// <summary>An output seed: uⱼ = 1 − 0.3·sin(j).</summary>
    public double[] Seed() => [.. Enumerable.Range(0, Outputs).Select(j => 1 - (0.3 * Math.Sin(j)))];

    /// <inheritdoc/>
    public override string ToString() => $"{Op}[{Length}]";

    /// <summary>Constant data: cᵢ = 0.5 + 0.25·cos(i).</summary>
    private static T[] Data<T>(int n)
        where T : IFloatingPointIeee754<T> => [.. Enumerable.Range(0, n).Select(i => T.CreateChecked(0.5 + (0.25 * Math.Cos(i))))];

    /// <summary>The same constant data as doubles, for the data overloads: cᵢ = 0.5 + 0.25·cos(i).</summary>
    private static double[] Doubles(int n) => [.. Enumerable.Range(0, n).Select(i => 0.5 + (0.25 * Math.Cos(i)))];

    /// <summary>x with every third element replaced by a constant (a span of variables and constants mixed, scattered).</summary>
    private static T[] Mixed<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        var s = new T[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            s[i] = i % 3 == 0 ? T.CreateChecked(0.25 * i) : x[(i * 5) % x.Length];
        }

        return s;
    }

    private void Kernel<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        int n = Length;
        switch (Op)
        {
            case KernelOp.Dot: y[0] = DualAutodiff.Kernels.Dot(x[..n], x[n..]); break;
            case KernelOp.Sum: y[0] = DualAutodiff.Kernels.Sum(x); break;
            case KernelOp.SumOfSquares: y[0] = DualAutodiff.Kernels.SumOfSquares(x); break;
            case KernelOp.Norm: y[0] = DualAutodiff.Kernels.Norm(x); break;
            case KernelOp.LogSumExp: y[0] = DualAutodiff.Kernels.LogSumExp(x); break;
            case KernelOp.DotWithConstants: y[0] = DualAutodiff.Kernels.Dot(x, Data<T>(n)); break;
            case KernelOp.DotMixed: y[0] = DualAutodiff.Kernels.Dot<T>(Mixed(x), x); break;
            case KernelOp.Add: DualAutodiff.Kernels.Add(x[..n], x[n..], y); break;
            case KernelOp.Subtract: DualAutodiff.Kernels.Subtract(x[..n], x[n..], y); break;
            case KernelOp.Multiply: DualAutodiff.Kernels.Multiply(x[..n], x[n..], y); break;
            case KernelOp.Divide: DualAutodiff.Kernels.Divide(x[..n], x[n..], y); break;
            case KernelOp.AddScalar: DualAutodiff.Kernels.Add(x[..n], x[n], y); break;
            case KernelOp.SubtractScalar: DualAutodiff.Kernels.Subtract(x[..n], x[n], y); break;
            case KernelOp.ScalarSubtract: DualAutodiff.Kernels.Subtract(x[n], x[..n], y); break;
            case KernelOp.MultiplyScalar: DualAutodiff.Kernels.Multiply(x[..n], x[n], y); break;
            case KernelOp.DivideScalar: DualAutodiff.Kernels.Divide(x[..n], x[n], y); break;
            case KernelOp.ScalarDivide: DualAutodiff.Kernels.Divide(x[n], x[..n], y); break;
            case KernelOp.Exp: DualAutodiff.Kernels.Exp(x, y); break;
            case KernelOp.Log: DualAutodiff.Kernels.Log(x, y); break;
            case KernelOp.Tanh: DualAutodiff.Kernels.Tanh(x, y); break;
            case KernelOp.Sigmoid: DualAutodiff.Kernels.Sigmoid(x, y); break;
            case KernelOp.Softplus: DualAutodiff.Kernels.Softplus(x, y); break;
            case KernelOp.Square: DualAutodiff.Kernels.Square(x, y); break;
            case KernelOp.SoftMax: DualAutodiff.Kernels.SoftMax(x, y); break;
            case KernelOp.MatrixVector: DualAutodiff.Kernels.MatrixVector(x[..(n * Columns)], n, Columns, x[(n * Columns)..], y); break;
            case KernelOp.MatrixVectorConstantMatrix: DualAutodiff.Kernels.MatrixVector(Data<T>(n * Columns), n, Columns, Three(x), y); break;
            case KernelOp.MatrixMultiply: DualAutodiff.Kernels.MatrixMultiply(x[..(n * Columns)], x[(n * Columns)..], y, n, Columns, BColumns); break;
            case KernelOp.MatrixMultiplyWide: DualAutodiff.Kernels.MatrixMultiply(x[..(n * WideInner)], x[(n * WideInner)..], y, n, WideInner, WideColumns); break;
            case KernelOp.MatrixVectorData: DualAutodiff.Kernels.MatrixVector(Doubles(n * Columns), n, Columns, x, y); break;
            case KernelOp.MatrixMultiplyDataRight: DualAutodiff.Kernels.MatrixMultiply(x, Doubles(WideInner * WideColumns), y, n, WideInner, WideColumns); break;
            case KernelOp.MatrixMultiplyDataLeft: DualAutodiff.Kernels.MatrixMultiply(Doubles(n * WideInner), x, y, n, WideInner, WideColumns); break;
            case KernelOp.Chain:
            {
                // 100·Σ (xᵢ₊₁ − xᵢ²)² + Σ (xᵢ·xᵢ)·e^xᵢ, the products in place
                int m = Math.Max(0, n - 1);
                var t = new T[m];
                var e = new T[n];
                DualAutodiff.Kernels.Square(x[..m], t);
                DualAutodiff.Kernels.Subtract(x.Slice(Math.Min(1, n)), t, t);
                DualAutodiff.Kernels.Exp(x, e);
                DualAutodiff.Kernels.Multiply(e, x, e);
                DualAutodiff.Kernels.Multiply(e, x, e);
                y[0] = (T.CreateChecked(100) * DualAutodiff.Kernels.SumOfSquares<T>(t)) + DualAutodiff.Kernels.Sum<T>(e);
                break;
            }

            default: throw new ArgumentOutOfRangeException(nameof(Op), Op, null);
        }
    }

    /// <summary>The first three inputs, or the constant 1 where there are fewer (the constant-matrix case's x).</summary>
    private static T[] Three<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        var v = new T[Columns];
        for (int i = 0; i < Columns; i++)
        {
            v[i] = i < x.Length ? x[i] : T.One;
        }

        return v;
    }

    private void Scalar<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        int n = Length;
        T sum = T.Zero;
        switch (Op)
        {
            case KernelOp.Dot:
                for (int i = 0; i < n; i++)
                {
                    sum += x[i] * x[n + i];
                }

                y[0] = sum;
                break;
            case KernelOp.Sum:
            case KernelOp.SumOfSquares:
            case KernelOp.Norm:
                for (int i = 0; i < n; i++)
                {
                    sum += Op == KernelOp.Sum ? x[i] : x[i] * x[i];
                }

                y[0] = Op == KernelOp.Norm ? T.Sqrt(sum) : sum;
                break;
            case KernelOp.LogSumExp:
                y[0] = Special.LogSumExp(x);
                break;
            case KernelOp.DotWithConstants:
            {
                T[] c = Data<T>(n);
                for (int i = 0; i < n; i++)
                {
                    sum += x[i] * c[i];
                }

                y[0] = sum;
                break;
            }

            case KernelOp.DotMixed:
            {
                T[] s = Mixed(x);
                for (int i = 0; i < n; i++)
                {
                    sum += s[i] * x[i];
                }

                y[0] = sum;
                break;
            }

            case KernelOp.Add or KernelOp.Subtract or KernelOp.Multiply or KernelOp.Divide:
                for (int i = 0; i < n; i++)
                {
                    T a = x[i], b = x[n + i];
                    y[i] = Op switch { KernelOp.Add => a + b, KernelOp.Subtract => a - b, KernelOp.Multiply => a * b, _ => a / b };
                }

                break;
            case KernelOp.AddScalar or KernelOp.SubtractScalar or KernelOp.ScalarSubtract or KernelOp.MultiplyScalar or KernelOp.DivideScalar or KernelOp.ScalarDivide:
                for (int i = 0; i < n; i++)
                {
                    T a = x[i], s = x[n];
                    y[i] = Op switch
                    {
                        KernelOp.AddScalar => a + s,
                        KernelOp.SubtractScalar => a - s,
                        KernelOp.ScalarSubtract => s - a,
                        KernelOp.MultiplyScalar => a * s,
                        KernelOp.DivideScalar => a / s,
                        _ => s / a,
                    };
                }

                break;
            case KernelOp.Exp or KernelOp.Log or KernelOp.Tanh or KernelOp.Sigmoid or KernelOp.Softplus or KernelOp.Square:
                for (int i = 0; i < n; i++)
                {
                    T a = x[i];
                    y[i] = Op switch
                    {
                        KernelOp.Exp => T.Exp(a),
                        KernelOp.Log => T.Log(a),
                        KernelOp.Tanh => T.Tanh(a),
                        KernelOp.Sigmoid => Special.Sigmoid(a),
                        KernelOp.Softplus => Special.Softplus(a),
                        _ => a * a,
                    };
                }

                break;
            case KernelOp.SoftMax:
            {
                T lse = Special.LogSumExp(x);
                for (int i = 0; i < n; i++)
                {
                    y[i] = T.Exp(x[i] - lse);
                }

                break;
            }

            case KernelOp.MatrixVector or KernelOp.MatrixVectorConstantMatrix:
            {
                ReadOnlySpan<T> a = Op == KernelOp.MatrixVector ? x[..(n * Columns)] : Data<T>(n * Columns);
                ReadOnlySpan<T> v = Op == KernelOp.MatrixVector ? x[(n * Columns)..] : Three(x);
                for (int r = 0; r < n; r++)
                {
                    T z = T.Zero;
                    for (int c = 0; c < Columns; c++)
                    {
                        z += a[(r * Columns) + c] * v[c];
                    }

                    y[r] = z;
                }

                break;
            }

            case KernelOp.MatrixMultiply:
                Product(x[..(n * Columns)], x[(n * Columns)..], y, n, Columns, BColumns);
                break;
            case KernelOp.MatrixMultiplyWide:
                Product(x[..(n * WideInner)], x[(n * WideInner)..], y, n, WideInner, WideColumns);
                break;
            case KernelOp.MatrixVectorData:
                Product<T>(Data<T>(n * Columns), x, y, n, Columns, 1);
                break;
            case KernelOp.MatrixMultiplyDataRight:
                Product<T>(x, Data<T>(WideInner * WideColumns), y, n, WideInner, WideColumns);
                break;
            case KernelOp.MatrixMultiplyDataLeft:
                Product<T>(Data<T>(n * WideInner), x, y, n, WideInner, WideColumns);
                break;
            case KernelOp.Chain:
            {
                T hundred = T.CreateChecked(100);
                for (int i = 0; i + 1 < n; i++)
                {
                    T d = x[i + 1] - (x[i] * x[i]);
                    sum += hundred * d * d;
                }

                T rest = T.Zero;
                for (int i = 0; i < n; i++)
                {
                    rest += T.Exp(x[i]) * x[i] * x[i];
                }

                y[0] = sum + rest;
                break;
            }

            default: throw new ArgumentOutOfRangeException(nameof(Op), Op, null);
        }
    }

    /// <summary>C = A·B with scalar loops for row-major A (m×k), B (k×n).</summary>
    private static void Product<T>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> c, int m, int k, int n)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T z = T.Zero;
                for (int p = 0; p < k; p++)
                {
                    z += a[(i * k) + p] * b[(p * n) + j];
                }

                c[(i * n) + j] = z;
            }
        }
    }
}

/// <summary>The cases for <c>TestCaseSource</c>.</summary>
public static class KernelCases
{
    /// <summary>The lengths every case runs at.</summary>
    public static readonly int[] Lengths = [0, 1, 7, 1000];

    /// <summary>Every case at length n.</summary>
    public static IEnumerable<KernelCase> All(int n) => Enum.GetValues<KernelOp>().Select(op => new KernelCase(op, n));

    /// <summary>Every case at every length.</summary>
    public static IEnumerable<KernelCase> Everywhere() => Lengths.SelectMany(All);

    /// <summary>Every case at the small lengths (where a dense Jacobian or Hessian is cheap).</summary>
    public static IEnumerable<KernelCase> Small() => Lengths.Where(n => n <= 7).SelectMany(All);
}
