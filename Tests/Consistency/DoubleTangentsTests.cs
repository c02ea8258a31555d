using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Consistency;

/// <summary>
/// The SIMD lanes of <see cref="double"/> (<see cref="DoubleTangents4"/>, <see cref="DoubleTangents8"/>,
/// <see cref="DoubleTangents12"/>), which <see cref="Forward"/> and <c>Hvp.ComputeMany</c> use for double:
/// every rule of the table gives in each lane bit for bit the single-tangent <see cref="Dual{T}"/> result, forward and
/// under <c>Var</c>, with 0·∞ = 0 per lane.
/// </summary>
[TestFixture]
public class DoubleTangentsTests
{
    public static IEnumerable<RuleCase> AllCases() => RuleTable.Cases();

    [TestCaseSource(nameof(AllCases))]
    public void DoubleTangents8_EveryRule_EachLaneEqualsSingleTangentDual(RuleCase c)
    {
        double[] x = c.Point;
        double[][] d = Directions(x.Length, 8);
        var input = new Dual<double, DoubleTangents8>[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            input[i] = new Dual<double, DoubleTangents8>(x[i], [.. d.Select(dl => dl[i])]);
        }

        Dual<double, DoubleTangents8> y = RuleTable.Apply<Dual<double, DoubleTangents8>>(c.Op, input);
        for (int l = 0; l < d.Length; l++)
        {
            Dual<double> expected = RuleTable.Apply<Dual<double>>(c.Op, [.. x.Select((xi, i) => new Dual<double>(xi, d[l][i]))]);
            y.Value.Equals(expected.Value).ShouldBeTrue($"value {y.Value} differs from {expected.Value}");
            BitConverter.DoubleToInt64Bits(y.Tangent(l)).ShouldBe(BitConverter.DoubleToInt64Bits(expected.Tangent), $"lane {l}: {y.Tangent(l)} vs {expected.Tangent}");
        }
    }

    [TestCaseSource(nameof(AllCases))]
    public void VarOverDoubleTangents12_EveryRule_AdjointLanesEqualVarOverDual(RuleCase c)
    {
        double[] x = c.Point;
        double[][] d = Directions(x.Length, 12);
        Dual<double, DoubleTangents12>[] adjoints = Adjoints<Dual<double, DoubleTangents12>>(c.Op, [.. x.Select((xi, i) => new Dual<double, DoubleTangents12>(xi, [.. d.Select(dl => dl[i])]))]);
        for (int l = 0; l < d.Length; l++)
        {
            Dual<double>[] expected = Adjoints<Dual<double>>(c.Op, [.. x.Select((xi, i) => new Dual<double>(xi, d[l][i]))]);
            for (int i = 0; i < x.Length; i++)
            {
                adjoints[i].Value.Equals(expected[i].Value).ShouldBeTrue($"∂/∂x{i}");
                adjoints[i].Tangent(l).Equals(expected[i].Tangent).ShouldBeTrue($"lane {l}, (H·d)[{i}]: {adjoints[i].Tangent(l)} vs {expected[i].Tangent}");
            }
        }
    }

    [Test]
    public void Sqrt_ZeroLanesAtInfinitePartial_StayZero()
    {
        // √x at 0 has partial +∞: zero lanes stay 0 (0·∞ = 0), lanes 1 and 5 get ±∞
        var x = new Dual<double, DoubleTangents8>(0, [0, 1, 0, 0, 0, -1, 0, 0]);
        Dual<double, DoubleTangents8> root = Dual<double, DoubleTangents8>.Sqrt(x);
        double[] lanes = new double[8];
        root.CopyTangentsTo(lanes);
        lanes.ShouldBe([0, double.PositiveInfinity, 0, 0, 0, double.NegativeInfinity, 0, 0]);
    }

    [Test]
    public void Negate_SignedZeroLanes_FlipSignAsDual()
    {
        // −(0 + (+0, −0, 1, −2)ε): the lanes are negated bit for bit as Dual<double> does (−(+0) = −0)
        var x = new Dual<double, DoubleTangents4>(0, [0.0, -0.0, 1, -2]);
        Dual<double, DoubleTangents4> y = -x;
        for (int l = 0; l < 4; l++)
        {
            BitConverter.DoubleToInt64Bits(y.Tangent(l)).ShouldBe(BitConverter.DoubleToInt64Bits((-new Dual<double>(0, x.Tangent(l))).Tangent), $"lane {l}");
        }
    }

    [Test]
    public void Lanes_OutOfRange_ThrowNamingLane()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Dual<double, DoubleTangents12>.Seed(1, 12)).ParamName.ShouldBe("lane");
        Should.Throw<ArgumentOutOfRangeException>(() => Dual<double, DoubleTangents4>.Seed(1, 0).Tangent(-1)).ParamName.ShouldBe("lane");
        Dual<double, DoubleTangents12>.Seed(2, 11).Tangent(11).ShouldBe(1); // d/dx x = 1 in the seeded lane
    }

    [Test]
    public void ForwardGradient_Double_UsesSimdLanesWithTheSameNumbers()
    {
        // n = 5..40: DoubleTangents4 or 8; each entry equals the single-tangent pass bit for bit
        foreach (int n in (int[])[5, 8, 9, 17, 40])
        {
            double[] x = [.. Enumerable.Range(0, n).Select(i => 0.5 + (0.4 * Math.Sin(i)))];
            double[] single = Forward.Gradient<double>(v => ChainedRosenbrock.Instance.Evaluate<Dual<double>>(v), x);
            Forward.Gradient(ChainedRosenbrock.Instance, x).ShouldBe(single, $"n = {n}");
            Forward.Gradient<double, DoubleTangents12>(ChainedRosenbrock.Instance, x).ShouldBe(single, $"n = {n}, 12 lanes");
        }
    }

    private static TN[] Adjoints<TN>(Op op, TN[] seeds)
        where TN : System.Numerics.IFloatingPointIeee754<TN>
    {
        Tape<TN> tape = Tape<TN>.Rent();
        try
        {
            Var<TN>[] input = tape.Inputs(seeds);
            tape.Backward(RuleTable.Apply<Var<TN>>(op, input));
            return [.. input.Select(tape.Adjoint)];
        }
        finally
        {
            tape.Return();
        }
    }

    /// <summary>Unit vectors, then mixed directions, ∞ and NaN seeds and zero: every lane its own direction.</summary>
    private static double[][] Directions(int arity, int lanes) =>
        [.. Enumerable.Range(0, lanes).Select(l => Enumerable.Range(0, arity).Select(i => l switch
        {
            _ when l < arity => i == l ? 1.0 : 0.0,
            _ when l == lanes - 1 => 0.0,
            _ when l == lanes - 2 => i == 0 ? double.PositiveInfinity : 0.0,
            _ when l == lanes - 3 => i == 0 ? double.NaN : 1.0,
            _ => Math.Cos(l + (3 * i)),
        }).ToArray())];
}
