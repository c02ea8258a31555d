using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary>Each thread records on its own pooled tape: many threads (and Parallel.For) differentiating different
/// functions at once give results bit for bit equal to single-threaded runs.</summary>
[TestFixture]
public class ThreadingTests
{
    private const int Threads = 8;
    private const int Rounds = 40;

    private static readonly Func<double[]>[] s_jobs = Jobs();

    [Test]
    public void ManyThreads_DifferentFunctionsAtOnce_BitIdenticalToSingleThread()
    {
        double[][] expected = [.. s_jobs.Select(job => job())];
        var failures = new List<string>();
        using var start = new Barrier(Threads);
        var threads = new Thread[Threads];
        for (int t = 0; t < Threads; t++)
        {
            int id = t;
            threads[t] = new Thread(() =>
            {
                start.SignalAndWait();
                for (int round = 0; round < Rounds; round++)
                {
                    int k = (id + round) % s_jobs.Length;
                    double[] actual = s_jobs[k]();
                    if (!SameBits(actual, expected[k]))
                    {
                        lock (failures)
                        {
                            failures.Add($"thread {id}, round {round}, job {k}");
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
    public void ParallelFor_DifferentFunctions_BitIdenticalToSingleThread()
    {
        double[][] expected = [.. s_jobs.Select(job => job())];
        var actual = new double[s_jobs.Length * 16][];

        Parallel.For(0, actual.Length, i => actual[i] = s_jobs[i % s_jobs.Length]());

        for (int i = 0; i < actual.Length; i++)
        {
            SameBits(actual[i], expected[i % s_jobs.Length]).ShouldBeTrue($"job {i % s_jobs.Length} at index {i}");
        }
    }

    /// <summary>Gradients, Jacobians (flattened), VJPs and a reverse-over-reverse H·v, so that tapes of several
    /// types and sizes are in use on every thread.</summary>
    private static Func<double[]>[] Jobs()
    {
        var jobs = new List<Func<double[]>>();
        foreach ((string _, IScalarFunction f, double[] x) in TestFunctions.Scalar())
        {
            jobs.Add(() => Reverse.Gradient(f, x));
            jobs.Add(() => Reverse.Gradient<double>(
                v => Dot(Reverse.Gradient(f, v), [.. x.Select(xi => (Var<double>)xi)]),
                x));
        }

        foreach ((string _, IVectorFunction f, double[] x) in TestFunctions.Vector())
        {
            jobs.Add(() => [.. Reverse.Jacobian(f, x).Cast<double>()]);
            jobs.Add(() => Reverse.Vjp(TestFunctions.Delegate<double>(f, x.Length), x, [.. Enumerable.Repeat(0.5, f.OutputLength(x.Length))]).Vjp);
        }

        jobs.Add(Imperative);
        double[] big = [.. Enumerable.Range(0, 500).Select(i => 1 + 0.001 * i)];
        jobs.Add(() => Reverse.Gradient(new TestFunctions.Rosenbrock(), big));
        return [.. jobs];
    }

    /// <summary>The imperative API on a tape of the job's own: a VJP of (x₀x₁, sin x₀ / x₁).</summary>
    private static double[] Imperative()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> a = tape.Variable(0.8);
            Var<double> b = tape.Variable(1.7);
            tape.Backward([a * b, Var<double>.Sin(a) / b], [2.0, -3.0]);
            return [tape.Adjoint(a), tape.Adjoint(b)];
        }
    }

    private static Var<double> Dot(Var<double>[] a, Var<double>[] b)
    {
        Var<double> sum = 0.0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static bool SameBits(double[] a, double[] b) =>
        a.Length == b.Length && a.Zip(b).All(p => BitConverter.DoubleToInt64Bits(p.First) == BitConverter.DoubleToInt64Bits(p.Second));
}
