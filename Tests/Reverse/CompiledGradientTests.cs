using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary><see cref="CompiledGradient{T}"/>: a replay at a new point equals a new recording there, bit for bit; every
/// way a value steers f is checked, so crossing a branch either way re-records (counted) and is never wrong.</summary>
[TestFixture]
public class CompiledGradientTests
{
    /// <summary>Counts evaluations of f at <c>Var&lt;double&gt;</c>.</summary>
    /// <summary>x₀ &lt; x₁ ? x₀²·x₁ : sin x₁ − x₀.</summary>
    private sealed class Comparison : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => x[0] < x[1] ? x[0] * x[0] * x[1] : T.Sin(x[1]) - x[0];
    }

    /// <summary>|x₀|·max(x₀, x₁) + min(x₁, 2) + clamp(x₀, −1, x₁) + copysign(3, x₁)·x₀ + maxmagnitude(x₀, x₁).</summary>
    private sealed class Selections : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T two = T.CreateChecked(2);
            return (T.Abs(x[0]) * T.Max(x[0], x[1])) + T.Min(x[1], two) + T.Clamp(x[0], -T.One, T.Max(x[1], T.One))
                + (T.CopySign(T.CreateChecked(3), x[1]) * x[0]) + T.MaxMagnitude(x[0], x[1]);
        }
    }

    /// <summary>Halves x₀ until it is at most 1 (a loop count of ⌈log₂ x₀⌉), times x₁: a value-dependent loop.</summary>
    private sealed class HalvingLoop : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T t = x[0];
            T two = T.CreateChecked(2);
            while (t > T.One)
            {
                t /= two;
            }

            return t * x[1];
        }
    }

    /// <summary>x[k]² + x₀ with k = ⌊x₀⌋ mod 3 (converted to an int): a value used as an array index.</summary>
    private sealed class Indexing : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            int k = int.CreateTruncating(T.Abs(x[0])) % 3;
            return (x[k + 1] * x[k + 1]) + x[0];
        }
    }

    /// <summary>x₀·x₁ scaled by a double read out of the tape (double.CreateChecked), and rounded parts.</summary>
    private sealed class Conversions : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            double d = double.CreateChecked(x[0]);
            T scale = T.CreateChecked(d > 0 ? 2.0 : -3.0);
            return (scale * x[0] * x[1]) + T.Floor(x[1]) * x[0] + T.Round(x[0], 1) + (T.IsNegative(x[1]) ? x[1] : T.Exp(x[1]))
                + T.CreateChecked(T.Sign(x[0])) * x[1];
        }
    }

    /// <summary>x₀·StopGradient(x₁) + x₁: the stopped value is a constant of the recording.</summary>
    private sealed class Stopped : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => (x[0] * Rule.StopGradient(x[1])) + x[1];
    }

    /// <summary>fma(x₀, x₁, x₂) + sin x₀, the sine recorded with its own partial by Tape.Operation: a record no replay
    /// recomputes, so every call records.</summary>
    private sealed class NotReplayable : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T r = T.FusedMultiplyAdd(x[0], x[1], x[2]);
            if (x[0] is Var<double> a)
            {
                double value = a.Value;
                return r + (T)(object)Tape<double>.Operation(Math.Sin(value), [a], [Math.Cos(value)]);
            }

            return r + T.Sin(x[0]);
        }
    }

    /// <summary>Throws when x₀ &gt; 5, else x₀²·x₁.</summary>
    private sealed class ThrowsAboveFive : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => x[0] > T.CreateChecked(5) ? throw new InvalidOperationException("x₀ > 5") : x[0] * x[0] * x[1];
    }

    /// <summary>Every operation kind that replays: arithmetic with constants either side, rules, ternary rules and
    /// span rules (log-sum-exp) with constants anywhere, custom rules, special functions.</summary>
    private sealed class EveryReplayedKind : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T c = T.CreateChecked(1.5);
            T a = x[0];
            T b = x[1];
            T r = (a + c) + (c + b) + (a - c) + (c - b) + (a * c) + (c * b) + (a / c) + (c / b) + (a / b) + (a % b) + (a % c) + (c % b);
            r += -a + T.Exp(a) + T.Log(T.One + (b * b)) + T.Pow(T.Abs(a) + T.One, b) + T.Pow(T.Abs(a) + T.One, c) + T.Pow(c, b);
            r += T.Atan2(a, b) + T.Hypot(a, c) + T.ScaleB(a, 3) + T.RootN(T.One + (a * a), 3) + T.SinCos(b).Sin * T.SinCos(a).Cos;
            r += Special.Erf(a) + Special.LogBeta(T.One + (a * a), T.One + (b * b)) + Special.Xlogy(b, T.One + (a * a)) + Special.Sigmoid(b);
            T i = a;
            i++;
            i--;
            r += Special.LogSumExp<T>([a, b]) + Special.LogSumExp<T>([a, c, b]) + Special.LogSumExp<T>([b, a, b, c]);
            r += T.FusedMultiplyAdd(a, b, c) + T.FusedMultiplyAdd(c, b, a) + T.FusedMultiplyAdd(a, c, c) + T.Lerp(a, b, T.Sin(b)) + T.Lerp(c, a, c);
            return r + (i * T.Tanh(b)) + T.Log(a * a + T.One, c + b * b);
        }
    }

    private static IEnumerable<TestCaseData> Smooth()
    {
        foreach ((string name, IScalarFunction f, double[] x) in TestFunctions.Scalar())
        {
            yield return new TestCaseData(f, x).SetName($"{{m}}({name.Replace(' ', '_').Replace('=', '_')})");
        }

        yield return new TestCaseData(new EveryReplayedKind(), new[] { 0.7, -1.3 }).SetName("{m}(EveryReplayedKind)");
    }

    private static IEnumerable<TestCaseData> Branches()
    {
        // Each function at a start point, then points that cross its branches both ways and come back.
        yield return new TestCaseData(new Comparison(), new[] { 0.5, 1.0 }, 0.4).SetName("{m}(Comparison)");
        yield return new TestCaseData(new Selections(), new[] { 0.5, 1.0 }, 0.6).SetName("{m}(AbsMinMaxClampCopySign)");
        yield return new TestCaseData(new HalvingLoop(), new[] { 3.0, 0.7 }, 1.9).SetName("{m}(ValueDependentLoopCount)");
        yield return new TestCaseData(new Indexing(), new[] { 0.5, 1.5, -0.7, 2.2 }, 0.8).SetName("{m}(ValueAsArrayIndex)");
        yield return new TestCaseData(new Conversions(), new[] { 0.4, 1.3 }, 0.9).SetName("{m}(ConversionsAndPredicates)");
    }

    [TestCaseSource(nameof(Smooth))]
    public void ValueAndGradient_ManyNewPoints_EqualsNewRecordingWithoutRunningF(IScalarFunction f, double[] x)
    {
        var counting = new CountingFunction(f);
        using CompiledGradient<double> compiled = Reverse.Compile(counting, x);
        compiled.IsReplayable.ShouldBeTrue(compiled.NotReplayableReason);
        for (int k = 0; k < 20; k++)
        {
            double[] at = [.. x.Select((xi, i) => xi + (0.05 * Math.Sin((7 * k) + i)))];
            (double value, double[] gradient) = compiled.ValueAndGradient(at);
            (double expectedValue, double[] expectedGradient) = Reverse.ValueAndGradient(f, at);

            // the replay does a new recording's arithmetic, so the numbers are the same bits
            value.ShouldBe(expectedValue);
            gradient.ShouldBe(expectedGradient);
        }

        counting.Calls.ShouldBe(1);
        compiled.Recordings.ShouldBe(1);
    }

    [TestCaseSource(nameof(Branches))]
    public void ValueAndGradient_CrossingBranchesBothWays_AlwaysEqualsNewRecordingAndCountsRecordings(IScalarFunction f, double[] x, double step)
    {
        var counting = new CountingFunction(f);
        using CompiledGradient<double> compiled = Reverse.Compile(counting, x);
        compiled.IsReplayable.ShouldBeTrue(compiled.NotReplayableReason);
        int expectedRecordings = 1;
        for (int k = 0; k < 40; k++)
        {
            // a walk back and forth over the branches (period 16), so each branch is entered from both sides
            double phase = step * Math.Sin(k * Math.PI / 8);
            double[] at = [.. x.Select((xi, i) => xi + (phase * (i % 2 == 0 ? 1 : -0.5)))];
            int calls = counting.Calls;
            (double value, double[] gradient) = compiled.ValueAndGradient(at);
            (double expectedValue, double[] expectedGradient) = Reverse.ValueAndGradient(f, at);
            value.ShouldBe(expectedValue, $"f at step {k}");
            gradient.ShouldBe(expectedGradient, $"∇f at step {k}");
            expectedRecordings += counting.Calls - calls;
        }

        // every call of f beyond the reference recordings was a re-recording, and each was counted
        compiled.Recordings.ShouldBe(expectedRecordings);
        compiled.Recordings.ShouldBeGreaterThan(1, "the walk crosses a branch");
        compiled.Recordings.ShouldBeLessThan(41, "most points replay");
    }

    [Test]
    public void ValueAndGradient_ComparisonCrossedAndBack_ReRecordsOncePerCrossing()
    {
        using CompiledGradient<double> compiled = Reverse.Compile(new Comparison(), [0.5, 1.0]);

        // x₀ < x₁: f = x₀²x₁, ∇f = (2x₀x₁, x₀²) = (1.2, 0.36) at (0.6, 1)
        compiled.ValueAndGradient([0.6, 1.0]).Gradient.ShouldBe([1.2, 0.36], 1e-15);
        compiled.Recordings.ShouldBe(1);

        // x₀ > x₁: f = sin x₁ − x₀, ∇f = (−1, cos 1)
        compiled.ValueAndGradient([2.0, 1.0]).Gradient.ShouldBe([-1.0, Math.Cos(1.0)], 1e-15);
        compiled.Recordings.ShouldBe(2);
        compiled.ValueAndGradient([3.0, 1.0]).Gradient.ShouldBe([-1.0, Math.Cos(1.0)], 1e-15);
        compiled.Recordings.ShouldBe(2);

        // back: ∇f = (2·0.5·1, 0.25) = (1, 0.25)
        compiled.ValueAndGradient([0.5, 1.0]).Gradient.ShouldBe([1.0, 0.25], 1e-15);
        compiled.Recordings.ShouldBe(3);
    }

    [Test]
    public void ValueAndGradient_StoppedValueChanges_ReRecordsAndTreatsItAsConstant()
    {
        using CompiledGradient<double> compiled = Reverse.Compile(new Stopped(), [2.0, 3.0]);

        // f = x₀·sg(x₁) + x₁: ∂/∂x₀ = x₁ = 3, ∂/∂x₁ = 1 (the stopped factor has no derivative)
        compiled.ValueAndGradient([5.0, 3.0]).Gradient.ShouldBe([3.0, 1.0]);
        compiled.Recordings.ShouldBe(1);

        // x₁ = 4 changes the stopped constant: ∇f = (4, 1), recorded anew
        compiled.ValueAndGradient([5.0, 4.0]).Gradient.ShouldBe([4.0, 1.0]);
        compiled.Recordings.ShouldBe(2);
    }

    /// <summary>Σ exp(xᵢ)·xᵢ written with array kernels: kernel records carry no replay step.</summary>
    private sealed class WithKernels : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            var e = new T[x.Length];
            Kernels.Exp(x, e);
            return Kernels.Dot<T>(e, x);
        }
    }

    [Test]
    public void ValueAndGradient_ArrayKernels_RecordEveryCallAndAreRight()
    {
        var counting = new CountingFunction(new WithKernels());
        using CompiledGradient<double> compiled = Reverse.Compile(counting, [0.3, -0.2, 0.9]);
        compiled.IsReplayable.ShouldBeFalse();
        for (int k = 1; k <= 3; k++)
        {
            double[] at = [0.3 * k, -0.2, 0.9 / k];

            // d/dxᵢ Σ xⱼ·e^xⱼ = (1 + xᵢ)·e^xᵢ
            compiled.ValueAndGradient(at).Gradient.ShouldBe([.. at.Select(a => (1 + a) * Math.Exp(a))], 1e-15);
        }

        compiled.Recordings.ShouldBe(4);
        counting.Calls.ShouldBe(4);
    }

    [Test]
    public void ValueAndGradient_NotReplayable_RecordsEveryCallAndIsRight()
    {
        var counting = new CountingFunction(new NotReplayable());
        using CompiledGradient<double> compiled = Reverse.Compile(counting, [0.3, -0.2, 0.9]);
        compiled.IsReplayable.ShouldBeFalse();
        compiled.NotReplayableReason.ShouldNotBeNull();
        for (int k = 1; k <= 3; k++)
        {
            double[] at = [0.3 * k, -0.2, 0.9 / k];
            compiled.ValueAndGradient(at).Gradient.ShouldBe(Reverse.Gradient(new NotReplayable(), at));
        }

        // one recording at creation and one per call
        compiled.Recordings.ShouldBe(4);
        counting.Calls.ShouldBe(4);
    }

    [Test]
    public void ValueAndGradient_ExceptionInFDuringReRecording_LeavesItUsable()
    {
        using CompiledGradient<double> compiled = Reverse.Compile(new ThrowsAboveFive(), [1.0, 2.0]);

        // crossing x₀ = 5 re-records, and f throws
        Should.Throw<InvalidOperationException>(() => compiled.ValueAndGradient([6.0, 2.0])).Message.ShouldBe("x₀ > 5");
        Tape<double>.Active.ShouldBeNull();

        // ∇(x₀²x₁) = (2x₀x₁, x₀²) = (12, 9) at (3, 2): recorded again, then replayed at (2, 2): (8, 4)
        compiled.ValueAndGradient([3.0, 2.0]).Gradient.ShouldBe([12.0, 9.0]);
        compiled.ValueAndGradient([2.0, 2.0]).Gradient.ShouldBe([8.0, 4.0]);
        compiled.Recordings.ShouldBe(2);
        compiled.IsReplayable.ShouldBeTrue();
    }

    [Test]
    public void ValueAndGradient_NaNInput_FlowsThroughAsANewRecordingWould()
    {
        using CompiledGradient<double> compiled = Reverse.Compile(new TestFunctions.Rational(), [0.7, 1.9, -0.6]);
        double[] at = [double.NaN, 1.9, -0.6];
        (double value, double[] gradient) = compiled.ValueAndGradient(at);
        (double expectedValue, double[] expectedGradient) = Reverse.ValueAndGradient(new TestFunctions.Rational(), at);
        value.ShouldBe(expectedValue);
        gradient.ShouldBe(expectedGradient);
        double.IsNaN(value).ShouldBeTrue();
    }

    [Test]
    public void Compile_Ownership_CopiesXNeverModifiesInputsAndReturnsFreshArrays()
    {
        double[] x = [1.0, 2.0, 3.0, 4.0];
        using CompiledGradient<double> compiled = Reverse.Compile(new TestFunctions.Rosenbrock(), x);
        x[0] = 100;
        double[] at = [-1.2, 1.0, 0.7, -0.4];
        double[] copy = [.. at];
        double[] first = compiled.ValueAndGradient(at).Gradient;
        double[] second = compiled.ValueAndGradient(at).Gradient;
        at.ShouldBe(copy);
        first.ShouldNotBeSameAs(second);
        first[0] = 12345;
        compiled.ValueAndGradient(at).Gradient.ShouldBe(second);
        compiled.InputLength.ShouldBe(4);
    }

    [Test]
    public void ValueAndGradient_BadInput_ThrowsNamingTheParameter()
    {
        using CompiledGradient<double> compiled = Reverse.Compile(new TestFunctions.Rosenbrock(), [1.0, 2.0]);
        Should.Throw<ArgumentNullException>(() => compiled.ValueAndGradient(null!)).ParamName.ShouldBe("x");
        Should.Throw<ArgumentException>(() => compiled.ValueAndGradient([1.0])).ParamName.ShouldBe("x");
        Should.Throw<ArgumentNullException>(() => Reverse.Compile<double>(null!, [1.0])).ParamName.ShouldBe("f");
        Should.Throw<ArgumentNullException>(() => Reverse.Compile<double>(new TestFunctions.Rosenbrock(), null!)).ParamName.ShouldBe("x");
    }

    [Test]
    public void Dispose_ThenUse_ThrowsObjectDisposed()
    {
        CompiledGradient<double> compiled = Reverse.Compile(new TestFunctions.Rosenbrock(), [1.0, 2.0]);
        compiled.Dispose();
        Should.Throw<ObjectDisposedException>(() => compiled.ValueAndGradient([1.0, 2.0]));
        compiled.Dispose();
    }

    [Test]
    public void ValueAndGradient_ManyAliveOnManyThreads_EachEqualsNewRecording()
    {
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, t =>
        {
            using CompiledGradient<double> compiled = Reverse.Compile(new Comparison(), [0.1 * t, 0.5]);
            for (int k = 0; k < 200; k++)
            {
                double[] at = [0.1 * t + (0.01 * k), 0.5 + (0.3 * Math.Sin(k))];
                if (!compiled.ValueAndGradient(at).Gradient.SequenceEqual(Reverse.Gradient(new Comparison(), at)))
                {
                    failures.Add($"thread {t}, step {k}");
                }
            }
        });
        failures.ShouldBeEmpty();
    }

    [Test]
    public void ValueAndGradient_Float_EqualsNewRecording()
    {
        using CompiledGradient<float> compiled = Reverse.Compile(new TestFunctions.Rational(), [0.7f, 1.9f, -0.6f]);
        float[] at = [0.8f, 1.7f, -0.5f];
        compiled.ValueAndGradient(at).Gradient.ShouldBe(Reverse.Gradient(new TestFunctions.Rational(), at));
        compiled.Recordings.ShouldBe(1);
    }

    [Test]
    public void ValueAndGradient_ForwardOverReverse_EqualsNewRecording()
    {
        // Var<Dual<double>>: the replay recomputes values and partials at Dual<double>, tangents included
        Dual<double>[] x = [new(0.7, 1), new(1.9, 0), new(-0.6, 0.5)];
        using CompiledGradient<Dual<double>> compiled = Reverse.Compile(new TestFunctions.Rational(), x);
        Dual<double>[] at = [new(0.8, 1), new(1.7, 0), new(-0.5, 0.5)];
        compiled.ValueAndGradient(at).Gradient.ShouldBe(Reverse.Gradient(new TestFunctions.Rational(), at));
        compiled.Recordings.ShouldBe(1);
    }

    [Test]
    public void ValueAndGradient_ValueReadInsideF_ReplaysOnlyAtTheSameValue()
    {
        var f = new ValueReader();
        using CompiledGradient<double> compiled = Reverse.Compile(f, [2.0, 3.0]);

        // f = x₀·c + x₁ with c = x₀'s value read out: ∇f = (c, 1) = (2, 1) at the same x₀, replayed
        compiled.ValueAndGradient([2.0, 5.0]).Gradient.ShouldBe([2.0, 1.0]);
        compiled.Recordings.ShouldBe(1);

        // x₀ = 4: c = 4 read anew, ∇f = (4, 1)
        compiled.ValueAndGradient([4.0, 5.0]).Gradient.ShouldBe([4.0, 1.0]);
        compiled.Recordings.ShouldBe(2);
    }

    [Test]
    public void Compile_ValueComparedOnAnotherThread_IsNotReplayableAndAlwaysRight()
    {
        using CompiledGradient<double> compiled = Reverse.Compile(new ComparesOnAnotherThread(), [2.0, 3.0]);
        compiled.IsReplayable.ShouldBeFalse();

        // f = |x₀|·x₁ decided on a worker thread: ∇f = (−x₁, −x₀) = (−3, 2) at (−2, 3), recorded anew
        compiled.ValueAndGradient([-2.0, 3.0]).Gradient.ShouldBe([-3.0, 2.0]);
        compiled.Recordings.ShouldBe(2);
    }

    /// <summary>x₀ &lt; 0 decided on another thread, then ±x₀·x₁.</summary>
    private sealed class ComparesOnAnotherThread : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T a = x[0];
            bool negative = Task.Run(() => a < T.Zero).GetAwaiter().GetResult();
            return negative ? -a * x[1] : a * x[1];
        }
    }

    /// <summary>f = x₀·c + x₁, c the value of x₀ read out of the tape (<see cref="Var{T}.Value"/>).</summary>
    private sealed class ValueReader : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            if (x[0] is Var<double> v)
            {
                T c = T.CreateChecked(v.Value);
                return (x[0] * c) + x[1];
            }

            return (x[0] * x[0]) + x[1];
        }
    }
}
