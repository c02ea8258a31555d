using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary>Bad arguments to the facades and the imperative tape: an exception of the ArgumentException family
/// naming the parameter, and for a vector output without a seed PyTorch's "only for scalar outputs".</summary>
[TestFixture]
public class ArgumentTests
{
    private static readonly IScalarFunction s_scalar = new TestFunctions.Rosenbrock();
    private static readonly IVectorFunction s_vector = new TestFunctions.Polar();
    private static readonly double[] s_x = [0.6, -1.4];
    private static readonly double[] s_u = [1.0, 2.0, 3.0];

    public static IEnumerable<TestCaseData> NullOrEmpty()
    {
        Func<Var<double>[], Var<double>> scalar = v => v[0] * v[1];
        Func<Var<double>[], Var<double>[]> vector = v => [v[0], v[1], v[0] * v[1]];
        yield return Case("Derivative null f", () => Reverse.Derivative(null!, 1.0), "f");
        yield return Case("Gradient null f", () => Reverse.Gradient((Func<Var<double>[], Var<double>>)null!, s_x), "f");
        yield return Case("Gradient null x", () => Reverse.Gradient(scalar, null!), "x");
        yield return Case("ValueAndGradient null f", () => Reverse.ValueAndGradient((Func<Var<double>[], Var<double>>)null!, s_x), "f");
        yield return Case("Gradient(IScalarFunction) null f", () => Reverse.Gradient((IScalarFunction)null!, s_x), "f");
        yield return Case("Gradient(IScalarFunction) null x", () => Reverse.Gradient<double>(s_scalar, null!), "x");
        yield return Case("Vjp null f", () => Reverse.Vjp((Func<Var<double>[], Var<double>[]>)null!, s_x, s_u), "f");
        yield return Case("Vjp null x", () => Reverse.Vjp(vector, null!, s_u), "x");
        yield return Case("Vjp null u", () => Reverse.Vjp(vector, s_x, null!), "u");
        yield return Case("Vjp(IVectorFunction) null f", () => Reverse.Vjp((IVectorFunction)null!, s_x, s_u), "f");
        yield return Case("Vjp(IVectorFunction) null x", () => Reverse.Vjp<double>(s_vector, null!, s_u), "x");
        yield return Case("Vjp(IVectorFunction) null u", () => Reverse.Vjp(s_vector, s_x, null!), "u");
        yield return Case("Jacobian null f", () => Reverse.Jacobian((Func<Var<double>[], Var<double>[]>)null!, s_x), "f");
        yield return Case("Jacobian null x", () => Reverse.Jacobian(vector, null!), "x");
        yield return Case("Jacobian(IVectorFunction) null f", () => Reverse.Jacobian((IVectorFunction)null!, s_x), "f");
        yield return Case("Jacobian(IVectorFunction) null x", () => Reverse.Jacobian<double>(s_vector, null!), "x");
        yield return Case("Vjp seed too short", () => Reverse.Vjp(vector, s_x, [1.0, 2.0]), "u");
        yield return Case("Vjp(IVectorFunction) seed too long", () => Reverse.Vjp(s_vector, s_x, [1.0, 2.0, 3.0, 4.0]), "u");
        yield return Case("Vjp f returns null", () => Reverse.Vjp(_ => null!, s_x, s_u), "f");
        yield return Case("Jacobian f returns null", () => Reverse.Jacobian(_ => null!, s_x), "f");
        yield return Case("Jacobian(IVectorFunction) negative output length", () => Reverse.Jacobian(new NoOutputs(), s_x), "f");
    }

    [TestCaseSource(nameof(NullOrEmpty))]
    public void Facade_BadArgument_ArgumentExceptionNamesParameter(Action call, string parameter)
    {
        ArgumentException e = Should.Throw<ArgumentException>(call);
        e.ParamName.ShouldBe(parameter);
    }

    [Test]
    public void Facade_NullArgument_IsArgumentNullException()
    {
        Should.Throw<ArgumentNullException>(() => Reverse.Gradient<double>(s_scalar, null!)).ParamName.ShouldBe("x");
        Should.Throw<ArgumentNullException>(() => Reverse.Vjp(s_vector, s_x, null!)).ParamName.ShouldBe("u");
    }

    [Test]
    public void Vjp_SeedLengthMismatch_MessageGivesBothLengths()
    {
        ArgumentException e = Should.Throw<ArgumentException>(() => Reverse.Vjp(s_vector, s_x, [1.0, 2.0]));
        e.Message.ShouldContain("2");
        e.Message.ShouldContain("3");
    }

    [Test]
    public void TapeBackward_SeveralOutputsWithoutSeed_ScalarOnlyMessage()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> x = tape.Variable(1.0);
            Var<double>[] y = [x * 2.0, x * 3.0];

