using MathNet.Numerics.Optimization;
using NUnit.Framework;
using Shouldly;
using DVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace DualAutodiff.Tests.Hvp.Mgh;

/// <summary>MathNet's BFGS and Newton minimizers on the Moré–Garbow–Hillstrom set through
/// <see cref="AutodiffObjective"/>, next to <see cref="NewtonCg"/> with defaults.</summary>
[TestFixture]
public class MghMathNetTests
{
    private static IEnumerable<TestCaseData> Problems() =>
        MghProblems.All.Select(p => new TestCaseData(p).SetName($"{{m}}({p.Number:00} {p.Name.Replace(" - ", " ").Replace(' ', '_')})"));

    [TestCaseSource(nameof(Problems))]
    public void BfgsAndNewton_AutodiffObjective_RunAndNewtonCgIsAtLeastAsGood(object problem)
    {
        var p = (MghProblem)problem;
        NewtonCgResult ours = NewtonCg.Minimize(p, p.Start);
        foreach (Outcome outcome in new[] { Run(p, Bfgs), Run(p, Newton) })
        {
            TestContext.Out.WriteLine($"{p}: {outcome}");
            if (outcome.Value is double value)
            {
                // the objective is exact: MathNet's reported minimum is f at its point
                value.ShouldBe(p.Evaluate<double>(outcome.Point!), 1e-12 * Math.Max(1, Math.Abs(value)));
                ours.Value.ShouldBeLessThanOrEqualTo(value + 1e-8 * Math.Abs(value) + 1e-12, outcome.ToString());
            }
            else
            {
                // MathNet gave up with an exception (line search, non-descent direction, …): recorded, not hidden
                outcome.Error.ShouldNotBeNull();
            }
        }
    }

    [Test]
    public void Table_AllProblems_WritesComparison()
    {
        // one line per problem: f*, NewtonCg, BFGS and Newton; a report, its assertion is that every row is complete
        var rows = new List<string> { "| # | problem | n | f* | NewtonCg f | converged | iterations | BFGS | Newton |", "|---|---|---:|---:|---:|:---:|---:|---|---|" };
        foreach (MghProblem p in MghProblems.All)
        {
            NewtonCgResult ours = NewtonCg.Minimize(p, p.Start);
            rows.Add($"| {p.Number} | {p.Name} | {p.N} | {string.Join(" or ", p.Minima.Select(m => m.Value.ToString("G10")))} | {ours.Value:G10} | {(ours.Converged ? "yes" : "no")} | {ours.Iterations} | {Run(p, Bfgs).Short(p)} | {Run(p, Newton).Short(p)} |");
        }

        TestContext.Out.WriteLine(string.Join(Environment.NewLine, rows));
        rows.Count.ShouldBe(MghProblems.All.Count + 2);
    }

    private static MinimizationResult Bfgs(IObjectiveFunction f, DVector x0) => new BfgsMinimizer(1e-8, 1e-8, 1e-8, 1000).FindMinimum(f, x0);

    private static MinimizationResult Newton(IObjectiveFunction f, DVector x0) => new NewtonMinimizer(1e-8, 1000, useLineSearch: true).FindMinimum(f, x0);

    private static Outcome Run(MghProblem p, Func<IObjectiveFunction, DVector, MinimizationResult> minimizer)
    {
        try
        {
            MinimizationResult result = minimizer(new AutodiffObjective(p), DVector.Build.Dense(p.Start));
            return new Outcome(result.FunctionInfoAtMinimum.Value, result.MinimizingPoint.ToArray(), result.Iterations, result.ReasonForExit.ToString(), null);
        }
        catch (Exception e) when (e is OptimizationException or ArgumentException or InvalidOperationException or MaximumIterationsException)
        {
            return new Outcome(null, null, 0, null, e);
        }
    }

    private sealed record Outcome(double? Value, double[]? Point, int Iterations, string? Exit, Exception? Error)
    {
        public string Short(MghProblem p) => Value is double v
            ? $"{v:G6}{(p.Minima.Any(m => m.Matches(v)) ? "" : " ✗")} ({Iterations})"
            : $"throws {Error!.GetType().Name}";

        public override string ToString() => Value is double v ? $"f = {v:R} after {Iterations} iterations ({Exit})" : $"{Error!.GetType().Name}: {Error.Message}";
    }
}
