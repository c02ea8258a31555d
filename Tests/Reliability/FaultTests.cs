using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Reliability;

/// <summary>
/// An exception thrown by the user's function at any point (before the first operation, after each instruction,
/// inside a nested inner derivative, inside every HVP route and a Hessian) reaches the caller unchanged, leaves no
/// tape active on the thread, and the next call on the same thread is bit for bit what it was before.
/// </summary>
[TestFixture]
public class FaultTests
{
    private static readonly ProgramCase[] s_cases = ProgramJobs.Cases(12);

    /// <summary>Every way the library runs a user's function.</summary>
    public enum Mode
    {
        Gradient, Jvp, ForwardJacobian, ReverseJacobian, Vjp,
        ForwardOverReverse, ReverseOverForward, ReverseOverReverse, FiniteDifferenceHvp, Hessian,
        InsideNestedReverseDerivative, InsideNestedForwardDerivative,
    }

    [Test]
    public void UserFunction_ThrowsAfterEveryInstructionInEveryMode_TapesCleanAndNextCallBitIdentical([Values] Mode mode)
    {
        int faults = 0;
        foreach (ProgramCase c in s_cases)
        {
            double[] before = ProgramJobs.Everything(c);
            for (int after = 0; after <= c.Program.Code.Count; after++)
            {
                var faulty = new ThrowingProgram(c.Program, after);
                Should.Throw<UserFaultException>(() => Run(mode, faulty, c), $"seed {c.Seed}, throwing after {after} instructions");
                ProgramJobs.NoTapeActive().ShouldBeTrue($"a tape stayed active: seed {c.Seed}, after {after}");
                faults++;
            }

            ProgramJobs.SameBits(ProgramJobs.Everything(c), before).ShouldBeTrue($"seed {c.Seed}: results changed after the faults");
        }

        faults.ShouldBeGreaterThan(s_cases.Length);
    }

    [Test]
    public void UserFunction_ThrowsInsideUserRecordingScope_OnlyTheLibrarysTapesAreCleaned()
    {
        // the caller's own recording stays active and usable: d/dx 3x² = 6x = 12 at 2
        ProgramCase c = s_cases[0];
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> x = tape.Variable(2.0);
            Should.Throw<UserFaultException>(() => global::DualAutodiff.Hvp.Compute(new ThrowingProgram(c.Program, 1), c.X, c.V, HvpMethod.ReverseOverReverse));
            Tape<double>.Active.ShouldBeSameAs(tape);
            tape.Backward(3.0 * x * x);
            tape.Adjoint(x).ShouldBe(12.0);
        }

        ProgramJobs.NoTapeActive().ShouldBeTrue();
    }

    private static void Run(Mode mode, ThrowingProgram f, ProgramCase c)
    {
        switch (mode)
        {
            case Mode.Gradient:
                Reverse.Gradient<double>((IScalarFunction)f, c.X);
                break;
            case Mode.Jvp:
                Forward.Jvp<double>((IScalarFunction)f, c.X, c.V);
                break;
            case Mode.ForwardJacobian:
                Forward.Jacobian<double>(f, c.X);
                break;
            case Mode.ReverseJacobian:
                Reverse.Jacobian<double>(f, c.X);
                break;
            case Mode.Vjp:
                Reverse.Vjp<double>(f, c.X, c.U[..c.Program.OutputCount]);
                break;
            case Mode.ForwardOverReverse:
            case Mode.ReverseOverForward:
            case Mode.ReverseOverReverse:
                global::DualAutodiff.Hvp.Compute(f, c.X, c.V, Enum.Parse<HvpMethod>(mode.ToString()));
                break;
            case Mode.FiniteDifferenceHvp:
                global::DualAutodiff.Hvp.Compute(f, c.X, c.V, HvpMethod.FiniteDifference);
                break;
            case Mode.Hessian:
                global::DualAutodiff.Hvp.Hessian(f, c.X);
                break;
            case Mode.InsideNestedReverseDerivative:
                // the outer derivative records on Tape<double>, the inner gradient on Tape<Var<double>>, which throws
                Reverse.Derivative<double>(t => t * Reverse.Gradient<Var<double>>(f, [.. c.X.Select(xi => (Var<double>)xi + t)])[0], 0.5);
                break;
            case Mode.InsideNestedForwardDerivative:
                Reverse.Derivative<double>(t => Forward.Jvp<Var<double>>((IScalarFunction)f, [.. c.X.Select(xi => (Var<double>)xi * t)], [.. c.V.Select(vi => (Var<double>)vi)]).Tangent, 0.5);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown mode.");
        }
    }
}
