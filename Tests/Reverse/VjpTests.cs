using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary>The VJP example everyone learns on: y = 2x, J = 2I, so uᵀJ = 2u. At x = (1, 1) with u = (2, 3) it is
/// (4, 6) (PyTorch: <c>y.backward(gradient=torch.tensor([2., 3.]))</c> leaves <c>x.grad == [4., 6.]</c>).</summary>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class VjpTests<T>
    where T : IFloatingPointIeee754<T>
{
    private static readonly T[] s_ones = [T.One, T.One];
    private static readonly T[] s_seed = [T.CreateChecked(2), T.CreateChecked(3)];

    // uᵀ·(2I) with u = (2, 3) = (4, 6), exactly representable in every T
    private static readonly T[] s_expected = [T.CreateChecked(4), T.CreateChecked(6)];

    // y = 2x at (1, 1) = (2, 2)
    private static readonly T[] s_expectedValue = [T.CreateChecked(2), T.CreateChecked(2)];

    private static TS[] Double<TS>(ReadOnlySpan<TS> x)
        where TS : IFloatingPointIeee754<TS>
    {
        var y = new TS[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = TS.CreateChecked(2) * x[i];
        }

        return y;
    }

    [Test]
    public void Vjp_DelegateTwoXSeed23_Is46()
    {
        (T[] value, T[] vjp) = Reverse.Vjp<T>(x => Double<Var<T>>(x), s_ones, s_seed);

        value.ShouldBe(s_expectedValue);
        vjp.ShouldBe(s_expected);
    }

    [Test]
    public void Vjp_VectorFunctionTwoXSeed23_Is46()
    {
        (T[] value, T[] vjp) = Reverse.Vjp<T>(new Doubler(), s_ones, s_seed);

        value.ShouldBe(s_expectedValue);
        vjp.ShouldBe(s_expected);
    }

    [Test]
    public void TapeBackward_TwoXSeed23_AdjointsAre46()
    {
        var tape = new Tape<T>();
        Var<T>[] x;
        Var<T>[] y;
        using (tape.Record())
        {
            x = [tape.Variable(T.One), tape.Variable(T.One)];
            y = Double<Var<T>>(x);
        }

        tape.Backward(y, s_seed);

        T[] adjoints = [tape.Adjoint(x[0]), tape.Adjoint(x[1])];
        adjoints.ShouldBe(s_expected);
    }

    [Test]
    public void TapeBackward_OneOutputAtATime_SeedsScaleEachRow()
    {
        var tape = new Tape<T>();
        using (tape.Record())
        {
            Var<T>[] x = [tape.Variable(T.One), tape.Variable(T.One)];
            Var<T>[] y = Double<Var<T>>(x);

            // ū = 3 on y₁ = 2x₁ only: adjoints (0, 6)
            tape.Backward(y[1], s_seed[1]);
            tape.Adjoint(x[0]).ShouldBe(T.Zero);
            tape.Adjoint(x[1]).ShouldBe(s_expected[1]);

            // a second sweep clears the first: ū = 1 on y₀ gives (2, 0), not accumulated
            tape.Backward(y[0]);
            tape.Adjoint(x[0]).ShouldBe(s_expectedValue[0]);
            tape.Adjoint(x[1]).ShouldBe(T.Zero);
        }
    }

    [Test]
    public void TapeBackward_SameOutputTwice_SeedsAdd()
    {
        var tape = new Tape<T>();
        using (tape.Record())
        {
            Var<T> x = tape.Variable(T.One);
            Var<T> y = x * s_seed[0];

            // y = 2x listed twice with seeds 2 and 3: ū_y = 5, so ū_x = 10
            tape.Backward([y, y], s_seed);
            tape.Adjoint(x).ShouldBe(T.CreateChecked(10));
        }
    }

    [Test]
    public void TapeBackward_ConstantAmongOutputs_ItsSeedIsIgnored()
    {
        var tape = new Tape<T>();
        using (tape.Record())
        {
            Var<T> x = tape.Variable(T.One);
            Var<T>[] y = [x * s_seed[0], T.CreateChecked(7)];

            // (2x, 7) with u = (2, 3): uᵀJ = 2·2 + 3·0 = 4
            tape.Backward(y, s_seed);
            tape.Adjoint(x).ShouldBe(s_expected[0]);
        }
    }

    [Test]
    public void Vjp_Linearity_SumOfSeedsGivesSumOfVjps()
    {
        // J of TanhChain at x; (Jᵀ(u + w)) = Jᵀu + Jᵀw up to rounding
        var f = new TestFunctions.TanhChain();
        T[] x = TestFunctions.Cast<T>([0.2, 0.9, -0.3, 1.3, 0.5]);
        T[] u = TestFunctions.Cast<T>([1.0, -2.0, 0.5, 0.25, 3.0]);
        T[] w = TestFunctions.Cast<T>([-0.5, 1.0, 2.0, -1.0, 0.75]);
        T[] sum = [.. u.Zip(w, (a, b) => a + b)];

        T[] ju = Reverse.Vjp(f, x, u).Vjp;
        T[] jw = Reverse.Vjp(f, x, w).Vjp;
        T[] jSum = Reverse.Vjp(f, x, sum).Vjp;

        for (int j = 0; j < x.Length; j++)
        {
            double expected = double.CreateChecked(ju[j] + jw[j]);
            double.CreateChecked(jSum[j]).ShouldBe(expected, TestFunctions.Ulps<T>(64) * Math.Max(1, Math.Abs(expected)));
        }
    }

    /// <summary>y = 2x as a generic vector function.</summary>
    private sealed class Doubler : IVectorFunction
    {
        public int OutputLength(int inputLength) => inputLength;

        public void Evaluate<TS>(ReadOnlySpan<TS> x, Span<TS> y)
            where TS : IFloatingPointIeee754<TS> => Double(x).CopyTo(y);
    }
}
