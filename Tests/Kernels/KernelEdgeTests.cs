using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ArrayKernels;

/// <summary>What the kernels promise beyond agreeing with scalar loops: one record per call on the tape, IEEE values
/// flowing through, zero seeds and tangents never making NaN (0·∞ = 0), TensorPrimitives' aliasing rules, and clear
/// exceptions on bad lengths.</summary>
[TestFixture]
public class KernelEdgeTests
{
    //
    // Records on the tape
    //

    [Test]
    public void Dot_TenThousandVariables_AddsTwoRecords()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            var x = new Var<double>[10_000];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = tape.Variable(i);
            }

            int before = tape.Count;
            Var<double> d = DualAutodiff.Kernels.Dot<Var<double>>(x, x);

            // one kernel record and one output slot, whatever n is
            (tape.Count - before).ShouldBe(2);
            tape.Backward(d);

            // ∂(x·x)/∂xᵢ = 2xᵢ = 2·9999 for the last
            tape.Adjoint(x[^1]).ShouldBe(19_998);
        }
    }

    [Test]
    public void MatrixVector_MByN_AddsOneRecordPerRow()
    {
        const int m = 50, n = 40;
        var tape = new Tape<double>();
        using (tape.Record())
        {
            var a = new Var<double>[m * n];
            var x = new Var<double>[n];
            for (int i = 0; i < a.Length; i++)
            {
                a[i] = tape.Variable(0.01 * i);
            }

            for (int i = 0; i < n; i++)
            {
                x[i] = tape.Variable(1);
            }

            int before = tape.Count;
            var y = new Var<double>[m];
            DualAutodiff.Kernels.MatrixVector<Var<double>>(a, m, n, x, y);
            (tape.Count - before).ShouldBe(m + 1);

            tape.Backward(y[3]);

            // y₃ = Σₖ A₃ₖxₖ: ∂/∂A₃₅ = x₅ = 1, ∂/∂x₅ = A₃₅ = 0.01·(3·40 + 5)
            tape.Adjoint(a[(3 * n) + 5]).ShouldBe(1);
            tape.Adjoint(x[5]).ShouldBe(0.01 * ((3 * n) + 5), 1e-15);
            tape.Adjoint(a[(4 * n) + 5]).ShouldBe(0);
        }
    }

    [Test]
    public void Kernel_AllConstants_RecordsNothing()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] c = [1.0, 2.0, 3.0];
            Var<double> d = DualAutodiff.Kernels.Dot<Var<double>>(c, c);
            tape.Count.ShouldBe(0);
            d.IsRecorded.ShouldBeFalse();

            // 1 + 4 + 9
            d.Value.ShouldBe(14);
        }
    }

    //
    // IEEE values and the 0·∞ = 0 rule
    //

    [Test]
    public void Exp_NaNAndInfinities_FlowThrough()
    {
        double[] x = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0];
        var y = new double[4];
        DualAutodiff.Kernels.Exp<double>(x, y);

        // e^NaN = NaN, e^∞ = ∞, e^−∞ = 0, e⁰ = 1
        double.IsNaN(y[0]).ShouldBeTrue();
        y[1].ShouldBe(double.PositiveInfinity);
        y[2].ShouldBe(0);
        y[3].ShouldBe(1);
    }

    [Test]
    public void Backward_ZeroAdjointOnInfiniteInput_GivesZeroNotNaN()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] x = [tape.Variable(1), tape.Variable(double.PositiveInfinity)];
            var e = new Var<double>[2];
            DualAutodiff.Kernels.Exp<Var<double>>(x, e);

            // f = e₀ only: ē₁ = 0 and ∂e₁/∂x₁ = e^∞ = ∞, and 0·∞ = 0
            tape.Backward(e[0]);
            tape.Adjoint(x[0]).ShouldBe(Math.E, 1e-15);
            tape.Adjoint(x[1]).ShouldBe(0);
        }
    }

    [Test]
    public void Backward_ZeroSeedThroughDotWithInfiniteConstant_GivesZero()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] x = [tape.Variable(1), tape.Variable(2)];
            Var<double>[] c = [3.0, double.PositiveInfinity];
            Var<double> d = DualAutodiff.Kernels.Dot<Var<double>>(x, c);

            // seed 0: x̄ = 0·c, and 0·∞ = 0
            tape.Backward(d, 0.0);
            tape.Adjoint(x[1]).ShouldBe(0);
        }
    }

    [Test]
    public void MatrixKernels_ZeroAdjointRowsWithInfiniteEntries_GiveZeroNotNaN()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            // A = [[1, 2], [∞, 3]] (A₁₀ a constant ∞), x = (x₀, x₁); y = A·x and C = A·X for X = [[x₀], [x₁]]
            Var<double>[] x = [tape.Variable(1), tape.Variable(2)];
            Var<double>[] a = [tape.Variable(1), tape.Variable(2), double.PositiveInfinity, tape.Variable(3)];
            var y = new Var<double>[2];
            var c = new Var<double>[2];
            DualAutodiff.Kernels.MatrixVector<Var<double>>(a, 2, 2, x, y);
            DualAutodiff.Kernels.MatrixMultiply<Var<double>>(a, x, c, 2, 2, 1);

            // f = y₀ + c₀: row 1 has adjoint 0, so ∞·0 never reaches x̄₀ = A₀₀ + A₀₀ = 2, x̄₁ = A₀₁ + A₀₁ = 4
            tape.Backward([y[0], c[0]], [1.0, 1.0]);
            tape.Adjoint(x[0]).ShouldBe(2);
            tape.Adjoint(x[1]).ShouldBe(4);

            // Ā₀ = 2·x (both kernels), Ā₁₁ = 0
            tape.Adjoint(a[1]).ShouldBe(4);
            tape.Adjoint(a[3]).ShouldBe(0);
        }
    }

    [Test]
    public void Jvp_ZeroTangentOnInfiniteInput_GivesZeroNotNaN()
    {
        Dual<double>[] x = [new(double.PositiveInfinity, 0), new(1, 1)];
        var y = new Dual<double>[2];
        DualAutodiff.Kernels.Exp<Dual<double>>(x, y);

        // tangent 0·e^∞ = 0; tangent 1·e¹ = e
        y[0].Tangent.ShouldBe(0);
        y[1].Tangent.ShouldBe(Math.E, 1e-15);
        y[0].Value.ShouldBe(double.PositiveInfinity);
    }

    [TestCase(3)]
    [TestCase(17)]
    public void SumOfSquares_DualZeroTangentOnInfiniteValue_TangentIsFiniteSum(int infinite)
    {
        // xᵢ = 1 + ε (i ≠ k) and x_k = ∞ + 0ε over 18 pairs (two vector blocks and a tail): Σx² = ∞ and the tangent
        // 2·Σ xᵢẋᵢ = 2·17 = 34, the ∞ term adding 0·∞ = 0
        Dual<double>[] x = [.. Enumerable.Range(0, 18).Select(i => i == infinite ? new Dual<double>(double.PositiveInfinity, 0) : new Dual<double>(1, 1))];
        Dual<double> y = DualAutodiff.Kernels.SumOfSquares<Dual<double>>(x);
        y.Value.ShouldBe(double.PositiveInfinity);
        y.Tangent.ShouldBe(34);
    }

    [Test]
    public void SumOfSquares_DualOddLength_ValueIsThePlainKernelsBitForBit()
    {
        // the value part is the double kernel over the values, in its order; tangent 2·Σ xᵢẋᵢ with ẋᵢ = 1 is 2·Σ xᵢ
        double[] v = [.. Enumerable.Range(0, 1001).Select(i => 0.1 + Math.Sin(i))];
        Dual<double>[] x = [.. v.Select(e => new Dual<double>(e, 1))];
        Dual<double> y = DualAutodiff.Kernels.SumOfSquares<Dual<double>>(x);
        y.Value.ShouldBe(DualAutodiff.Kernels.SumOfSquares<double>(v));
        y.Tangent.ShouldBe(2 * v.Sum(), 1e-12);
    }

    [TestCase(0)]
    [TestCase(700)]
    [TestCase(1499)]
    public void Square_InfiniteInputWithZeroAdjointInAnyChunk_GradientIsExact(int infinite)
    {
        // f = Σ_{i≠k} xᵢ² over 1500 elements (three chunks of the backward), x_k = ∞: ∂f/∂xᵢ = 2xᵢ and ∂f/∂x_k = 0·2∞ = 0;
        // forward-over-reverse: (H·v)ᵢ = 2vᵢ off k, 0 at k
        double[] x = [.. Enumerable.Range(0, 1500).Select(i => i == infinite ? double.PositiveInfinity : 0.5 + (0.001 * i))];
        double[] v = [.. Enumerable.Repeat(1.0, 1500)];
        (double _, double[] gradient, double[] hvp) = DualAutodiff.Hvp.ValueGradientAndHvp(xs =>
        {
            var y = new Var<Dual<double>>[xs.Length];
            DualAutodiff.Kernels.Square<Var<Dual<double>>>(xs, y);
            return DualAutodiff.Kernels.Sum<Var<Dual<double>>>(y.AsSpan(0, infinite)) + DualAutodiff.Kernels.Sum<Var<Dual<double>>>(y.AsSpan(infinite + 1));
        }, x, v);
        double[] plain = Reverse.Gradient<double>(xs =>
        {
            var y = new Var<double>[xs.Length];
            DualAutodiff.Kernels.Square<Var<double>>(xs, y);
            return DualAutodiff.Kernels.Sum<Var<double>>(y.AsSpan(0, infinite)) + DualAutodiff.Kernels.Sum<Var<double>>(y.AsSpan(infinite + 1));
        }, x);
        int other = infinite == 0 ? 1 : 0;
        gradient[infinite].ShouldBe(0);
        plain[infinite].ShouldBe(0);
        hvp[infinite].ShouldBe(0);
        gradient[other].ShouldBe(2 * x[other]);
        plain[other].ShouldBe(2 * x[other]);
        hvp[other].ShouldBe(2);
    }

    [TestCase(2)]
    [TestCase(6)]
    public void Square_DualZeroTangentOnInfiniteValue_TangentIsZero(int infinite)
    {
        // seven pairs (three vectors of two and a tail): (x + ẋε)² = x² + 2xẋε, and at x = ∞, ẋ = 0 the tangent is 0·∞ = 0
        Dual<double>[] x = [.. Enumerable.Range(0, 7).Select(i => i == infinite ? new Dual<double>(double.PositiveInfinity, 0) : new Dual<double>(i, 0.5))];
        var y = new Dual<double>[7];
        DualAutodiff.Kernels.Square<Dual<double>>(x, y);
        y[infinite].Value.ShouldBe(double.PositiveInfinity);
        y[infinite].Tangent.ShouldBe(0);

        // at x = 3, ẋ = 0.5: 9 + 3ε
        y[3].Value.ShouldBe(9);
        y[3].Tangent.ShouldBe(3);
    }

    [Test]
    public void Subtract_DualScalarMinusSpanInPlace_EqualsTheDualOperator()
    {
        // (2 + 0.25ε) − (xᵢ + ẋᵢε) over five pairs, in place: each element as the Dual operator gives it, bit for bit
        Dual<double>[] x = [.. Enumerable.Range(0, 5).Select(i => new Dual<double>(0.1 * i, 1 - (0.3 * i)))];
        Dual<double>[] expected = [.. x.Select(e => new Dual<double>(2, 0.25) - e)];
        DualAutodiff.Kernels.Subtract<Dual<double>>(new Dual<double>(2, 0.25), x, x);
        x.ShouldBe(expected);
    }

    [Test]
    public void Gradient_NormAtZero_IsZeroLikeScalarSqrt()
    {
        // √(Σx²) at 0: the scalar chain gives (1/(2·0))·(2·0) with 0·∞ = 0, so 0
        double[] g = Reverse.Gradient<double>(x => DualAutodiff.Kernels.Norm<Var<double>>(x), [0.0, 0.0]);
        g.ShouldBe([0.0, 0.0]);
    }

    [Test]
    public void LogSumExp_EmptyAndInfinite_FollowSpecialLogSumExp()
    {
        // log Σ∅ = −∞; with +∞ the sum is +∞; [1000, 1000] gives 1000 + ln 2 without overflow
        DualAutodiff.Kernels.LogSumExp<double>([]).ShouldBe(double.NegativeInfinity);
        DualAutodiff.Kernels.LogSumExp<double>([1, double.PositiveInfinity]).ShouldBe(double.PositiveInfinity);
        DualAutodiff.Kernels.LogSumExp<double>([1000, 1000]).ShouldBe(1000 + Math.Log(2), 1e-12);
        double.IsNaN(DualAutodiff.Kernels.LogSumExp<double>([1, double.NaN])).ShouldBeTrue();
    }

    [Test]
    public void SoftMax_LargeInputs_DoesNotOverflow()
    {
        var s = new double[2];
        DualAutodiff.Kernels.SoftMax<double>([1000, 1000], s);

        // e⁰/(e⁰ + e⁰) = ½ each
        s.ShouldBe([0.5, 0.5]);
    }

    //
    // Aliasing
    //

    [Test]
    public void Multiply_DestinationIsInput_InPlaceInEveryMode()
    {
        double[] plain = [1, 2, 3];
        DualAutodiff.Kernels.Multiply<double>(plain, plain, plain);

        // xᵢ·xᵢ
        plain.ShouldBe([1.0, 4.0, 9.0]);

        Dual<double>[] dual = [new(1, 1), new(2, 1), new(3, 1)];
        DualAutodiff.Kernels.Multiply<Dual<double>>(dual, dual, dual);

        // (x + ε)² = x² + 2xε
        dual.Select(d => d.Tangent).ShouldBe([2.0, 4.0, 6.0]);

        double[] g = Reverse.Gradient<double>(
            x =>
            {
                var t = (Var<double>[])x.Clone();
                DualAutodiff.Kernels.Multiply<Var<double>>(t, t, t);
                DualAutodiff.Kernels.Multiply<Var<double>>(t, t, t);
                return DualAutodiff.Kernels.Sum<Var<double>>(t);
            },
            [1.0, 2.0]);

        // d/dx x⁴ = 4x³: 4 and 32
        g.ShouldBe([4.0, 32.0]);
    }

    [Test]
    public void Add_PartialOverlap_Throws()
    {
        double[] a = [1, 2, 3, 4];
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.Add<double>(a.AsSpan(0, 3), a.AsSpan(0, 3), a.AsSpan(1, 3))).ParamName.ShouldBe("destination");
    }

    [Test]
    public void MatrixVector_DestinationOverlapsInput_Throws()
    {
        double[] a = [1, 2, 3, 4, 5, 6];
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.MatrixVector<double>(a.AsSpan(0, 4), 2, 2, a.AsSpan(4, 2), a.AsSpan(3, 2))).ParamName.ShouldBe("destination");
    }

    //
    // Exceptions
    //

    [Test]
    public void Dot_LengthMismatch_ThrowsNamingY()
    {
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.Dot<double>([1, 2], [1])).ParamName.ShouldBe("y");
    }

    [Test]
    public void Exp_DestinationTooShort_ThrowsNamingDestination()
    {
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.Exp<double>([1, 2], new double[1])).ParamName.ShouldBe("destination");
    }

    [Test]
    public void MatrixVector_WrongMatrixLength_ThrowsNamingMatrix()
    {
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.MatrixVector<double>(new double[5], 2, 3, new double[3], new double[2])).ParamName.ShouldBe("matrix");
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.MatrixVector<double>(new double[6], 2, 3, new double[2], new double[2])).ParamName.ShouldBe("x");
        Should.Throw<ArgumentOutOfRangeException>(() => DualAutodiff.Kernels.MatrixVector<double>(new double[6], -2, 3, new double[3], new double[2])).ParamName.ShouldBe("rows");
    }

    [Test]
    public void MatrixMultiply_WrongLengths_ThrowNamingTheSpan()
    {
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.MatrixMultiply<double>(new double[5], new double[6], new double[4], 2, 3, 2)).ParamName.ShouldBe("a");
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.MatrixMultiply<double>(new double[6], new double[5], new double[4], 2, 3, 2)).ParamName.ShouldBe("b");
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.MatrixMultiply<double>(new double[6], new double[6], new double[3], 2, 3, 2)).ParamName.ShouldBe("destination");
    }

    [Test]
    public void Dot_VariablesOfTwoRecordings_ThrowsAndNextCallWorks()
    {
        var first = new Tape<double>();
        Var<double> stale;
        using (first.Record())
        {
            stale = first.Variable(1);
        }

        Should.Throw<InvalidOperationException>(() => Reverse.Gradient<double>(x => DualAutodiff.Kernels.Dot<Var<double>>(x, [stale, stale]), [1.0, 2.0]));

        // the library is ready for the next call: ∂(x·x)/∂x = 2x
        Reverse.Gradient<double>(x => DualAutodiff.Kernels.Dot<Var<double>>(x, x), [1.0, 2.0]).ShouldBe([2.0, 4.0]);
    }

    [Test]
    public void Kernels_Half_RunAsScalarLoops()
    {
        // another plain type: TensorPrimitives' generic loops, rounded to Half
        Half[] x = [(Half)0.5, (Half)1, (Half)2];
        var y = new Half[3];
        DualAutodiff.Kernels.Softplus<Half>(x, y);

        // softplus 1 = log(1 + e) = 1.3133
        ((double)y[1]).ShouldBe(1.3133, 2e-3);

        // 0.25 + 1 + 4
        ((double)DualAutodiff.Kernels.SumOfSquares<Half>(x)).ShouldBe(5.25);
        DualAutodiff.Kernels.MatrixMultiply<Half>(x, x, y.AsSpan(0, 1), 1, 3, 1);
        ((double)y[0]).ShouldBe(5.25);
    }

    [Test]
    public void Gradient_Float_MatchesScalarLoops()
    {
        var c = new KernelCase(KernelOp.Chain, 7);
        float[] x = [.. c.Point().Select(p => (float)p)];
        float[] kernel = Reverse.Gradient<float>(c, x);
        float[] scalar = Reverse.Gradient<float>(c.Scalars, x);
        for (int i = 0; i < x.Length; i++)
        {
            ((double)kernel[i]).ShouldBeClose(scalar[i], 1e-4, $"∂f/∂x{i}");
        }
    }

    [TestCase(37)]
    [TestCase(1001)]
    public void Multiply_ZeroAdjointTimesInfiniteOrNaN_BackwardKeepsTheZeroRule(int n)
    {
        // z = x ⊙ c, f = w·z: x̄ⱼ = Scale(wⱼ, cⱼ); c holds ∞ and NaN where w is 0 (x̄ = 0, the 0·∞ = 0 rule) and where w
        // is 1 (x̄ = ∞, NaN), at places inside vectors and in the last, partial one
        double[] c = [.. Enumerable.Range(0, n).Select(j => 1.0 + (j % 5))];
        double[] w = [.. Enumerable.Range(0, n).Select(j => 0.5 * (j % 3))];
        int[] zeroInfinite = [5, n - 1], zeroNaN = [7, n - 2], oneInfinite = [11], oneNaN = [13];
        foreach (int j in zeroInfinite)
        {
            (c[j], w[j]) = (double.PositiveInfinity, 0);
        }

        foreach (int j in zeroNaN)
        {
            (c[j], w[j]) = (double.NaN, 0);
        }

        foreach (int j in oneInfinite)
        {
            (c[j], w[j]) = (double.NegativeInfinity, 1);
        }

        foreach (int j in oneNaN)
        {
            (c[j], w[j]) = (double.NaN, 1);
        }

        double[] gradient = Reverse.Gradient<double>(xs =>
        {
            var z = new Var<double>[n];
            DualAutodiff.Kernels.Multiply<Var<double>>(xs, [.. c.Select(v => (Var<double>)v)], z);
            return DualAutodiff.Kernels.Dot<Var<double>>(z, [.. w.Select(v => (Var<double>)v)]);
        }, [.. Enumerable.Repeat(2.0, n)]);

        for (int j = 0; j < n; j++)
        {
            // Scale(wⱼ, cⱼ): the product, or 0 where a zero factor meets ∞ or NaN
            double expected = w[j] == 0 ? 0 : w[j] * c[j];
            gradient[j].ShouldBe(expected, $"j = {j}");
        }
    }

    [TestCase(37)]
    [TestCase(1001)]
    public void Square_ZeroAdjointAtInfiniteOrNaN_BackwardKeepsTheZeroRule(int n)
    {
        // f = w·x²: x̄ⱼ = Scale(wⱼ, 2xⱼ); x holds ∞ and NaN where w is 0 (x̄ = 0, the 0·∞ = 0 rule) and where w is 1
        // (x̄ = ∞, NaN), in whole vectors and in the last, partial one
        double[] x = [.. Enumerable.Range(0, n).Select(j => 0.25 * (j % 9))];
        double[] w = [.. Enumerable.Range(0, n).Select(j => 0.5 * (j % 3))];
        (x[5], w[5]) = (double.PositiveInfinity, 0);
        (x[n - 1], w[n - 1]) = (double.NegativeInfinity, 0);
        (x[7], w[7]) = (double.NaN, 0);
        (x[n - 2], w[n - 2]) = (double.NaN, 0);
        (x[11], w[11]) = (double.PositiveInfinity, 1);
        (x[13], w[13]) = (double.NaN, 1);
        double[] gradient = Reverse.Gradient<double>(xs =>
        {
            var z = new Var<double>[n];
            DualAutodiff.Kernels.Square<Var<double>>(xs, z);
            return DualAutodiff.Kernels.Dot<Var<double>>(z, [.. w.Select(v => (Var<double>)v)]);
        }, x);

        for (int j = 0; j < n; j++)
        {
            // Scale(wⱼ, 2xⱼ): the product, or 0 where a zero factor meets ∞ or NaN
            double expected = w[j] == 0 ? 0 : w[j] * (2 * x[j]);
            gradient[j].ShouldBe(expected, $"j = {j}");
        }
    }
}
