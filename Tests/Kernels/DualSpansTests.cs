using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ArrayKernels;

/// <summary>Dual spans split into values and tangents and merged back (four pairs at a time at Dual&lt;double&gt;, the
/// rest one by one): every element in its place, and "every tangent zero" found in the same pass.</summary>
[TestFixture]
public class DualSpansTests
{
    [TestCase(0)]
    [TestCase(1)]
    [TestCase(4)]
    [TestCase(11)]
    public void MergeThenSplit_AnyLength_GivesBackBothSpans(int n)
    {
        double[] values = [.. Enumerable.Range(0, n).Select(i => 1.5 * i)];
        double[] tangents = [.. Enumerable.Range(0, n).Select(i => -0.25 * i)];
        var pairs = new Dual<double>[n];
        DualSpans<double>.Merge(values, tangents, pairs);
        for (int i = 0; i < n; i++)
        {
            pairs[i].ShouldBe(new Dual<double>(1.5 * i, -0.25 * i));
        }

        var v = new double[n];
        var t = new double[n];
        bool still = DualSpans<double>.Split(pairs, v, t);
        v.ShouldBe(values);
        t.ShouldBe(tangents);

        // tangent −0.25·i is nonzero from i = 1
        still.ShouldBe(n <= 1);
    }

    [TestCase(2)]
    [TestCase(9)]
    public void Split_ZeroTangentsOfEitherSignAndOneNonzero_FindsTheNonzero(int nonzero)
    {
        // ten pairs with tangents ±0 except one: still only without it; values may be skipped (tangents only)
        Dual<double>[] pairs = [.. Enumerable.Range(0, 10).Select(i => new Dual<double>(i, i % 2 == 0 ? 0.0 : -0.0))];
        var t = new double[10];
        DualSpans<double>.Split(pairs, [], t).ShouldBeTrue();
        pairs[nonzero] = new Dual<double>(1, double.Epsilon);
        DualSpans<double>.Split(pairs, [], t).ShouldBeFalse();
        t[nonzero].ShouldBe(double.Epsilon);
    }
}
