using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ReverseMode;

/// <summary>The recording fast path finds its tape in a table of published recordings shared by all threads, checked
/// against the recording thread's stack bounds; every way off it (a shared slot, a second thread, an inner tape, a
/// reset) must give the same numbers and the same exceptions as the thread-static path.</summary>
[TestFixture]
public class PublishedTapeTests
{
    [Test]
    public void RecordingsOpenAtOnce_MoreThanTheSlots_EachGradientExact()
    {
        // 80 recordings open together on 80 threads: at least 16 share one of the 64 slots with another
        const int threads = 80;
        using var opened = new Barrier(threads);
        var results = new double[threads][];
        var workers = new Thread[threads];
        for (int t = 0; t < threads; t++)
        {
            int id = t;
            workers[t] = new Thread(() => results[id] = RecordWhileOthersRecord(id, opened), 256 * 1024);
            workers[t].Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        for (int id = 0; id < threads; id++)
        {
            // f = x²y + 200·x·y at x = 1 + id, y = 2: ∂f/∂x = 2xy + 200y = 4x + 400, ∂f/∂y = x² + 200x (all exact)
            double x = 1 + id;
            results[id].ShouldBe([(4 * x) + 400, (x * x) + (200 * x)], $"thread {id}");
        }
    }

    [Test]
    public void UserTape_RecordedOnTwoThreadsInTurn_ExactOnBoth()
    {
        var tape = new Tape<double>();

        // d/dx x³ at 3 = 27, here, on another thread, and here again
        Cube(tape).ShouldBe(27.0);
        double there = 0;
        var thread = new Thread(() => there = Cube(tape));
        thread.Start();
        thread.Join();
        there.ShouldBe(27.0);
        Cube(tape).ShouldBe(27.0);
    }

    [Test]
    public void UserTapeMovedToAnotherThread_VarCarriedBackToTheFirst_ThrowsClearly()
    {
        // the tape was first published here, then records on another thread, whose variable comes back here while
        // that recording is open: this thread's stack is the one the tape first knew, and it must still be refused
        var tape = new Tape<double>();
        Cube(tape).ShouldBe(27.0);
        using var handOver = new Barrier(2);
        Var<double> carried = default;
        var thread = new Thread(() =>
        {
            using (tape.Record())
            {
                carried = tape.Variable(2.0);
                handOver.SignalAndWait();
                handOver.SignalAndWait();
            }
        });
        thread.Start();
        handOver.SignalAndWait();
        Exception? caught = null;
        try
        {
            _ = carried * carried;
        }
        catch (InvalidOperationException e)
        {
            caught = e;
        }

        handOver.SignalAndWait();
        thread.Join();
        caught.ShouldNotBeNull().Message.ShouldContain("another thread");
    }

    [Test]
    public void OuterTape_AfterAnInnerTapeOfTheSameTypeEnds_RecordsOnTheOuterAgain()
    {
        var outer = new Tape<double>();
        var inner = new Tape<double>();
        using (outer.Record())
        {
            Var<double> x = outer.Variable(2.0);
            Var<double> square = x * x;
            using (inner.Record())
            {
                // d/dy y² at 5 = 10 on the inner tape; the outer variable is refused while the inner one records
                Var<double> y = inner.Variable(5.0);
                inner.Backward(y * y);
                inner.Adjoint(y).ShouldBe(10.0);
                Should.Throw<InvalidOperationException>(() => x * x);
            }

            // d/dx x³ at 2 = 12 on the outer tape
            outer.Backward(square * x);
            outer.Adjoint(x).ShouldBe(12.0);
        }
    }

    [Test]
    public void Reset_WhileRecording_OldVariableThrowsAndNewOnesRecord()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> old = tape.Variable(1.0);
            tape.Reset();
            Should.Throw<InvalidOperationException>(() => old * old);

            // d/dy y² at 3 = 6
            Var<double> y = tape.Variable(3.0);
            tape.Backward(y * y);
            tape.Adjoint(y).ShouldBe(6.0);
        }
    }

    [Test]
    public void ThreadStack_OnEveryKindOfThread_ContainsTheCaller()
    {
        CheckStack();
        var thread = new Thread(CheckStack, 256 * 1024);
        thread.Start();
        thread.Join();
        Task.Run(CheckStack).GetAwaiter().GetResult();
    }

    private static void CheckStack()
    {
        ThreadStack stack = ThreadStack.Current;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsWindows() || OperatingSystem.IsMacOS())
        {
            stack.Size.ShouldBeGreaterThan(0u);
        }

        (ThreadStack.Here() - stack.Low < stack.Size).ShouldBe(stack.Size != 0);
    }

    private static double[] RecordWhileOthersRecord(int id, Barrier opened)
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> x = tape.Variable(1.0 + id);
            Var<double> y = tape.Variable(2.0);
            Var<double> f = x * x * y;
            opened.SignalAndWait();
            for (int k = 0; k < 200; k++)
            {
                f += x * y;
            }

            tape.Backward(f);
            return [tape.Adjoint(x), tape.Adjoint(y)];
        }
    }

    private static double Cube(Tape<double> tape)
    {
        using (tape.Record())
        {
            Var<double> x = tape.Variable(3.0);
            tape.Backward(x * x * x);
            return tape.Adjoint(x);
        }
    }
}
