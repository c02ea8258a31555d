using System.Globalization;
using System.Numerics;
using System.Text;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Reliability;

/// <summary>
/// Random programs over the whole function set (<see cref="RandomProgram"/>), each checked in every mode at a
/// random point (<see cref="ProgramChecks"/>). A failure is shrunk and printed as C#. CI runs a few thousand;
/// set <c>DUALAUTODIFF_RANDOM_PROGRAMS</c> (e.g. 100000) to run more, and <c>DUALAUTODIFF_RANDOM_SEED</c>
/// to start elsewhere. Program i uses the seed (seed + i), so any failure is reproducible from its number.
/// </summary>
[TestFixture]
public class RandomProgramTests
{
    private const int DefaultPrograms = 3000;
    private const int DefaultSeed = 20261126;

    [Test]
    public void RandomPrograms_EveryModeAndRoute_Agree()
    {
        int count = Setting("DUALAUTODIFF_RANDOM_PROGRAMS", DefaultPrograms);
        int seed = Setting("DUALAUTODIFF_RANDOM_SEED", DefaultSeed);
        var checks = new ProgramChecks();
        var failures = new List<string>();
        int checkedPrograms = 0;
        int outOfRange = 0;
        int singular = 0;
        for (int i = 0; i < count; i++)
        {
            ProgramCase c = ProgramCase.From(seed + i);
            double scale = ProgramChecks.Scale(c.Program, c.X);
            if (double.IsNaN(scale))
            {
                outOfRange++;
                continue;
            }

            if (c.Program.ReachesSingularity(c.X))
            {
                singular++;
                continue;
            }

            checkedPrograms++;
            string? failure = Run(checks, c, c.Program, scale);
            if (failure is not null && failures.Count < 5)
            {
                failures.Add(Report(c, failure));
            }
        }

        TestContext.Out.WriteLine($"{checkedPrograms} random programs checked from seed {seed}; of {count} drawn, {outOfRange} left the range and {singular} hit ∛0 or atan2(0, 0) through exact cancellation (skipped); " +
            $"{checks.NumericalCompared} gradient entries compared with MathNet, {checks.NumericalSkipped} skipped as unreliable; " +
            $"{checks.DifferenceHvpSkipped} finite-difference HVP entries skipped as unreliable; {checks.NoiseLimited} HVP entries of exact routes within the measured rounding noise only; " +
            $"{checks.GlobalRefused} programs branch on x, so global sparsity detection refused them (checked in local mode).");
        foreach ((string check, double ratio) in checks.WorstRatio.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            TestContext.Out.WriteLine($"  worst {check}: {ratio:G3} of its tolerance");
        }

        failures.ShouldBeEmpty(string.Join("\n\n", failures));

        // The run must mean something: most programs stay in range, and most gradients meet MathNet (a run of a
        // few programs, to reproduce one seed, is exempt).
        if (count < 100)
        {
            return;
        }

        outOfRange.ShouldBeLessThanOrEqualTo(count / 4, "too many programs left the range: the generator no longer keeps inputs in domain");
        checks.NumericalCompared.ShouldBeGreaterThanOrEqualTo(3 * checks.NumericalSkipped, "finite differences were unreliable too often to compare");
    }

    [Test]
    public void Check_FunctionWhoseReverseModeIsWrong_IsCaughtAndShrunk()
    {
        // the mutant's reverse-mode slope is off by 0.001: the JVP check sees ∇f·v differ from the forward tangent
        var mutant = new Mutant();
        var checks = new ProgramChecks();
        double[] x = [0.5, -0.25, 1.0, 0.75];
        string? failure = checks.Check(mutant, Mutant.ScaleAt(x), x, [1, 0.5, -1, 0.25], [0.5, 1, 0.25, -1], [1, -1, 0.5]);
        failure.ShouldNotBeNull().ShouldStartWith("jvp");
    }

