using System.Numerics;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary>Test functions shared by several fixtures (the buffer facades' tests, <c>KernelGroupTests</c>).</summary>
internal static class BufferTestFunctions
{
    /// <summary>A kernel on the inputs, then an exception.</summary>
    internal sealed class Throwing : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            _ = Kernels.SumOfSquares(x);
            throw new InvalidOperationException("the function failed");
        }
    }

    /// <summary>Chained Rosenbrock written with scalars.</summary>
    internal sealed class Rosenbrock : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            for (int i = 0; i + 1 < x.Length; i++)
            {
                T a = x[i + 1] - (x[i] * x[i]), b = T.One - x[i];
                sum += (T.CreateChecked(100) * a * a) + (b * b);
            }

            return sum;
        }
    }

    /// <summary>Chained Rosenbrock with kernels, as the benchmark writes it.</summary>
    internal sealed class RosenbrockKernels : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            int m = x.Length - 1;
            var a = new T[m];
            var b = new T[m];
            ReadOnlySpan<T> head = x[..m];
            Kernels.Square<T>(head, a);
            Kernels.Subtract<T>(x[1..], a, a);
            Kernels.Subtract<T>(T.One, head, b);
            return (T.CreateChecked(100) * Kernels.SumOfSquares<T>(a)) + Kernels.SumOfSquares<T>(b);
        }
    }
}
