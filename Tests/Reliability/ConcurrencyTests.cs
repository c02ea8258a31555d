using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Reliability;

/// <summary>
/// Many threads and <see cref="Parallel.For(int, int, Action{int})"/> differentiating different random programs at
/// once, in every mode and HVP route (some of them throwing half-way), give results bit for bit equal to a
/// single-threaded run; a variable carried to another thread fails clearly, also for the nested types.
/// </summary>
[TestFixture]
public class ConcurrencyTests
{
    private const int Threads = 4;

    private static readonly ProgramCase[] s_cases = ProgramJobs.Cases(48);

    [Test]
    public void ManyThreads_RandomProgramsEveryModeWithFaultsInterleaved_BitIdenticalToSingleThread()
    {
        double[][] expected = [.. s_cases.Select(ProgramJobs.Everything)];
        var failures = new List<string>();
        using var start = new Barrier(Threads);
        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int id = t;
            threads[t] = new Thread(() =>
            {
                start.SignalAndWait();
                for (int round = 0; round < 2 * s_cases.Length; round++)
                {
                    int k = ((id * 7) + round) % s_cases.Length;
                    string? failure = RunOne(k, expected[k], throwFirst: (round + id) % 5 == 0);
                    if (failure is not null)
                    {
                        lock (failures)
                        {
                            failures.Add($"thread {id}, round {round}: {failure}");
                        }
                    }
                }
            });
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        failures.ShouldBeEmpty();
    }

    [Test]
    public void ParallelFor_RandomProgramsEveryMode_BitIdenticalToSingleThread()
    {
        double[][] expected = [.. s_cases.Select(ProgramJobs.Everything)];
        var failures = new string?[s_cases.Length * 4];

        Parallel.For(0, failures.Length, i => failures[i] = RunOne(i % s_cases.Length, expected[i % s_cases.Length], throwFirst: i % 3 == 0));

        failures.Where(f => f is not null).ShouldBeEmpty();
    }

    [Test]
    public void VarOfDualCarriedToAnotherThread_Arithmetic_ThrowsClearly()
    {
        // the forward-over-reverse variable of one thread's recording, used on another thread with and without
        // a recording of its own: both refuse, naming the cause
        var tape = new Tape<Dual<double>>();
        using (tape.Record())
        {
            Var<Dual<double>> x = tape.Variable(new Dual<double>(2, 1));
            Exception? bare = null;
            Exception? busy = null;
            var other = new Thread(() =>
            {
                bare = Catch(() => x * x);
                var own = new Tape<Dual<double>>();
                using (own.Record())
                {
                    Var<Dual<double>> y = own.Variable(new Dual<double>(3, 0));
                    busy = Catch(() => x * y);
                }
            });
            other.Start();
            other.Join();

            bare.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("another thread");
            busy.ShouldBeOfType<InvalidOperationException>().Message.ShouldContain("different recordings");

            // the owner thread's recording is untouched: d/dx x² = 2x = 4 at 2, and its tangent 2·1 = 2
            Var<Dual<double>> square = x * x;
            tape.Backward(square);
            tape.Adjoint(x).ShouldBe(new Dual<double>(4, 2));
        }
    }

    /// <summary>Optionally a throwing run first (the fault must reach us as is), then the full job, compared bit for bit.</summary>
    private static string? RunOne(int k, double[] expected, bool throwFirst)
    {
        ProgramCase c = s_cases[k];
        if (throwFirst)
        {
            var faulty = new ThrowingProgram(c.Program, c.Program.Code.Count / 2);
            if (Catch(() => Reverse.Gradient<double>(faulty, c.X)) is not UserFaultException
                || Catch(() => global::DualAutodiff.Hvp.Compute(faulty, c.X, c.V)) is not UserFaultException)
            {
                return $"program {k}: the user's exception did not come through";
            }
        }

        double[] actual = ProgramJobs.Everything(c);
        return ProgramJobs.SameBits(actual, expected) && ProgramJobs.NoTapeActive() ? null : $"program {k} (seed {c.Seed}) differs";
    }

    private static Exception? Catch(Func<object> action)
    {
        try
        {
            action();
            return null;
        }
#pragma warning disable CA1031 // the test inspects whatever was thrown
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
    }
}
