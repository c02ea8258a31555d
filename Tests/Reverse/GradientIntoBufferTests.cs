using System.Numerics;
using NUnit.Framework;
using Shouldly;
using static DualAutodiff.Tests.ReverseMode.BufferTestFunctions;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary><see cref="Reverse.ValueAndGradient{T}(IScalarFunction, ReadOnlySpan{T}, Span{T})"/>: the gradient into a
/// caller's buffer, bit for bit that of the array facade, the buffer aliasing the point, clear exceptions, and a
/// buffer left untouched by a function that throws.</summary>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class GradientIntoBufferTests<T>
    where T : IFloatingPointIeee754<T>
{
    private static T[] Point(int n) => [.. Enumerable.Range(0, n).Select(i => T.CreateChecked(0.5 + (0.4 * Math.Sin(i))))];

    [Test]
    public void ValueAndGradient_SumOfSquares_IsTwiceThePoint()
    {
        // f = Σ xᵢ² at (1, 2, 3) = 14, ∇f = 2x = (2, 4, 6)
        T[] x = [T.One, T.CreateChecked(2), T.CreateChecked(3)];
        var gradient = new T[3];
        T value = Reverse.ValueAndGradient<T>(new SumOfSquares(), x, gradient);
        value.ShouldBe(T.CreateChecked(14));
        gradient.ShouldBe([T.CreateChecked(2), T.CreateChecked(4), T.CreateChecked(6)]);
    }

    [TestCase(4)]
    [TestCase(5001)]
    public void ValueAndGradient_IntoBuffer_AgreesBitForBitWithTheArrayFacade(int n)
    {
        // the same recording and sweep (kernels, fused recording and a group backward at n = 5001)
        T[] x = Point(n);
        foreach (IScalarFunction f in new IScalarFunction[] { new Rosenbrock(), new RosenbrockKernels() })
        {
            (T value, T[] expected) = Reverse.ValueAndGradient(f, x);
            var gradient = new T[n];
            Reverse.ValueAndGradient<T>(f, x, gradient).ShouldBe(value);
            gradient.ShouldBe(expected);
        }
    }

    [Test]
    public void ValueAndGradient_RosenbrockKernels_AgreesBitForBitWithAFreshImperativeTape()
    {
        // the facade's pooled tape defers the kernel outputs' slots, so the group's first writers write them; a fresh
        // imperative tape's first sweep adds to zeroed slots: the same sums, bit for bit (signed zeros included)
        T[] x = Point(5001);
        var gradient = new T[x.Length];
        for (int call = 0; call < 2; call++)
        {
            Reverse.ValueAndGradient<T>(new RosenbrockKernels(), x, gradient);
        }

        var tape = new Tape<T>();
        using (tape.Record())
        {
            Var<T>[] xs = [.. x.Select(tape.Variable)];
            tape.Backward(new RosenbrockKernels().Evaluate<Var<T>>(xs));
            T[] expected = [.. xs.Select(tape.Adjoint)];
            gradient.Select(BitsOf).ShouldBe(expected.Select(BitsOf));
        }
    }

    private static long BitsOf(T value) => typeof(T) == typeof(float) ? BitConverter.SingleToInt32Bits(float.CreateChecked(value)) : BitConverter.DoubleToInt64Bits(double.CreateChecked(value));

    [Test]
    public void ValueAndGradient_BufferIsThePoint_GradientReplacesIt()
    {
        // x is read whole before f runs: the gradient at the old x, ∇ Σ xᵢ² = 2x, and Rosenbrock's as the array facade gives it
        T[] y = Point(1000);
        T[] expected = [.. y.Select(yi => yi + yi)];
        Reverse.ValueAndGradient<T>(new SumOfSquares(), y, y);
        y.ShouldBe(expected);

        T[] x = Point(1000);
        T[] rosenbrock = Reverse.Gradient(new RosenbrockKernels(), x);
        Reverse.ValueAndGradient<T>(new RosenbrockKernels(), x, x);
        x.ShouldBe(rosenbrock);
    }

    [Test]
    public void ValueAndGradient_BufferOfAnotherLength_ThrowsNamingIt()
    {
        var e = Should.Throw<ArgumentException>(() => Reverse.ValueAndGradient<T>(new SumOfSquares(), Point(3), new T[2]));
        e.ParamName.ShouldBe("gradient");
        e.Message.ShouldContain("length 2");
    }

    [Test]
    public void ValueAndGradient_NullFunction_ThrowsNamingIt()
    {
        var e = Should.Throw<ArgumentNullException>(() => Reverse.ValueAndGradient<T>(null!, Point(3), new T[3]));
        e.ParamName.ShouldBe("f");
    }

    [Test]
    public void ValueAndGradient_FunctionThrows_BufferUntouchedAndNextCallExact()
    {
        T[] x = Point(2000);
        T[] gradient = [.. Enumerable.Repeat(T.CreateChecked(7), 2000)];
        Should.Throw<InvalidOperationException>(() => Reverse.ValueAndGradient<T>(new Throwing(), x, gradient));
        gradient.ShouldBe(Enumerable.Repeat(T.CreateChecked(7), 2000).ToArray());

        // the pooled tape is ready again: ∇ Σ xᵢ² = 2x
        Reverse.ValueAndGradient<T>(new SumOfSquares(), x, gradient);
        gradient.ShouldBe([.. x.Select(xi => xi + xi)]);
    }

    [Test]
    public void ValueAndGradient_EmptyPoint_ValueAndNoGradient()
    {
        // f: R⁰ → R, the empty sum 0
        Reverse.ValueAndGradient<T>(new SumOfSquares(), ReadOnlySpan<T>.Empty, Span<T>.Empty).ShouldBe(T.Zero);
    }

    private sealed class SumOfSquares : IScalarFunction
    {
        public TS Evaluate<TS>(ReadOnlySpan<TS> x)
            where TS : IFloatingPointIeee754<TS> => DualAutodiff.Kernels.SumOfSquares(x);
    }
}
