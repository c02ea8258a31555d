using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Dual;

/// <summary>
/// Chunk mode, <see cref="Dual{T, TTangents}"/>: every lane equals the single-tangent <see cref="Dual{T}"/> result
/// bit for bit (values, JVPs, gradients, Jacobians), in every nesting, with 0·∞ = 0 per lane and NaN/∞ flowing.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class ChunkTests<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>f: Rⁿ → R, chained Rosenbrock plus a few transcendental terms (all rules of a typical model).</summary>
    private sealed class Model : IScalarFunction
    {
        public TN Evaluate<TN>(ReadOnlySpan<TN> x)
            where TN : IFloatingPointIeee754<TN>
        {
            TN sum = ChainedRosenbrock.Instance.Evaluate(x);
            for (int i = 0; i < x.Length; i++)
            {
                sum += TN.Sin(x[i]) * TN.Exp(x[(i + 1) % x.Length] / TN.CreateChecked(4)) + TN.Sqrt(x[i] * x[i] + TN.One);
            }

            return sum;
        }
    }

    /// <summary>f: Rⁿ → Rⁿ⁻¹ ∪ {Σ}, neighbours coupled: yᵢ = xᵢ·x_{i+1}² − log(1 + xᵢ²), last y = Σ tanh xᵢ.</summary>
    private sealed class Coupled : IVectorFunction
    {
        public int OutputLength(int inputLength) => inputLength;

        public void Evaluate<TN>(ReadOnlySpan<TN> x, Span<TN> y)
            where TN : IFloatingPointIeee754<TN>
        {
            TN total = TN.Zero;
            for (int i = 0; i + 1 < x.Length; i++)
            {
                y[i] = x[i] * x[i + 1] * x[i + 1] - TN.Log(TN.One + x[i] * x[i]);
            }

            foreach (TN xi in x)
            {
                total += TN.Tanh(xi);
            }

            if (y.Length > 0)
            {
                y[^1] = total;
            }
        }
    }

    public static IEnumerable<int> Lengths() => [0, 1, 2, 5, 12, 13, 25, 40];

    private static T[] Point(int n) => [.. Enumerable.Range(0, n).Select(i => T.CreateChecked(0.5 + (0.4 * Math.Sin(i))))];

    private static T[] Direction(int n, int seed) => [.. Enumerable.Range(0, n).Select(i => T.CreateChecked(Math.Cos((seed * 7) + i)))];

    [TestCase(0, ExpectedResult = 1)]     // no input still takes one lane
    [TestCase(5, ExpectedResult = 5)]     // up to the threshold 8: one pass of n
    [TestCase(8, ExpectedResult = 8)]
    [TestCase(9, ExpectedResult = 5)]     // ⌈9/8⌉ = 2 passes of ⌈9/2⌉ = 5, not 8 + 1
    [TestCase(13, ExpectedResult = 7)]    // 2 passes of ⌈13/2⌉ = 7
    [TestCase(24, ExpectedResult = 8)]    // 3 passes of 8
    [TestCase(25, ExpectedResult = 7)]    // 4 passes of ⌈25/4⌉ = 7
    [TestCase(1000, ExpectedResult = 8)]  // 125 passes of 8
    public int ChunkSize_InputLength_IsForwardDiffsBalancedChunk(int n) => Forward.ChunkSize(n);

    [Test]
    public void ChunkSize_NegativeLength_ThrowsNamingTheParameter() =>
        Should.Throw<ArgumentOutOfRangeException>(() => Forward.ChunkSize(-1)).ParamName.ShouldBe("inputLength");

    [TestCaseSource(nameof(Lengths))]
    public void Gradient_ChunkMode_EqualsSingleTangentPassesBitForBit(int n)
    {
        T[] x = Point(n);
        T[] single = Forward.Gradient<T>(v => new Model().Evaluate<Dual<T>>(v), x);
        Forward.Gradient(new Model(), x).ShouldBe(single);
    }

    [Test]
    public void Gradient_EveryChunkWidth_EqualsSingleTangentPassesBitForBit()
    {
        // n = 13 is no multiple of any width but 1 and 13: every width has a partial last chunk.
        T[] x = Point(13);
        T[] single = Forward.Gradient<T>(v => new Model().Evaluate<Dual<T>>(v), x);
        var f = new Model();
        T[][] byWidth =
        [
            Forward.Gradient<T, Tangents1<T>>(f, x), Forward.Gradient<T, Tangents2<T>>(f, x), Forward.Gradient<T, Tangents3<T>>(f, x),
            Forward.Gradient<T, Tangents4<T>>(f, x), Forward.Gradient<T, Tangents5<T>>(f, x), Forward.Gradient<T, Tangents6<T>>(f, x),
            Forward.Gradient<T, Tangents7<T>>(f, x), Forward.Gradient<T, Tangents8<T>>(f, x), Forward.Gradient<T, Tangents9<T>>(f, x),
            Forward.Gradient<T, Tangents10<T>>(f, x), Forward.Gradient<T, Tangents11<T>>(f, x), Forward.Gradient<T, Tangents12<T>>(f, x),
        ];
        for (int k = 0; k < byWidth.Length; k++)
        {
            byWidth[k].ShouldBe(single, $"{k + 1} lanes");
        }
    }

    [Test]
    public void Gradient_ChunkMode_AgreesWithReverseGradient()
    {
        T[] x = Point(30);
        T[] forward = Forward.Gradient(new Model(), x);
        T[] reverse = Reverse.Gradient(new Model(), x);
        for (int i = 0; i < x.Length; i++)
        {
            Approx.D(forward[i]).ShouldBeClose(Approx.D(reverse[i]), Approx.For<T>(), $"∂f/∂x{i}");
        }
    }

    [Test]
    public void Gradient_Delegate_EqualsInterfaceOverload()
    {
        T[] x = Point(9);
        Forward.Gradient<T, Tangents4<T>>(v => new Model().Evaluate<Dual<T, Tangents4<T>>>(v), x).ShouldBe(Forward.Gradient(new Model(), x));
    }

    [TestCaseSource(nameof(Lengths))]
    public void Jacobian_ChunkMode_EqualsSingleTangentColumnsBitForBit(int n)
    {
        T[] x = Point(n);
        T[,] single = Forward.Jacobian<T>(v => Apply<Dual<T>>(new Coupled(), v), x);
        T[,] chunked = Forward.Jacobian(new Coupled(), x);
        chunked.ShouldBe(single);
        Forward.Jacobian<T, Tangents3<T>>(v => Apply<Dual<T, Tangents3<T>>>(new Coupled(), v), x).ShouldBe(single);
    }

    [Test]
    public void Lanes_ArbitraryDirections_EachLaneIsTheJvpOfItsDirection()
    {
        // f(x + Σ vₗεₗ) = f(x) + Σ (∇f·vₗ)εₗ: lane l is Forward.Jvp along vₗ, value and tangent bit for bit.
        const int n = 6;
        T[] x = Point(n);
        T[][] v = [.. Enumerable.Range(0, 5).Select(l => Direction(n, l))];
        var input = new Dual<T, Tangents5<T>>[n];
        for (int i = 0; i < n; i++)
        {
            input[i] = new Dual<T, Tangents5<T>>(x[i], [.. v.Select(vl => vl[i])]);
        }

        Dual<T, Tangents5<T>> y = new Model().Evaluate<Dual<T, Tangents5<T>>>(input);
        for (int l = 0; l < v.Length; l++)
        {
            (T value, T tangent) = Forward.Jvp(new Model(), x, v[l]);
            y.Value.ShouldBe(value);
            y.Tangent(l).ShouldBe(tangent, $"lane {l}");
        }
    }

    [Test]
    public void SecondOrder_DualOverMultiDual_EqualsDualOfDualPerLane()
    {
        // Dual<Dual<T>, TTangents> gives k second directional derivatives vₗᵀ H w in one pass: lane l is
        // exactly Dual<Dual<T>> seeded with inner tangent w and outer tangent vₗ.
        const int n = 4;
        T[] x = Point(n);
        T[] w = Direction(n, 9);
        T[][] v = [.. Enumerable.Range(0, 3).Select(l => Direction(n, l))];
        var multi = new Dual<Dual<T>, Tangents3<Dual<T>>>[n];
        for (int i = 0; i < n; i++)
        {
            multi[i] = new Dual<Dual<T>, Tangents3<Dual<T>>>(new Dual<T>(x[i], w[i]), [.. v.Select(vl => new Dual<T>(vl[i], T.Zero))]);
        }

        Dual<Dual<T>, Tangents3<Dual<T>>> y = new Model().Evaluate<Dual<Dual<T>, Tangents3<Dual<T>>>>(multi);
        for (int l = 0; l < v.Length; l++)
        {
            var single = new Dual<Dual<T>>[n];
            for (int i = 0; i < n; i++)
            {
                single[i] = new Dual<Dual<T>>(new Dual<T>(x[i], w[i]), new Dual<T>(v[l][i], T.Zero));
            }

            Dual<Dual<T>> expected = new Model().Evaluate<Dual<Dual<T>>>(single);
            y.Value.ShouldBe(expected.Value);
            y.Tangent(l).ShouldBe(expected.Tangent, $"lane {l}");
        }
    }

    [Test]
    public void SecondOrder_MultiDualOverDual_EqualsDualOfDualPerLane()
    {
        // Dual<Dual<T, TTangents>>: the inner level carries the k lanes, the outer one direction w.
        const int n = 4;
        T[] x = Point(n);
        T[] w = Direction(n, 9);
        T[][] v = [.. Enumerable.Range(0, 2).Select(l => Direction(n, l))];
        var multi = new Dual<Dual<T, Tangents2<T>>>[n];
        for (int i = 0; i < n; i++)
        {
            multi[i] = new Dual<Dual<T, Tangents2<T>>>(new Dual<T, Tangents2<T>>(x[i], [v[0][i], v[1][i]]), new Dual<T, Tangents2<T>>(w[i], [T.Zero, T.Zero]));
        }

        Dual<Dual<T, Tangents2<T>>> y = new Model().Evaluate<Dual<Dual<T, Tangents2<T>>>>(multi);
        for (int l = 0; l < v.Length; l++)
        {
            var single = new Dual<Dual<T>>[n];
            for (int i = 0; i < n; i++)
            {
                single[i] = new Dual<Dual<T>>(new Dual<T>(x[i], v[l][i]), new Dual<T>(w[i], T.Zero));
            }

            Dual<Dual<T>> expected = new Model().Evaluate<Dual<Dual<T>>>(single);
            y.Value.Tangent(l).ShouldBe(expected.Value.Tangent, $"lane {l} of the inner tangent");
            y.Tangent.Tangent(l).ShouldBe(expected.Tangent.Tangent, $"lane {l} of vₗᵀHw");
        }
    }

    [Test]
    public void ReverseOverForward_MultiDualOverVar_EqualsDualOverVarPerLane()
    {
        // Dual<Var<T>, TTangents>: the recorded lanes ∇f·vₗ; a sweep from lane l gives H·vₗ as Dual<Var<T>> does.
        const int n = 5;
        T[] x = Point(n);
        T[][] v = [.. Enumerable.Range(0, 3).Select(l => Direction(n, l))];
        for (int l = 0; l < v.Length; l++)
        {
            T[] expected = global::DualAutodiff.Hvp.Compute(new Model(), x, v[l], HvpMethod.ReverseOverForward);
            Tape<T> tape = Tape<T>.Rent();
            try
            {
                var input = new Dual<Var<T>, Tangents3<Var<T>>>[n];
                for (int i = 0; i < n; i++)
                {
                    input[i] = new Dual<Var<T>, Tangents3<Var<T>>>(tape.Variable(x[i]), [.. v.Select(vk => (Var<T>)vk[i])]);
                }

                tape.Backward(new Model().Evaluate<Dual<Var<T>, Tangents3<Var<T>>>>(input).Tangent(l));
                for (int i = 0; i < n; i++)
                {
                    tape.Adjoint(input[i].Value).ShouldBe(expected[i], $"(H·v{l})[{i}]");
                }
            }
            finally
            {
                tape.Return();
            }
        }
    }

    [TestCase(1)]
    [TestCase(3)]
    [TestCase(12)]
    [TestCase(13)]
    public void ComputeMany_VarOverMultiDual_EachProductEqualsHvpCompute(int k)
    {
        // Var<Dual<T, TTangents>> is forward-over-reverse with k directions: one sweep per ≤ 12 of them.
        const int n = 7;
        T[] x = Point(n);
        T[][] v = [.. Enumerable.Range(0, k).Select(l => Direction(n, l))];
        T[][] products = global::DualAutodiff.Hvp.ComputeMany(new Model(), x, v);
        products.Length.ShouldBe(k);
        for (int l = 0; l < k; l++)
        {
            products[l].ShouldBe(global::DualAutodiff.Hvp.Compute(new Model(), x, v[l]), $"H·v{l}");
        }
    }

    [Test]
    public void ComputeMany_ExplicitWidth_EqualsDefaultWidth()
    {
        T[] x = Point(6);
        T[][] v = [.. Enumerable.Range(0, 5).Select(l => Direction(6, l))];
        global::DualAutodiff.Hvp.ComputeMany<T, Tangents2<T>>(new Model(), x, v).ShouldBe(global::DualAutodiff.Hvp.ComputeMany(new Model(), x, v));
    }

    [Test]
    public void ComputeMany_DirectionOfWrongLength_ThrowsNamingV()
    {
        T[] x = Point(3);
        Should.Throw<ArgumentException>(() => global::DualAutodiff.Hvp.ComputeMany(new Model(), x, [Direction(3, 0), Direction(2, 1)])).ParamName.ShouldBe("v");
        Should.Throw<ArgumentNullException>(() => global::DualAutodiff.Hvp.ComputeMany(new Model(), x, null!)).ParamName.ShouldBe("v");
    }

    [Test]
    public void Sqrt_ZeroTangentLanesAtInfinitePartial_StayZero()
    {
        // √x at 0 has partial +∞: lanes with tangent 0 stay 0 (0·∞ = 0), the seeded lane is +∞, and
        // x·√x has derivative 0 at 0 in every lane (d/dx x^1.5 = 1.5√x = 0).
        var x = new Dual<T, Tangents4<T>>(T.Zero, [T.Zero, T.One, T.Zero, -T.One]);
        Dual<T, Tangents4<T>> root = Dual<T, Tangents4<T>>.Sqrt(x);
        root.Tangent(0).ShouldBe(T.Zero);
        root.Tangent(1).ShouldBe(T.PositiveInfinity);
        root.Tangent(2).ShouldBe(T.Zero);
        root.Tangent(3).ShouldBe(T.NegativeInfinity);
        Dual<T, Tangents4<T>> product = x * root;
        for (int l = 0; l < 4; l++)
        {
            // Each lane as Dual<T>: (0 + bε)·(0 + b∞ε) has tangent b·0 + 0·(b∞) = 0 by the propagation product.
            Dual<T> single = new Dual<T>(T.Zero, x.Tangent(l)) * Dual<T>.Sqrt(new Dual<T>(T.Zero, x.Tangent(l)));
            product.Tangent(l).ShouldBe(single.Tangent, $"lane {l}");
        }
    }

    [Test]
    public void Lanes_NaNAndInfinityInOneLane_FlowOnlyThroughThatLane()
    {
        // sin(x)·x with x = 1 + (NaN, ∞, 2)ε: lane 0 NaN, lane 1 ±∞ (cos 1 + sin 1 > 0, so +∞), lane 2 finite.
        var x = new Dual<T, Tangents3<T>>(T.One, [T.NaN, T.PositiveInfinity, T.CreateChecked(2)]);
        Dual<T, Tangents3<T>> y = Dual<T, Tangents3<T>>.Sin(x) * x;
        T.IsNaN(y.Tangent(0)).ShouldBeTrue();
        y.Tangent(1).ShouldBe(T.PositiveInfinity);
        // d/dx x sin x = sin x + x cos x at 1, times 2 = 2(sin 1 + cos 1) ≈ 2.7635
        Approx.D(y.Tangent(2)).ShouldBeClose(2 * (Math.Sin(1) + Math.Cos(1)), Approx.For<T>(), "lane 2");
        T.IsNaN(y.Value).ShouldBeFalse();
    }

    [Test]
    public void Constants_ZeroInEveryLane()
    {
        Dual<T, Tangents3<T>> c = T.CreateChecked(2.5);
        Dual<T, Tangents3<T>>[] all = [c, Dual<T, Tangents3<T>>.Pi, Dual<T, Tangents3<T>>.CreateChecked(7), Dual<T, Tangents3<T>>.Constant(1.5), Dual<T, Tangents3<T>>.Floor(Dual<T, Tangents3<T>>.Seed(T.CreateChecked(1.5), 1))];
        foreach (Dual<T, Tangents3<T>> d in all)
        {
            for (int l = 0; l < 3; l++)
            {
                d.Tangent(l).ShouldBe(T.Zero);
            }
        }
    }

    [Test]
    public void Seed_Lane_HasUnitTangentThereOnly()
    {
        Dual<T, Tangents4<T>> x = Dual<T, Tangents4<T>>.Seed(T.CreateChecked(3), 2);
        var lanes = new T[4];
        x.CopyTangentsTo(lanes);
        lanes.ShouldBe([T.Zero, T.Zero, T.One, T.Zero]);
        x.Value.ShouldBe(T.CreateChecked(3));
        Dual<T, Tangents4<T>>.TangentCount.ShouldBe(4);
    }

    [Test]
    public void BadLanes_ThrowNamingTheParameter()
    {
        Should.Throw<ArgumentException>(() => new Dual<T, Tangents4<T>>(T.One, [T.One, T.One])).ParamName.ShouldBe("tangents");
        Should.Throw<ArgumentOutOfRangeException>(() => Dual<T, Tangents4<T>>.Seed(T.One, 4)).ParamName.ShouldBe("lane");
        Should.Throw<ArgumentOutOfRangeException>(() => Dual<T, Tangents4<T>>.Seed(T.One, -1)).ParamName.ShouldBe("lane");
        Should.Throw<ArgumentOutOfRangeException>(() => Dual<T, Tangents4<T>>.Seed(T.One, 0).Tangent(7)).ParamName.ShouldBe("lane");
        Should.Throw<ArgumentException>(() => Dual<T, Tangents4<T>>.Seed(T.One, 0).CopyTangentsTo(new T[3])).ParamName.ShouldBe("destination");
    }

    [Test]
    public void Gradient_FunctionThrows_NextCallIsRight()
    {
        T[] x = Point(20);
        Should.Throw<InvalidOperationException>(() => Forward.Gradient<T, Tangents4<T>>(_ => throw new InvalidOperationException("user"), x));
        Forward.Gradient(new Model(), x).ShouldBe(Forward.Gradient<T>(v => new Model().Evaluate<Dual<T>>(v), x));
    }

    [Test]
    public void Gradient_NestedSameTypeUsingOuterVariable_ThrowsPerturbationConfusion()
    {
        // An inner chunked gradient that closes over an outer variable of the same type cannot be right.
        T[] x = Point(2);
        Should.Throw<InvalidOperationException>(() => Forward.Gradient<T, Tangents2<T>>(
            outer => Forward.Gradient<T, Tangents2<T>>(inner => inner[0] * outer[0], x)[0] * outer[1], x)).Message.ShouldContain("Perturbation confusion");
    }

    [Test]
    public void Comparisons_CompareValuesOnly_EqualsComparesLanes()
    {
        Dual<T, Tangents2<T>> a = Dual<T, Tangents2<T>>.Seed(T.One, 0);
        Dual<T, Tangents2<T>> b = Dual<T, Tangents2<T>>.Seed(T.One, 1);
        (a == b).ShouldBeTrue();
        a.Equals(b).ShouldBeFalse();
        a.Equals(Dual<T, Tangents2<T>>.Seed(T.One, 0)).ShouldBeTrue();
        a.GetHashCode().ShouldBe(Dual<T, Tangents2<T>>.Seed(T.One, 0).GetHashCode());
        (a < b + T.One).ShouldBeTrue();
    }

    [Test]
    public void ToString_ShowsValueAndLanes() =>
        new Dual<T, Tangents2<T>>(T.CreateChecked(3), [T.One, T.CreateChecked(-2)]).ToString(null, System.Globalization.CultureInfo.InvariantCulture).ShouldBe("3 + (1, -2)ε");

    private static TN[] Apply<TN>(IVectorFunction f, TN[] x)
        where TN : IFloatingPointIeee754<TN>
    {
        var y = new TN[f.OutputLength(x.Length)];
        f.Evaluate<TN>(x, y);
        return y;
    }
}
