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
}
