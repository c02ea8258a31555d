using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary>The imperative tape: record, run backward from any output with any seed, read adjoints, reset;
/// constants are never recorded.</summary>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class TapeTests<T>
    where T : IFloatingPointIeee754<T>
{
    private static readonly T s_two = T.CreateChecked(2);
    private static readonly T s_three = T.CreateChecked(3);

    [Test]
    public void Record_ScopeEnds_ActiveTapeRestored()
    {
        var outer = new Tape<T>();
        var inner = new Tape<T>();
        Tape<T>.Active.ShouldBeNull();
        using (outer.Record())
        {
            Tape<T>.Active.ShouldBeSameAs(outer);
            using (inner.Record())
            {
                Tape<T>.Active.ShouldBeSameAs(inner);
            }

            Tape<T>.Active.ShouldBeSameAs(outer);
        }

        Tape<T>.Active.ShouldBeNull();
    }

    [Test]
    public void Backward_ScalarOutput_AdjointsAreGradient()
    {
        var tape = new Tape<T>();
        Var<T> x;
        Var<T> y;
        Var<T> z;
        using (tape.Record())
        {
            x = tape.Variable(s_two);
            y = tape.Variable(s_three);
            z = x * x * y + Var<T>.Sin(y);
        }

        tape.Backward(z);

        // ∂/∂x x²y = 2xy = 12; ∂/∂y (x²y + sin y) = x² + cos y = 4 + cos 3
        tape.Adjoint(x).ShouldBe(T.CreateChecked(12));
        tape.Adjoint(y).ShouldBe(T.CreateChecked(4) + T.Cos(s_three));
    }

    [Test]
    public void Adjoint_IntermediateShiftedByConstant_IsItsOwnAdjoint()
    {
        var tape = new Tape<T>();
        Var<T> x;
        Var<T> y;
        Var<T> m;
        Var<T> z;
        using (tape.Record())
        {
            x = tape.Variable(s_two);
            y = x + T.One;
            m = Var<T>.Max(x, (Var<T>)T.Zero);
            z = y * x + m * s_three;
        }

        tape.Backward(z);

        // z = (x + 1)·x + 3·max(x, 0): ∂z/∂y = x = 2 and ∂z/∂m = 3, as PyTorch's retain_grad reports,
        // while ∂z/∂x = 2x + 1 + 3 = 8 at x = 2
        tape.Adjoint(y).ShouldBe(s_two);
        tape.Adjoint(m).ShouldBe(s_three);
        tape.Adjoint(x).ShouldBe(T.CreateChecked(8));
    }

    [Test]
    public void Backward_SpanOfOneOutput_SameAsScalarBackward()
    {
        var tape = new Tape<T>();
        using (tape.Record())
        {
            Var<T> x = tape.Variable(s_three);
            Var<T> y = x * x;

            // d/dx x² at 3 = 6
            tape.Backward([y]);
            tape.Adjoint(x).ShouldBe(T.CreateChecked(6));
        }
    }

    [Test]
    public void Backward_FromIntermediate_OnlyItsAncestorsGetAdjoints()
    {
        var tape = new Tape<T>();
        using (tape.Record())
        {
            Var<T> x = tape.Variable(s_two);
            Var<T> y = tape.Variable(s_three);
            Var<T> a = x * x;
            Var<T> b = a * y;

            // from a = x²: ∂a/∂x = 4, ∂a/∂y = 0, and the later b gets nothing
            tape.Backward(a);
            tape.Adjoint(x).ShouldBe(T.CreateChecked(4));
            tape.Adjoint(y).ShouldBe(T.Zero);
            tape.Adjoint(b).ShouldBe(T.Zero);
            tape.Adjoint(a).ShouldBe(T.One);
        }
    }

    [Test]
    public void Adjoint_Constant_IsZero()
    {
        var tape = new Tape<T>();
        using (tape.Record())
        {
            Var<T> x = tape.Variable(s_two);
            tape.Backward(x * s_three);
            tape.Adjoint(s_three).ShouldBe(T.Zero);
            tape.Adjoint(x).ShouldBe(s_three);
        }
    }

    [Test]
    public void Adjoint_VariableCreatedAfterBackward_IsZero()
    {
        var tape = new Tape<T>();
        using (tape.Record())
        {
            // a long first recording leaves nonzero adjoints at high indices
            Var<T> x = tape.Variable(T.One);
            Var<T> y = x;
            for (int i = 0; i < 50; i++)
            {
                y = y * s_two;
            }

            tape.Backward(y);
        }

        using (tape.Record())
        {
            Var<T> x = tape.Variable(T.One);
            tape.Backward(x * s_three);

            // a variable recorded after the sweep took no part in it
            Var<T> late = tape.Variable(T.One);
            tape.Adjoint(late).ShouldBe(T.Zero);
        }
    }

    [Test]
    public void Adjoint_NewRecordingBeforeBackward_IsZero()
    {
        var tape = new Tape<T>();
        using (tape.Record())
        {
            Var<T> x = tape.Variable(s_two);
            tape.Backward(x * x);
        }

        using (tape.Record())
        {
            // no sweep has run on this recording yet: PyTorch's grad is None, i.e. nothing accumulated
            Var<T> x = tape.Variable(s_two);
            tape.Adjoint(x).ShouldBe(T.Zero);
        }
    }

    [Test]
    public void Record_Again_StartsFresh()
    {
        var tape = new Tape<T>();
        for (int k = 1; k <= 3; k++)
        {
            using (tape.Record())
            {
                Var<T> x = tape.Variable(T.CreateChecked(k));
                tape.Count.ShouldBe(1);
                tape.Backward(x * x * x);

                // d/dx x³ = 3k²
                tape.Adjoint(x).ShouldBe(T.CreateChecked(3 * k * k));
            }
        }
    }

    [Test]
    public void Count_ConstantOnlyArithmetic_Unchanged()
    {
        var tape = new Tape<T>();
        using (tape.Record())
        {
            Var<T> x = tape.Variable(s_two);
            int before = tape.Count;
            Var<T> a = s_two;
            Var<T> b = s_three;
            Var<T> c = a * b + Var<T>.Sin(a) / b - Var<T>.Exp(b) + Var<T>.Pow(a, b) + Var<T>.Log(a) + Var<T>.Atan2(a, b) - (-a);
            tape.Count.ShouldBe(before);
            c.IsRecorded.ShouldBeFalse();

            // one recorded operation: x·c (c is constant, so a unary record)
            Var<T> d = x * c;
            tape.Count.ShouldBe(before + 1);
            d.IsRecorded.ShouldBeTrue();
        }
    }

    [Test]
    public void Count_ConstantShift_RecordsOneUnaryRecordEach()
    {
        var tape = new Tape<T>();
        using (tape.Record())
        {
            Var<T> x = tape.Variable(s_two);
            int before = tape.Count;

            // x + c and x − c are recorded (derivative 1), so each intermediate has its own adjoint
            Var<T> y = x + s_three - T.One;
            tape.Count.ShouldBe(before + 2);
            tape.Backward(y * y);

            // d/dx (x + 2)² at 2 = 2·4 = 8
            tape.Adjoint(x).ShouldBe(T.CreateChecked(8));
        }
    }

    [Test]
    public void Count_PiecewiseConstant_RecordsNothing()
    {
        var tape = new Tape<T>();
        using (tape.Record())
        {
            Var<T> x = tape.Variable(T.CreateChecked(2.5));
            int before = tape.Count;
            Var<T> y = Var<T>.Floor(x) + Var<T>.Round(x) + Var<T>.Truncate(x) + Var<T>.Ceiling(x);
            tape.Count.ShouldBe(before);
            y.IsRecorded.ShouldBeFalse();
        }
    }

    [Test]
    public void Reset_InsideScope_CountZeroAndRecordingContinues()
    {
        var tape = new Tape<T>();
        using (tape.Record())
        {
            Var<T> old = tape.Variable(s_two);
            _ = old * old;
            tape.Reset();
            tape.Count.ShouldBe(0);

            Var<T> x = tape.Variable(s_three);
            tape.Backward(x * x);

            // d/dx x² at 3 = 6
            tape.Adjoint(x).ShouldBe(T.CreateChecked(6));
        }
    }
}

/// <summary>Tape facts that are about <c>double</c> only.</summary>
[TestFixture]
public class TapeLayoutTests
{
    [Test]
    public void BytesPerRecord_Double_Is24()
    {
        // two int operand indices + two double partials = 4 + 4 + 8 + 8
        Tape<double>.BytesPerRecord.ShouldBe(24);
    }

    [Test]
    public void Count_BinaryOperations_OneRecordEach()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> x = tape.Variable(1.5);
            Var<double> y = tape.Variable(2.5);
            int before = tape.Count;
            _ = x * y / (x - y) + Var<double>.Pow(x, y);
            tape.Count.ShouldBe(before + 5);
        }
    }
}
