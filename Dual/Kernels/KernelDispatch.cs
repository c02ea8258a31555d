using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DualAutodiff;

/// <summary>Implemented by the library's differentiable scalars (<see cref="Dual{T}"/> and <c>Var&lt;T&gt;</c>), so that
/// <see cref="Kernels"/>, called from generic code, reaches the scalar's own kernels without reflection.</summary>
/// <typeparam name="TSelf">The scalar type.</typeparam>
internal interface IKernelHost<TSelf>
    where TSelf : IFloatingPointIeee754<TSelf>
{
    /// <summary>The scalar type's kernels (the same object for every value).</summary>
    KernelDispatch<TSelf> Kernels { get; }
}

/// <summary>The kernels at one scalar type, found once per type: TensorPrimitives for plain types
/// (<see cref="PlainKernels{T}"/>), value-and-tangent kernels for <see cref="Dual{T}"/>, recording kernels for
/// <c>Var</c>. Arguments arrive checked (lengths match, destinations exactly as long as the result).</summary>
/// <typeparam name="T">The scalar type.</typeparam>
/// <remarks>Besides the public kernels, three propagation kernels (<see cref="Scale"/>, <see cref="ScaleScalar"/>,
/// <see cref="ScaleDot"/>) multiply with the 0·∞ = 0 rule of <see cref="Propagation.Scale{T}"/>: derivative rules use
/// them for every partial·tangent and partial·adjoint product.</remarks>
internal abstract partial class KernelDispatch<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>The kernels of <typeparamref name="T"/>.</summary>
    public static readonly KernelDispatch<T> Instance = default(T) is IKernelHost<T> host ? host.Kernels : new PlainKernels<T>();

    public abstract T Dot(ReadOnlySpan<T> x, ReadOnlySpan<T> y);

    public abstract T Sum(ReadOnlySpan<T> x);

    public abstract T SumOfSquares(ReadOnlySpan<T> x);

    public abstract T Norm(ReadOnlySpan<T> x);

    public abstract T LogSumExp(ReadOnlySpan<T> x);

    public abstract void Add(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

    public abstract void Subtract(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

    public abstract void Multiply(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

    public abstract void Divide(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

    public abstract void AddScalar(ReadOnlySpan<T> x, T y, Span<T> destination);

    public abstract void SubtractScalar(ReadOnlySpan<T> x, T y, Span<T> destination);

    public abstract void ScalarSubtract(T x, ReadOnlySpan<T> y, Span<T> destination);

    public abstract void MultiplyScalar(ReadOnlySpan<T> x, T y, Span<T> destination);

    public abstract void DivideScalar(ReadOnlySpan<T> x, T y, Span<T> destination);

    public abstract void ScalarDivide(T x, ReadOnlySpan<T> y, Span<T> destination);

    public abstract void Exp(ReadOnlySpan<T> x, Span<T> destination);

    public abstract void Log(ReadOnlySpan<T> x, Span<T> destination);

    public abstract void Tanh(ReadOnlySpan<T> x, Span<T> destination);

    public abstract void Sigmoid(ReadOnlySpan<T> x, Span<T> destination);

    public abstract void Softplus(ReadOnlySpan<T> x, Span<T> destination);

    public abstract void Square(ReadOnlySpan<T> x, Span<T> destination);

    public abstract void SoftMax(ReadOnlySpan<T> x, Span<T> destination);

    public abstract void MatrixVector(ReadOnlySpan<T> matrix, int rows, int columns, ReadOnlySpan<T> x, Span<T> destination);

    public abstract void MatrixMultiply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> destination, int m, int k, int n);

    /// <summary>destinationᵢ = Propagation.Scale(xᵢ, yᵢ): a product where 0·∞ = 0.</summary>
    public abstract void Scale(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> destination);

    /// <summary>destinationᵢ = Propagation.Scale(xᵢ, y).</summary>
    public abstract void ScaleScalar(ReadOnlySpan<T> x, T y, Span<T> destination);

    /// <summary>Σ Propagation.Scale(xᵢ, yᵢ).</summary>
    public abstract T ScaleDot(ReadOnlySpan<T> x, ReadOnlySpan<T> y);

    //
    // Accumulating propagation kernels for backward rules (acc must not overlap the inputs); the defaults compose
    // the kernels above, plain types and Dual fuse them
    //

    /// <summary>accᵢ += Propagation.Scale(xᵢ, yᵢ).</summary>
    public virtual void ScaleAdd(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> acc)
    {
        T[] buffer = ArrayPool<T>.Shared.Rent(Math.Max(1, x.Length));
        try
        {
            Span<T> t = buffer.AsSpan(0, x.Length);
            Scale(x, y, t);
            Add(acc, t, acc);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    /// <summary>accᵢ += Propagation.Scale(xᵢ, y).</summary>
    public virtual void ScaleAddScalar(ReadOnlySpan<T> x, T y, Span<T> acc)
    {
        T[] buffer = ArrayPool<T>.Shared.Rent(Math.Max(1, x.Length));
        try
        {
            Span<T> t = buffer.AsSpan(0, x.Length);
            ScaleScalar(x, y, t);
            Add(acc, t, acc);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
        }
    }

    /// <summary>acc += Aᵀ·g for a row-major rows×columns A, rows with a zero gᵣ skipped.</summary>
    public virtual void TransposeMultiplyAdd(ReadOnlySpan<T> a, int rows, int columns, ReadOnlySpan<T> g, Span<T> acc)
    {
        for (int r = 0; r < rows; r++)
        {
            if (!Propagation.IsZero(g[r]))
            {
                ScaleAddScalar(a.Slice(r * columns, columns), g[r], acc);
            }
        }
    }

    /// <summary>Ā += G·Bᵀ for row-major G (m×n), B (k×n), Ā (m×k): Āᵢₚ += Σⱼ Scale(Gᵢⱼ, Bₚⱼ).</summary>
    public virtual void MultiplyTransposedAdd(ReadOnlySpan<T> g, ReadOnlySpan<T> b, Span<T> acc, int m, int k, int n)
    {
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> gi = g.Slice(i * n, n);
            for (int p = 0; p < k; p++)
            {
                acc[(i * k) + p] += ScaleDot(gi, b.Slice(p * n, n));
            }
        }
    }

    /// <summary>B̄ += Aᵀ·G for row-major A (m×k), G (m×n), B̄ (k×n): B̄ₚ += Σᵢ Scale(Gᵢ, Aᵢₚ), zero Aᵢₚ skipped.</summary>
    public virtual void TransposedMultiplyAdd(ReadOnlySpan<T> a, ReadOnlySpan<T> g, Span<T> acc, int m, int k, int n)
    {
        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> gi = g.Slice(i * n, n);
            for (int p = 0; p < k; p++)
            {
                if (!Propagation.IsZero(a[(i * k) + p]))
                {
                    ScaleAddScalar(gi, a[(i * k) + p], acc.Slice(p * n, n));
                }
            }
        }
    }

    /// <summary>acc += g·xᵀ for a row-major acc of g.Length rows and x.Length columns, rows with a zero gᵣ skipped.</summary>
    public virtual void OuterAdd(ReadOnlySpan<T> g, ReadOnlySpan<T> x, Span<T> acc)
    {
        for (int r = 0; r < g.Length; r++)
        {
            if (!Propagation.IsZero(g[r]))
            {
                ScaleAddScalar(x, g[r], acc.Slice(r * x.Length, x.Length));
            }
        }
    }
}
