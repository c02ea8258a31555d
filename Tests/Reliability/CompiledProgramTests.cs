using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Reliability;

/// <summary>
/// The random programs (<see cref="RandomProgram"/>: every function, every branch kind) through
/// <see cref="Reverse.Compile{T}(IScalarFunction, T[])"/>: compiled at one point, then evaluated at points shifted by
/// small and large steps (which cross the programs' branches, kinks, floors and clamps), each result compared bit for
/// bit with a new recording there; and through <see cref="DualAutodiff.Hvp.Compile{T}(IScalarFunction, T[])"/>, whose
/// operators at the shifted points must equal, bit for bit, those of <c>Hvp.Linearize</c> there. Set
/// <c>DUALAUTODIFF_RANDOM_PROGRAMS</c> to run more.
/// </summary>
[TestFixture]
public class CompiledProgramTests
{
    private const int DefaultPrograms = 2000;
    private static readonly double[] s_steps = [1e-9, 1e-3, 0.05, -0.3, 0.3, 1.5, 0.0];

    [Test]
    public void RandomPrograms_CompiledAtOnePointReplayedAtShiftedPoints_AgreeBitForBitWithNewRecordings()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("DUALAUTODIFF_RANDOM_PROGRAMS"), out int n) ? Math.Min(n, 20_000) : DefaultPrograms;
        var failures = new List<string>();
        int calls = 0;
        int replayed = 0;
        int replayablePrograms = 0;
        foreach (ProgramCase c in ProgramJobs.Cases(count))
        {
            IScalarFunction f = c.Program;
            using CompiledGradient<double> compiled = Reverse.Compile(f, c.X);
            replayablePrograms += compiled.IsReplayable ? 1 : 0;
            foreach (double step in s_steps)
            {
                double[] at = [.. c.X.Select((xi, i) => xi + (step * c.V[i]))];
                int recordings = compiled.Recordings;
                (double value, double[] gradient) = compiled.ValueAndGradient(at);
                (double expectedValue, double[] expectedGradient) = Reverse.ValueAndGradient(f, at);
                calls++;
                replayed += compiled.Recordings == recordings ? 1 : 0;
                if (!ProgramJobs.SameBits([value, .. gradient], [expectedValue, .. expectedGradient]) && failures.Count < 5)
                {
                    failures.Add($"program {c.Seed}, step {step}: compiled ({value}, [{string.Join(", ", gradient)}]) vs recorded ({expectedValue}, [{string.Join(", ", expectedGradient)}])\n{c.Program.ToCSharp()}");
                }
            }
        }

        TestContext.Out.WriteLine($"{count} programs, {replayablePrograms} replayable; {calls} compiled calls, {replayed} replayed without running f, {calls - replayed} recorded anew.");
        failures.ShouldBeEmpty(string.Join("\n\n", failures));

        // The run must mean something: most programs replay, and most of their calls do too (the others cross a
        // branch, a floor, a clamp or a selection).
        replayablePrograms.ShouldBeGreaterThan(count / 2);
        replayed.ShouldBeGreaterThan(calls / 2);
    }

    [Test]
    public void RandomPrograms_HessianCompiledAtOnePointAtShiftedPoints_AgreeBitForBitWithNewOperators()
    {
        int count = (int.TryParse(Environment.GetEnvironmentVariable("DUALAUTODIFF_RANDOM_PROGRAMS"), out int n) ? Math.Min(n, 20_000) : DefaultPrograms) / 2;
        var failures = new List<string>();
        int calls = 0;
        int replayed = 0;
        foreach (ProgramCase c in ProgramJobs.Cases(count))
        {
            IScalarFunction f = c.Program;
            using CompiledHessian<double> compiled = global::DualAutodiff.Hvp.Compile(f, c.X);
            foreach (double step in s_steps)
            {
                double[] at = [.. c.X.Select((xi, i) => xi + (step * c.V[i]))];
                int recordings = compiled.Recordings;
                using HessianOperator<double> h = compiled.Linearize(at);
                using HessianOperator<double> expected = global::DualAutodiff.Hvp.Linearize(f, at);
                calls++;
                replayed += compiled.IsReplayable && compiled.Recordings == recordings ? 1 : 0;
                double[] actual = [h.Value, .. h.Gradient, .. h.Apply(c.V), .. h.Apply(at)];
                double[] fresh = [expected.Value, .. expected.Gradient, .. expected.Apply(c.V), .. expected.Apply(at)];
                if (!ProgramJobs.SameBits(actual, fresh) && failures.Count < 5)
                {
                    failures.Add($"program {c.Seed}, step {step}: compiled [{string.Join(", ", actual)}] vs new [{string.Join(", ", fresh)}]\n{c.Program.ToCSharp()}");
                }
            }
        }

        TestContext.Out.WriteLine($"{count} programs; {calls} compiled Hessian operators, {replayed} replayed without running f, {calls - replayed} recorded anew.");
        failures.ShouldBeEmpty(string.Join("\n\n", failures));

        // as for the gradient: about half the programs replay (the others use kernels, caller-given partials or read
        // values), and most of their points do
        replayed.ShouldBeGreaterThan(calls / 3);
    }
}