            ArgumentException e = Should.Throw<ArgumentException>(() => tape.Backward(y));

            e.ParamName.ShouldBe("outputs");
            e.Message.ShouldContain("implicitly created only for a scalar output");
        }
    }

    [Test]
    public void TapeBackward_NoOutputsWithoutSeed_Throws()
    {
        var tape = new Tape<double>();
        Should.Throw<ArgumentException>(() => tape.Backward(ReadOnlySpan<Var<double>>.Empty)).ParamName.ShouldBe("outputs");
    }

    [Test]
    public void TapeBackward_SeedLengthMismatch_NamesSeeds()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> x = tape.Variable(1.0);
            Var<double>[] y = [x * 2.0, x * 3.0];

            ArgumentException e = Should.Throw<ArgumentException>(() => tape.Backward(y, [1.0, 2.0, 3.0]));

            e.ParamName.ShouldBe("seeds");
        }
    }

    [Test]
    public void TapeBackward_VariableOfAnotherTape_Throws()
    {
        var first = new Tape<double>();
        var second = new Tape<double>();
        Var<double> foreign;
        using (first.Record())
        {
            foreign = first.Variable(2.0) * 3.0;
        }

        using (second.Record())
        {
            Var<double> own = second.Variable(1.0);
            Should.Throw<InvalidOperationException>(() => second.Backward(foreign)).Message.ShouldContain("'outputs'");
            Should.Throw<InvalidOperationException>(() => second.Adjoint(foreign)).Message.ShouldContain("'x'");
            Should.Throw<InvalidOperationException>(() => own * foreign).Message.ShouldContain("different recordings");
        }
    }

    [Test]
    public void TapeBackward_VariableOfEnclosingRecording_ThrowsNestingMessage()
    {
        var outer = new Tape<double>();
        var inner = new Tape<double>();
        using (outer.Record())
        {
            Var<double> x = outer.Variable(2.0);
            using (inner.Record())
            {
                // the same situation as a same-type nested derivative returning an outer variable
                Should.Throw<InvalidOperationException>(() => inner.Backward(x + 1.0)).Message.ShouldContain("next type level");
            }
        }
    }

    [Test]
    public void TapeBackward_VariableFromBeforeReset_Throws()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> old = tape.Variable(2.0);
            tape.Reset();

            // a stale variable is the same InvalidOperationException whether it is read, swept from or combined
            Should.Throw<InvalidOperationException>(() => tape.Backward(old)).Message.ShouldContain("reset");
            Should.Throw<InvalidOperationException>(() => tape.Adjoint(old)).Message.ShouldContain("reset");
            Should.Throw<InvalidOperationException>(() => old * old).Message.ShouldContain("reset");
        }
    }

    [Test]
    public void TapeVariable_UsedAfterScopeEnded_Throws()
    {
        var tape = new Tape<double>();
        Var<double> x;
        using (tape.Record())
        {
            x = tape.Variable(2.0);
        }

        Should.Throw<InvalidOperationException>(() => Var<double>.Sin(x)).Message.ShouldContain("no recording active");
    }

    [Test]
    public void TapeRecord_AlreadyRecording_Throws()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Should.Throw<InvalidOperationException>(() => tape.Record());
        }
    }

    [Test]
    public void VarCarriedToAnotherThread_ArithmeticThere_ThrowsClearly()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> x = tape.Variable(2.0);
            Exception? caught = null;
            var thread = new Thread(() =>
            {
                try
                {
                    _ = x * x;
                }
                catch (InvalidOperationException e)
                {
                    caught = e;
                }
            });
            thread.Start();
            thread.Join();

            caught.ShouldNotBeNull().Message.ShouldContain("another thread");

            // the recording on this thread is unaffected: d/dx x² at 2 = 4
            tape.Backward(x * x);
            tape.Adjoint(x).ShouldBe(4.0);
        }
    }

    [Test]
    public void VarCarriedToAnotherThreadWithItsOwnRecording_ThrowsClearly()
    {
        // the other thread records on its own tape, which the outer variable is not on
        Exception e = Should.Throw<InvalidOperationException>(() => Reverse.Gradient<double>(
            v =>
            {
                Var<double> x = v[0];
                return Task.Run(() => Reverse.Gradient<double>(w => w[0] * x, [1.0])[0]).GetAwaiter().GetResult();
            },
            [3.0]));

        e.Message.ShouldContain("different recordings");
    }

    private sealed class NoOutputs : IVectorFunction
    {
        public int OutputLength(int inputLength) => -1;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : System.Numerics.IFloatingPointIeee754<T>
        {
        }
    }

    private static TestCaseData Case(string name, Action call, string parameter) => new TestCaseData(call, parameter).SetArgDisplayNames(name);
}
