using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Reliability;

/// <summary>
/// Very many inputs: a gradient of 10⁷ inputs in one call, and a tape whose size is exactly linear in n (one record
/// per input and one per addition, 24 bytes each for double). The large call runs on a thread of its own, so the
/// gigabyte its pooled tape grows to is released with the thread instead of staying in a test worker's pool.
/// </summary>
[TestFixture]
[NonParallelizable]
public class LargeInputTests
{
    [Test]
    public void Gradient_TenMillionInputs_AllOnesAndExactValue()
    {
        const int n = 10_000_000;
        double[] x = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (i % 5) - 2.0;
        }

        (double Value, double[] Gradient) result = default;
        var worker = new Thread(() => result = Reverse.ValueAndGradient(Sum.Instance, x));
        worker.Start();
        worker.Join();

        // Σ ((i mod 5) − 2) over 2·10⁶ full cycles of (−2, −1, 0, 1, 2) = 0, exactly; ∂/∂xᵢ Σ x = 1
        result.Value.ShouldBe(0.0);
        result.Gradient.ShouldNotBeNull().Length.ShouldBe(n);
        result.Gradient.All(g => g == 1.0).ShouldBeTrue();
    }

    [TestCase(100_000)]
    [TestCase(1_000_000)]
    public void TapeCount_SumOfNInputs_IsTwoN(int n)
    {
        // n variables, then n additions (the first, 0 + x₀, is a one-operand record)
        var tape = new Tape<double>();
        using (tape.Record())
        {
            var x = new Var<double>[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = tape.Variable(i);
            }

            Var<double> y = Sum.Instance.Evaluate<Var<double>>(x);
            tape.Count.ShouldBe(2 * n);
            tape.Backward(y);
            tape.Adjoint(x[n - 1]).ShouldBe(1.0);
        }
    }

    /// <summary>Σ xᵢ.</summary>
    private sealed class Sum : IScalarFunction
    {
        public static readonly Sum Instance = new();

        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            foreach (T xi in x)
            {
                sum += xi;
            }

            return sum;
        }
    }
}
