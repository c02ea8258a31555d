using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Hvp.Mgh;

[TestFixture]
public class MghNewtonCgTests
{
    private static IEnumerable<TestCaseData> Problems() =>
        MghProblems.All.Select(p => new TestCaseData(p).SetName($"{{m}}({p.Number:00} {p.Name.Replace(" - ", " ").Replace(' ', '_')})"));

    [TestCaseSource(nameof(Problems))]
    public void Minimize_MghProblemWithDefaults_ReachesPublishedMinimum(object problem)
    {
        var p = (MghProblem)problem;
        NewtonCgResult result = NewtonCg.Minimize(p, p.Start);
        MghMinimum? reached = p.Minima.FirstOrDefault(m => m.Matches(result.Value));
        TestContext.Out.WriteLine($"{p}: {result}");
        reached.ShouldNotBeNull($"{p}: f = {result.Value:R}, published {string.Join(" or ", p.Minima.Select(m => m.Value))}; {result}");
        result.Converged.ShouldBeTrue(result.ToString());
    }

    private static IEnumerable<TestCaseData> LargeProblems()
    {
        yield return new TestCaseData(new ExtendedRosenbrockMgh(10_000)).SetName("{m}(ExtendedRosenbrock10000)");
        yield return new TestCaseData(new ExtendedPowell(10_000)).SetName("{m}(ExtendedPowell10000)");
    }

    [TestCaseSource(nameof(LargeProblems))]
    public void Minimize_LargeMghProblemWithDefaults_ReachesZero(object problem)
    {
        // f* = 0 at (1, …, 1) and at the origin, whatever n
        var p = (MghProblem)problem;
        NewtonCgResult result = NewtonCg.Minimize(p, p.Start);
        TestContext.Out.WriteLine($"{p}: {result}");
        result.Converged.ShouldBeTrue(result.ToString());
        result.Value.ShouldBeLessThanOrEqualTo(1e-12, result.ToString());
    }
}
