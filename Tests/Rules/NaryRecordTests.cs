using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Rules;

/// <summary>Records of any arity through <see cref="Tape{T}.Operation(T, ReadOnlySpan{Var{T}}, ReadOnlySpan{T})"/>:
/// one record whatever the number of operands, constants left out, misuse failing clearly.</summary>
[TestFixture]
public class NaryRecordTests
{
    [Test]
    public void Operation_FiveOperands_OneRecordAndEveryPartialReachesItsOperand()
    {
        // y = Σ cᵢ·xᵢ recorded as one operation with partials cᵢ: ∂y/∂xᵢ = cᵢ
        var tape = new Tape<double>();
        double[] partials = [1.5, -2, 0.25, 4, 3];
        using (tape.Record())
        {
            Var<double>[] x = [.. Enumerable.Range(0, 5).Select(i => tape.Variable(i))];
            int before = tape.Count;
            Var<double> y = Tape<double>.Operation(10.0, x, partials);
            tape.Count.ShouldBe(before + 1);
            y.Value.ShouldBe(10.0);
            tape.Backward(y);
            x.Select(tape.Adjoint).ShouldBe(partials);
        }
    }

    [Test]
    public void Operation_RepeatedOperand_PartialsAdd()
    {
        // y = f(x, x, x) with partials 1, 2, 3: dy/dx = 6
        double d = Reverse.Derivative<double>(x => Tape<double>.Operation(0.0, [x, x, x], [1.0, 2.0, 3.0]), 1.0);
        d.ShouldBe(6.0);
    }

    [Test]
    public void Operation_ConstantsAmongOperands_AreLeftOut()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> a = tape.Variable(1);
            Var<double> b = tape.Variable(2);
            Var<double> c = tape.Variable(3);
            int before = tape.Count;
            Var<double> y = Tape<double>.Operation(0.0, [a, 5.0, b, 7.0, c], [1.0, 9.0, 2.0, 9.0, 3.0]);
            tape.Count.ShouldBe(before + 1);
            tape.Backward(y);
            tape.Adjoint(a).ShouldBe(1.0);
            tape.Adjoint(b).ShouldBe(2.0);
            tape.Adjoint(c).ShouldBe(3.0);
            Tape<double>.Operation(4.0, [1.0, 2.0], [1.0, 1.0]).IsRecorded.ShouldBeFalse();
        }
    }

    [Test]
    public void Operation_ZeroTimesInfinitePartial_IsZero()
    {
        // a partial +∞ with a zero adjoint passes 0, not NaN (0·∞ = 0 in propagation)
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] x = [tape.Variable(0), tape.Variable(1), tape.Variable(2)];
            Var<double> y = Tape<double>.Operation(0.0, x, [double.PositiveInfinity, 1.0, 2.0]);
            tape.Backward(y, 0.0);
            tape.Adjoint(x[0]).ShouldBe(0.0);
        }
    }

    [Test]
    public void Operation_NestedPartials_DifferentiateAgain()
    {
        // y = f(x, x, x) with partials (x, x², 1) at Var<Dual>: dy/dx = x + x² + 1, its tangent 1 + 2x
        var x = new Dual<double>(2, 1);
        Dual<double> d = Reverse.Derivative<Dual<double>>(v => Tape<Dual<double>>.Operation(v.Value, [v, v, v], [v.Value, v.Value * v.Value, Dual<double>.One]), x);
        d.Value.ShouldBe(7.0);
        d.Tangent.ShouldBe(5.0);
    }

    [Test]
    public void Operation_LengthMismatch_ThrowsNamingPartials()
    {
        var e = Should.Throw<ArgumentException>(() => Reverse.Derivative<double>(x => Tape<double>.Operation(0.0, [x, x, x], [1.0, 2.0]), 1.0));
        e.ParamName.ShouldBe("partials");
    }

    [Test]
    public void Operation_ForeignVariable_Throws()
    {
        var tape = new Tape<double>();
        Var<double> stale;
        using (tape.Record())
        {
            stale = tape.Variable(1);
        }

        Should.Throw<InvalidOperationException>(() => Reverse.Derivative<double>(x => Tape<double>.Operation(0.0, [x, x, stale], [1.0, 2.0, 3.0]), 1.0));
        Should.Throw<InvalidOperationException>(() => Tape<double>.Operation(0.0, [stale, stale, stale], [1.0, 2.0, 3.0]));
        Tape<double>.Active.ShouldBeNull();
    }

    [Test]
    public void FusedMultiplyAddOfThreeVariables_OneRecord()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> a = tape.Variable(2);
            Var<double> b = tape.Variable(3);
            Var<double> c = tape.Variable(4);
            int before = tape.Count;
            Var<double> y = Var<double>.FusedMultiplyAdd(a, b, c) + Var<double>.Lerp(a, b, c) + Var<double>.MultiplyAddEstimate(a, b, c);
            // three ternary records and two additions
            tape.Count.ShouldBe(before + 5);
            tape.Backward(y);
            // ∂/∂a = b + (1 − t) + b = 3 − 3 + 3, ∂/∂b = a + t + a = 8, ∂/∂c = 1 + (b − a) + 1 = 3
            tape.Adjoint(a).ShouldBe(3.0);
            tape.Adjoint(b).ShouldBe(8.0);
            tape.Adjoint(c).ShouldBe(3.0);
        }
    }
}
