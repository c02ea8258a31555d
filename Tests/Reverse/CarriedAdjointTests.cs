using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary>The sweep keeps a record's last contribution to the record just below it in a register, not in that
/// record's slot; every adjoint read afterwards (an intermediate, a variable made in the middle of a recording, after a
/// special record, infinite ones) must still be the record's whole adjoint.</summary>
[TestFixture]
public class CarriedAdjointTests
{
    [Test]
    public void Adjoint_EveryRecordOfAChain_IsItsWholeAdjoint()
    {
        var tape = new Tape<double>();
        Var<double> x, a, b, c, d, z, e, f;
        using (tape.Record())
        {
            x = tape.Variable(2);
            a = x * x;                                      // 4
            b = a + 1;                                      // 5
            c = b * 3;                                      // 15
            d = c - x;                                      // 13
            z = tape.Variable(5);                           // a variable made after operations
            e = d * z;                                      // 65
            f = Var<double>.FusedMultiplyAdd(e, 2, b);      // 2e + b: an n-ary (special) record
        }

        tape.Backward(f);

        // f = 2e + b: ē = 2; e = d·z: d̄ = 2z = 10, z̄ = 2d = 26; d = c − x: c̄ = 10; c = 3b: b̄ = 30 + 1 = 31;
        // b = a + 1: ā = 31; a = x²: x̄ = 2x·31 − 10 = 114
        tape.Adjoint(f).ShouldBe(1);
        tape.Adjoint(e).ShouldBe(2);
        tape.Adjoint(z).ShouldBe(26);
        tape.Adjoint(d).ShouldBe(10);
        tape.Adjoint(c).ShouldBe(10);
        tape.Adjoint(b).ShouldBe(31);
        tape.Adjoint(a).ShouldBe(31);
        tape.Adjoint(x).ShouldBe(114);

        // read again, and after a second sweep from another seed: each carry is put back once per sweep
        tape.Adjoint(a).ShouldBe(31);
        tape.Backward(f, 2);
        tape.Adjoint(x).ShouldBe(228);
        tape.Adjoint(c).ShouldBe(20);
        tape.Adjoint(a).ShouldBe(62);
    }

    [Test]
    public void Adjoint_EveryRecordOfANestedChain_IsItsWholeAdjoint()
    {
        // The same chain at Dual<double> (the tape of forward-over-reverse H·v), x with tangent 1: each adjoint's tangent
        // is its derivative along x.
        var tape = new Tape<Dual<double>>();
        Var<Dual<double>> x, a, b, c, d, z, e, f;
        using (tape.Record())
        {
            x = tape.Variable(new Dual<double>(2, 1));
            a = x * x;
            b = a + Dual<double>.One;
            c = b * new Dual<double>(3, 0);
            d = c - x;
            z = tape.Variable(new Dual<double>(5, 0));
            e = d * z;
            f = Var<Dual<double>>.FusedMultiplyAdd(e, new Dual<double>(2, 0), b);
        }

        tape.Backward(f);

        // Values as in the double chain. ē = 2, d̄ = 2z = 10, c̄ = d̄, b̄ = 3c̄ + 1 = 31 and ā = b̄ do not depend on x
        // (tangent 0); z̄ = 2d = 2(3(x² + 1) − x) has tangent 2(6x − 1) = 22; x̄ = 2x·ā − d̄ has tangent 2ā = 62.
        Check(tape.Adjoint(f), 1, 0);
        Check(tape.Adjoint(e), 2, 0);
        Check(tape.Adjoint(z), 26, 22);
        Check(tape.Adjoint(d), 10, 0);
        Check(tape.Adjoint(c), 10, 0);
        Check(tape.Adjoint(b), 31, 0);
        Check(tape.Adjoint(a), 31, 0);
        Check(tape.Adjoint(x), 114, 62);
    }

    [Test]
    public void Backward_RecordedOnAnotherTape_CarriesNothingThatWouldBeARecord()
    {
        // A sweep at Var<double> records on the outer tape (reverse-over-reverse). y = t·t after t = x + 1 + … + 1:
        // the product's sweep records t·1 twice and their sum (3 records); down the chain of unit partials every slot
        // takes one contribution, a recorded variable passed on as it is, so nothing more is recorded.
        var outer = new Tape<double>();
        using (outer.Record())
        {
            Var<double> x0 = outer.Variable(0.5);
            var inner = new Tape<Var<double>>();
            Var<Var<double>> x, y;
            using (inner.Record())
            {
                x = inner.Variable(x0);
                Var<Var<double>> t = x;
                for (int k = 0; k < 10; k++)
                {
                    t += Var<double>.One;
                }

                y = t * t;
            }

            int before = outer.Count;
            inner.Backward(y);
            (outer.Count - before).ShouldBe(3);

            // ∂(x + 10)²/∂x = 2(x + 10) = 21
            inner.Adjoint(x).Value.ShouldBe(21);
        }
    }

    [Test]
    public void Adjoint_InfiniteAdjointsCarried_AreWholeAndNeverNaN()
    {
        var tape = new Tape<double>();
        Var<double> x, r, y, w;
        using (tape.Record())
        {
            x = tape.Variable(0);
            r = Var<double>.Sqrt(x);    // √0: partial +∞
            y = r * 3;
            w = (y * 0) + y;            // a zero partial onto y·0's operand, never 0·∞
        }

        tape.Backward(w);

        // w̄ = 1; ȳ = 0 + 1 = 1; r̄ = 3; x̄ = ∞·3 = ∞
        tape.Adjoint(y).ShouldBe(1);
        tape.Adjoint(r).ShouldBe(3);
        tape.Adjoint(x).ShouldBe(double.PositiveInfinity);
    }

    [Test]
    public void Gradient_LongChainOfIntermediates_EqualsTheChainRule()
    {
        // t₀ = x, tₖ = tₖ₋₁·1.5 + 0.25 (each record carries into the one below it); ∂t₄₀/∂tₖ = 1.5^(40−k)
        var tape = new Tape<double>();
        var t = new Var<double>[41];
        using (tape.Record())
        {
            t[0] = tape.Variable(0.3);
            for (int k = 1; k <= 40; k++)
            {
                t[k] = (t[k - 1] * 1.5) + 0.25;
            }
        }

        tape.Backward(t[40]);
        for (int k = 40; k >= 0; k--)
        {
            tape.Adjoint(t[k]).ShouldBe(Math.Pow(1.5, 40 - k), 1e-12 * Math.Pow(1.5, 40 - k));
        }
    }

    private static void Check(Dual<double> adjoint, double value, double tangent)
    {
        adjoint.Value.ShouldBe(value);
        adjoint.Tangent.ShouldBe(tangent);
    }
}