    [Test]
    public void Check_Atan2OfOneInputTwiceNearZero_PassesWithinTheRoundingOfEitherRoute()
    {
        // atan2(x, x) = π/4: its second partials ∓1/(2x²) ≈ ∓10⁶ cancel bit for bit in forward-over-reverse, while
        // the Hessian operator's formulas leave 2⁻³² (seed 7135503); the operator's own noise a few ulps away bounds it
        var program = new RandomProgram(1, 1, [new Instruction(Kind.Atan2, 0, 0, -1, 1)]);
        double[] x = [0.0007098345089282532];
        var checks = new ProgramChecks();
        checks.Check(program, ProgramChecks.Scale(program, x), x, [0.8291927351752262], [0.8820063154595001], [0.17887568435579326]).ShouldBeNull();
    }

    [Test]
    public void Check_HugeCancellingPartialsOnOneAdjoint_PassesWithinTheRoundingOfEitherRoute()
    {
        // atan2(x, x) is constant, but near x = 0 its partials ±1/(2x) reach the adjoint of x one after the other:
        // forward-over-reverse adds the hypot term to one of them first and loses its last digits, forward-over-forward
        // cancels them before; nudging x keeps that pattern, stretching the direction does not (seed 17219957)
        var program = new RandomProgram(1, 3, [new Instruction(Kind.Atan2, 0, 0, -1, 1), new Instruction(Kind.Hypot, 1, 0, -1, 1)]);
        double[] x = [-1.6224570579925768E-05];
        var checks = new ProgramChecks();
        checks.Check(program, ProgramChecks.Scale(program, x), x, [0.540348667437373], [0.2590750089190319], [-0.8277297987731778, -0.014311549726087391, 0.23809363471255351]).ShouldBeNull();
    }

    [Test]
    public void Check_SmallTermBetweenCancellingPartials_PassesWithinTheirRounding()
    {
        // hypot(atan2(x, x), x²): forward-over-reverse adds hypot's 3.6e-10 to x's adjoint between atan2's partials
        // of ∓10⁹ and returns exactly 0, forward-over-forward cancels them first and keeps it (seed 17219957, shrunk
        // the second time)
        var program = new RandomProgram(1, 3, [new Instruction(Kind.Atan2, 0, 0, -1, 1), new Instruction(Kind.Multiply, 0, 0, -1, 1), new Instruction(Kind.Hypot, 1, 2, -1, 1)]);
        double[] x = [-1.6224570579925768E-05];
        var checks = new ProgramChecks();
        checks.Check(program, ProgramChecks.Scale(program, x), x, [0.540348667437373], [0.2590750089190319], [-0.8277297987731778, -0.014311549726087391, 0.23809363471255351]).ShouldBeNull();
    }

    [Test]
    public void Check_SecondDerivativeOverflowingInTwoRoutes_PassesWhetherInfinityOrNaN()
    {
        // log(erfc(r)) where erfc(r) is subnormal: the second derivative divides by erfc(r)² = 0, which one route
        // reaches as −∞ and another through ∞ − ∞ as NaN (seed 17264852)
        var program = new RandomProgram(2, 3, [
            new Instruction(Kind.KernelMatrix, 1, 1, 1, -0.75),
            new Instruction(Kind.Erfc, 2, -1, -1, 1),
            new Instruction(Kind.GuardedLog, 3, -1, -1, 1),
        ]);
        double[] x = [-0.7082267509346021, 1.252773562098282];
        var checks = new ProgramChecks();
        checks.Check(program, ProgramChecks.Scale(program, x), x, [0.15624597349960645, 0.7034285821502231], [0.9614834803908521, -0.2878014581686824], [0.5819477362474184, -0.055448703028004975, 0.38625249051780086]).ShouldBeNull();
    }

