using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Consistency;

/// <summary>
/// Every elementary function (<see cref="RuleTable"/>) at the multi-tangent <see cref="Dual{T, TTangents}"/>: each
/// lane is bit for bit the single-tangent <see cref="Dual{T}"/> along that lane's direction, forward, nested under
/// a dual, and under <c>Var</c> (forward-over-reverse with several directions).
/// </summary>
/// <typeparam name="T">The scalar type under the duals.</typeparam>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class ChunkRuleTableTests<T>
    where T : IFloatingPointIeee754<T>
{
    public static IEnumerable<RuleCase> AllCases() => RuleTable.Cases();

    public static IEnumerable<RuleCase> SmoothCases() => RuleTable.Cases().Where(c => c.Smooth);

    [TestCaseSource(nameof(AllCases))]
    public void Chunk_EveryRule_EachLaneEqualsSingleTangentDual(RuleCase c)
    {
        T[] x = Primal(c.Point);
        T[][] d = Directions(x.Length, 5);
        var input = new Dual<T, Tangents5<T>>[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            input[i] = new Dual<T, Tangents5<T>>(x[i], [.. d.Select(dl => dl[i])]);
        }

        Dual<T, Tangents5<T>> y = RuleTable.Apply<Dual<T, Tangents5<T>>>(c.Op, input);
        for (int l = 0; l < d.Length; l++)
        {
            Dual<T> expected = RuleTable.Apply<Dual<T>>(c.Op, [.. x.Select((xi, i) => new Dual<T>(xi, d[l][i]))]);
            y.Value.Equals(expected.Value).ShouldBeTrue($"value {y.Value} differs from {expected.Value}");
            y.Tangent(l).Equals(expected.Tangent).ShouldBeTrue($"lane {l}: {y.Tangent(l)} differs from the single-tangent {expected.Tangent}");
        }
    }

    [TestCaseSource(nameof(SmoothCases))]
    public void ChunkOverDual_SmoothRule_EachLaneEqualsDualOfDual(RuleCase c)
    {
        // Dual<Dual<T>, TTangents> with inner tangent w: lane l is dᵀ_l H w, as Dual<Dual<T>> seeded (w, dₗ).
        T[] x = Primal(c.Point);
        T[][] d = Directions(x.Length, 3);
        T[] w = d[^2];
        var input = new Dual<Dual<T>, Tangents3<Dual<T>>>[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            input[i] = new Dual<Dual<T>, Tangents3<Dual<T>>>(new Dual<T>(x[i], w[i]), [.. d.Select(dl => new Dual<T>(dl[i], T.Zero))]);
        }

        Dual<Dual<T>, Tangents3<Dual<T>>> y = RuleTable.Apply<Dual<Dual<T>, Tangents3<Dual<T>>>>(c.Op, input);
        for (int l = 0; l < d.Length; l++)
        {
            Dual<Dual<T>> expected = RuleTable.Apply<Dual<Dual<T>>>(c.Op, [.. x.Select((xi, i) => new Dual<Dual<T>>(new Dual<T>(xi, w[i]), new Dual<T>(d[l][i], T.Zero)))]);
            y.Tangent(l).Equals(expected.Tangent).ShouldBeTrue($"lane {l}: {y.Tangent(l)} differs from {expected.Tangent}");
        }
    }

    [TestCaseSource(nameof(AllCases))]
    public void VarOverChunk_EveryRule_AdjointLanesEqualVarOverDual(RuleCase c)
    {
        // Var<Dual<T, TTangents>>: one sweep gives ∇f in the value and H·dₗ in lane l, each as Var<Dual<T>> along dₗ.
        T[] x = Primal(c.Point);
        T[][] d = Directions(x.Length, 4);
        Dual<T, Tangents4<T>>[] adjoints = Adjoints<Dual<T, Tangents4<T>>>(c.Op, [.. x.Select((xi, i) => new Dual<T, Tangents4<T>>(xi, [.. d.Select(dl => dl[i])]))]);
        for (int l = 0; l < d.Length; l++)
        {
            Dual<T>[] expected = Adjoints<Dual<T>>(c.Op, [.. x.Select((xi, i) => new Dual<T>(xi, d[l][i]))]);
            for (int i = 0; i < x.Length; i++)
            {
                adjoints[i].Value.Equals(expected[i].Value).ShouldBeTrue($"∂/∂x{i}: {adjoints[i].Value} differs from {expected[i].Value}");
                adjoints[i].Tangent(l).Equals(expected[i].Tangent).ShouldBeTrue($"lane {l}, (H·d)[{i}]: {adjoints[i].Tangent(l)} differs from {expected[i].Tangent}");
            }
        }
    }

    private static TN[] Adjoints<TN>(Op op, TN[] seeds)
        where TN : IFloatingPointIeee754<TN>
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

    /// <summary>Lane directions: the unit vectors e₀, e₁, … (zero beyond the arity), then a mixed one, then zero.</summary>
    private static T[][] Directions(int arity, int lanes) =>
        [.. Enumerable.Range(0, lanes).Select(l => Enumerable.Range(0, arity).Select(i =>
            l == lanes - 1 ? T.Zero
            : l == lanes - 2 ? T.CreateChecked(i % 2 == 0 ? 1.5 : -0.5)
            : i == l ? T.One : T.Zero).ToArray())];

    private static T[] Primal(double[] x) => [.. x.Select(T.CreateChecked)];
}
