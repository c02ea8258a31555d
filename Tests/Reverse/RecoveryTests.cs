using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary>An exception thrown inside the user's function (at the first operation, mid-way, or inside a nested
/// inner derivative) leaves the thread's tapes clean: no tape stays active and the next call is correct.</summary>
[TestFixture]
public class RecoveryTests
{
    private static readonly double[] s_x = [-1.2, 1.0, 0.7];

    public enum Where
    {
        BeforeAnyOperation,
        MidWay,
        InsideNestedDerivative,
        InsideNestedSameTypeDerivative,
    }

    [TestCase(Where.BeforeAnyOperation)]
    [TestCase(Where.MidWay)]
    [TestCase(Where.InsideNestedDerivative)]
    [TestCase(Where.InsideNestedSameTypeDerivative)]
    public void Gradient_FunctionThrows_NextCallCorrect(Where where)
    {
        double[] expected = Reverse.Gradient(new TestFunctions.Rosenbrock(), s_x);

        Should.Throw<InvalidDataException>(() => Reverse.Gradient<double>(v => Throwing(v, where), s_x));

        Tape<double>.Active.ShouldBeNull();
        Tape<Var<double>>.Active.ShouldBeNull();
        Reverse.Gradient(new TestFunctions.Rosenbrock(), s_x).ShouldBe(expected);
        Reverse.Gradient<double>(v => new TestFunctions.Rosenbrock().Evaluate<Var<double>>(v), s_x).ShouldBe(expected);
    }

    [TestCase(Where.BeforeAnyOperation)]
    [TestCase(Where.MidWay)]
    [TestCase(Where.InsideNestedDerivative)]
    public void Jacobian_FunctionThrows_NextJacobianAndNestedCallCorrect(Where where)
    {
        Should.Throw<InvalidDataException>(() => Reverse.Jacobian<double>(v => [Throwing(v, where), v[0]], s_x));

        // J of (x₀x₁, x₂) at (−1.2, 1, 0.7) = [[1, −1.2, 0], [0, 0, 1]]
        Reverse.Jacobian<double>(v => [v[0] * v[1], v[2]], s_x).ShouldBe(new double[,] { { 1.0, -1.2, 0.0 }, { 0.0, 0.0, 1.0 } });

        // d/dx [x · d/dy (x·y) at y=3] at x=5 = 10
        Reverse.Derivative<double>(x => x * Reverse.Derivative<Var<double>>(y => (Var<Var<double>>)x * y, (Var<double>)3.0), 5.0).ShouldBe(10.0);
    }

    [Test]
    public void Gradient_ThrowsInsideUserScope_UserTapeStaysActiveAndUsable()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> a = tape.Variable(2.0);
            Should.Throw<InvalidDataException>(() => Reverse.Gradient<double>(v => Throwing(v, Where.MidWay), s_x));

            Tape<double>.Active.ShouldBeSameAs(tape);
            tape.Backward(a * a * a);

            // d/dx x³ at 2 = 12
            tape.Adjoint(a).ShouldBe(12.0);
        }

        Tape<double>.Active.ShouldBeNull();
    }

    [Test]
    public void Gradient_FunctionLeavesOwnScopeOpenAndThrows_ThreadClean()
    {
        var abandoned = new Tape<double>();
        Var<double> leaked = default;
        Should.Throw<InvalidDataException>(() => Reverse.Gradient<double>(
            v =>
            {
                abandoned.Record();
                leaked = abandoned.Variable(2.0);
                throw new InvalidDataException("user code failed");
            },
            s_x));

        Tape<double>.Active.ShouldBeNull();

        // the scope was abandoned with the facade's: its variables record nowhere
        Should.Throw<InvalidOperationException>(() => leaked * leaked);

        // ∇(x₀x₁x₂) = (x₁x₂, x₀x₂, x₀x₁) = (0.7, −0.84, −1.2)
        double[] g = Reverse.Gradient<double>(v => v[0] * v[1] * v[2], s_x);
        g[0].ShouldBe(0.7, 1e-15);
        g[1].ShouldBe(-0.84, 1e-15);
        g[2].ShouldBe(-1.2, 1e-15);
    }

    private static Var<double> Throwing(Var<double>[] v, Where where)
    {
        switch (where)
        {
            case Where.BeforeAnyOperation:
                throw new InvalidDataException("user code failed");
            case Where.MidWay:
                Var<double> partial = new TestFunctions.Rosenbrock().Evaluate<Var<double>>(v) * Var<double>.Exp(v[0]);
                if (partial.Value > -1)
                {
                    throw new InvalidDataException("user code failed");
                }

                return partial;
            case Where.InsideNestedDerivative:
                return v[0] * Reverse.Derivative<Var<double>>(
                    y =>
                    {
                        _ = y * (Var<Var<double>>)v[1];
                        throw new InvalidDataException("user code failed");
                    },
                    v[2]);
            default:
                return v[0] * Reverse.Derivative<double>(
                    y =>
                    {
                        _ = y * y;
                        throw new InvalidDataException("user code failed");
                    },
                    1.0);
        }
    }
}