    [Test]
    public void Check_SecondDerivativeOverflowingAtAnIntermediate_PassesWhereOneRouteMeetsInfinity()
    {
        // ∛r of r = Φ(−33.6) ≈ 10⁻²⁴⁷, then squared and through ln B: ∛'' is 10⁴¹⁰ there; forward-over-reverse meets
        // it as −∞, reverse-over-forward and reverse-over-reverse multiply by the tiny tangents first (seed 19171722)
        var c = ProgramCase.From(19171722);
        var checks = new ProgramChecks();
        checks.Check(c.Program, ProgramChecks.Scale(c.Program, c.X), c.X, c.V, c.W, c.U).ShouldBeNull();
    }

    [Test]
    public void Shrink_FailureNeedingOneKind_LeavesOneInstructionAndPrintsCSharp()
    {
        // "fails" whenever a Sin reads input 0: everything else is dropped.
        var program = new RandomProgram(2, 1, [
            new Instruction(Kind.Exp, 1, -1, -1, 2),
            new Instruction(Kind.Sin, 0, -1, -1, 2),
            new Instruction(Kind.Add, 3, 2, -1, 2),
            new Instruction(Kind.Branch, 4, -1, 3, 0.5, Kind.Sqrt, Kind.Cube),
        ]);
        RandomProgram shrunk = ProgramGenerator.Shrink(program, p => p.Code.Any(s => s.Kind == Kind.Sin && s.A == 0));
        shrunk.Code.Count.ShouldBe(1);
        shrunk.ToCSharp().ShouldContain("T r2 = T.Sin(x[0]);");
        shrunk.ToCSharp().ShouldContain("return r2;");
    }

    [Test]
    public void ToCSharp_BranchAndConstants_PrintsTheProgramItRuns()
    {
        var program = new RandomProgram(1, 1, [
            new Instruction(Kind.Sqrt, 0, -1, -1, -0.75),
            new Instruction(Kind.Branch, 1, -1, 0, 1.5, Kind.Square, Kind.Exp),
        ]);
        string code = program.ToCSharp();
        code.ShouldContain("T r1 = T.Sqrt(C(0.75) + x[0] * x[0]);");
        code.ShouldContain("T r2 = r1 < C(1.5) ? x[0] * x[0] : T.Exp(x[0]);");

        // at x = 0.5: r1 = √(0.75 + 0.25) = 1 < 1.5, so r2 = x² = 0.25; at x = 2: r1 = √4.75 ≥ 1.5, so r2 = e²
        program.Evaluate<double>([0.5]).ShouldBe(0.25);
        program.Evaluate<double>([2.0]).ShouldBe(Math.Exp(2));
    }

    [Test]
    public void Generator_ThousandPrograms_UseEveryKind()
    {
        var used = new HashSet<Kind>();
        for (int i = 0; i < 1000; i++)
        {
            foreach (Instruction s in ProgramCase.From(DefaultSeed + i).Program.Code)
            {
                used.Add(s.Kind);
                if (s.Kind == Kind.Branch)
                {
                    used.Add(s.Then);
                    used.Add(s.Else);
                }
            }
        }

        Enum.GetValues<Kind>().Except(used).ShouldBeEmpty();
    }

    [Test]
    public void Drop_MiddleInstruction_RenumbersLaterReads()
    {
        var program = new RandomProgram(1, 1, [
            new Instruction(Kind.Sin, 0, -1, -1, 1),
            new Instruction(Kind.Exp, 1, -1, -1, 1),
            new Instruction(Kind.Multiply, 2, 1, -1, 1),
        ]);

        // dropping r2 = exp(r1): its readers read r1 instead, and r3 becomes r2
        RandomProgram dropped = ProgramGenerator.Drop(program, 1);
        dropped.Code[1].ShouldBe(new Instruction(Kind.Multiply, 1, 1, -1, 1));
        dropped.Evaluate<double>([0.5]).ShouldBe(Math.Sin(0.5) * Math.Sin(0.5));
    }

