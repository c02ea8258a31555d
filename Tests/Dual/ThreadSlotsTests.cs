using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Dual;

/// <summary>The per-thread slots that hold the facades' pools (<see cref="ThreadSlots"/>): the first slots are fields
/// of their own and later ones share an array, so both kinds are exercised, each slot keeps its own object, and
/// threads never see each other's.</summary>
public class ThreadSlotsTests
{
    [Test]
    public void SetThenGet_TwentySlots_EachKeepsItsOwnObject()
    {
        // more slots than the eight fields, so that the shared array is used too
        int[] slots = [.. Enumerable.Range(0, 20).Select(_ => ThreadSlots.NewSlot())];
        object[] values = [.. slots.Select(s => (object)$"slot {s}")];
        for (int k = 0; k < slots.Length; k++)
        {
            ThreadSlots.Set(slots[k], values[k]);
        }

        for (int k = 0; k < slots.Length; k++)
        {
            ThreadSlots.Get(slots[k]).ShouldBeSameAs(values[k]);
        }

        foreach (int s in slots)
        {
            ThreadSlots.Set(s, null);
            ThreadSlots.Get(s).ShouldBeNull();
        }
    }

    [Test]
    public void Get_OtherThread_SeesNothingSetHere()
    {
        int fresh = ThreadSlots.NewSlot();
        var mine = new object();
        ThreadSlots.Set(fresh, mine);
        object? seen = mine;
        var thread = new Thread(() => seen = ThreadSlots.Get(fresh));
        thread.Start();
        thread.Join();

        // a new thread starts with every slot empty
        seen.ShouldBeNull();
        ThreadSlots.Get(fresh).ShouldBeSameAs(mine);
        ThreadSlots.Set(fresh, null);
    }

    [Test]
    public void Jvp_ManyScalarTypesInOneProcess_EachUsesItsOwnPool()
    {
        // each scalar type takes slots of its own (seed pool, nesting count); interleaving types must not mix pools:
        // f = Σ xᵢ², J·v = Σ 2xᵢvᵢ; at x = (1, 2), v = (1, 1): f = 5, J·v = 6
        var f = new SumOfSquares();
        for (int round = 0; round < 3; round++)
        {
            Forward.Jvp<double>(f, [1, 2], [1, 1]).ShouldBe((5.0, 6.0));
            Forward.Jvp<float>(f, [1, 2], [1, 1]).ShouldBe((5f, 6f));
            Forward.Jvp<Half>(f, [(Half)1, (Half)2], [(Half)1, (Half)1]).ShouldBe(((Half)5, (Half)6));
            Forward.Jvp<Dual<double>>(f, [1.0, 2.0], [1.0, 1.0]).Tangent.Value.ShouldBe(6.0);
            Forward.Jvp<Dual<float>>(f, [1f, 2f], [1f, 1f]).Tangent.Value.ShouldBe(6f);
        }
    }

    private sealed class SumOfSquares : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : System.Numerics.IFloatingPointIeee754<T>
        {
            T sum = T.Zero;
            foreach (T xi in x)
            {
                sum += xi * xi;
            }

            return sum;
        }
    }
}