    private static string? Run(ProgramChecks checks, ProgramCase c, RandomProgram program, double scale)
    {
        try
        {
            return checks.Check(program, scale, c.X, c.V, c.W, c.U[..program.OutputCount]);
        }
#pragma warning disable CA1031 // an exception from the library is a failure to report, not to crash the run
        catch (Exception e)
#pragma warning restore CA1031
        {
            return $"exception: {e.GetType().Name}: {e.Message}";
        }
    }

    /// <summary>Shrinks the failing program while the same check fails at the same point, and prints it.</summary>
    private static string Report(ProgramCase c, string failure)
    {
        // a checker of its own, so the shrinking's many runs do not count in the run's statistics
        var checks = new ProgramChecks();
        string check = failure[..failure.IndexOf(':', StringComparison.Ordinal)];
        bool SameFailure(RandomProgram p)
        {
            double scale = ProgramChecks.Scale(p, c.X);
            return !double.IsNaN(scale) && !p.ReachesSingularity(c.X) && Run(checks, c, p, scale) is string f && f.StartsWith(check + ":", StringComparison.Ordinal);
        }

        RandomProgram shrunk = ProgramGenerator.Shrink(c.Program, SameFailure);
        string shrunkFailure = Run(checks, c, shrunk, ProgramChecks.Scale(shrunk, c.X)) ?? failure;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Random program with seed {c.Seed} failed: {failure}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Shrunk from {c.Program.Code.Count} to {shrunk.Code.Count} instructions, failing with: {shrunkFailure}");
        text.AppendLine(shrunk.ToCSharp());
        text.AppendLine(CultureInfo.InvariantCulture, $"// x = {Array(c.X)}; v = {Array(c.V)}; w = {Array(c.W)}; u = {Array(c.U[..shrunk.OutputCount])}");
        return text.ToString();
    }

    private static string Array(double[] a) => "[" + string.Join(", ", a.Select(d => d.ToString("R", CultureInfo.InvariantCulture))) + "]";

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : fallback;

    /// <summary>√(1+x₀²) with the same value in every mode, but a derivative 0.001 too large in <c>Var&lt;double&gt;</c>
    /// (it adds 0.001·(x₀ − x₀ as a constant)), to show the checks can fail.</summary>
    private sealed class Mutant : IScalarFunction, IVectorFunction
    {
        public static double ScaleAt(double[] x) => Math.Max(1, Math.Sqrt(1 + x[0] * x[0]));

        public int OutputLength(int inputLength) => 1;

        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            T y = T.Sqrt(T.One + x[0] * x[0]);
            if (x[0] is Var<double> variable)
            {
                T constant = (T)(object)(Var<double>)variable.Value;
                y += T.CreateChecked(0.001) * (x[0] - constant);
            }

            return y;
        }

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T> => y[0] = Evaluate(x);
    }
}

/// <summary>One random program with its random point x, directions v and w, and output seed u, from one seed.</summary>
/// <param name="Seed">The seed everything was drawn from.</param>
/// <param name="Program">The program.</param>
/// <param name="X">The point, in [−2, 2]ⁿ.</param>
/// <param name="V">A direction, in [−1, 1]ⁿ.</param>
/// <param name="W">A second direction, in [−1, 1]ⁿ.</param>
/// <param name="U">An output seed, in [−1, 1]ᵐ.</param>
public sealed record ProgramCase(int Seed, RandomProgram Program, double[] X, double[] V, double[] W, double[] U)
{
    /// <summary>The case drawn from <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>The case.</returns>
    public static ProgramCase From(int seed)
    {
        var random = new Random(seed);
        RandomProgram program = ProgramGenerator.Program(random);
        int n = program.Inputs;
        return new ProgramCase(seed, program, ProgramGenerator.Vector(random, n, 2), ProgramGenerator.Vector(random, n, 1),
            ProgramGenerator.Vector(random, n, 1), ProgramGenerator.Vector(random, program.Outputs, 1));
    }
}
