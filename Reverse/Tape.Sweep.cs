using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // The backward sweep
    //

    private void PrepareAdjoints()
    {
        if (_adjoints.Length < _count)
        {
            _adjoints = new T[_entries.Length];
        }
        else
        {
            // all but the large kernels' outputs, cleared as they are first written (Tape.KernelAdjoints.cs)
            ClearAdjoints();
        }
    }

    /// <summary>The backward sweep from <paramref name="top"/> down: the records between special records (n-ary
    /// operations and vector rules, <see cref="Special"/>) go through the two-operand loop, each special record
    /// through its own step, so the common records pay nothing for the general ones.</summary>
    private void Sweep(int top)
    {
        int s = _specialCount;
        while (s > 0 && _specials[s - 1].Record > top)
        {
            s--;
        }

        while (s > 0)
        {
            s--;
            int record = _specials[s].Record;

            // a kernel's outputs (the records right after it) pass nothing on: the sweep steps over them
            int bottom = _specials[s].IsKernel ? record + _specials[s].Outputs : record;
            LiveForRecords(top, bottom);
            SweepRecords(top, bottom);
            if (_deferredBlocks > 0 && !_specials[s].IsKernel)
            {
                AllLive();
            }

            SweepSpecial(in _specials[s]);
            top = record - 1;
        }

        // Records 1 … _leadingVariables are variables: they pass nothing on, so the sweep ends above them.
        LiveForRecords(top, _leadingVariables);
        SweepRecords(top, _leadingVariables);
    }

    /// <summary>ū_a += ∂/∂a · ū and ū_b += ∂/∂b · ū for every record from <paramref name="top"/> down to
    /// <paramref name="bottom"/> (exclusive).</summary>
    /// <remarks>A zero adjoint is skipped. With a finite adjoint of nonzero value the plain products equal the
    /// propagation products (0·∞ needs an infinite factor), so only an infinite or NaN adjoint, or a nested one
    /// whose value part is 0 but whose tangent is not, takes <see cref="Propagation.Scale{T}"/>, out of line.</remarks>
    private void SweepRecords(int top, int bottom)
    {
        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref T adjoints = ref MemoryMarshal.GetArrayDataReference(_adjoints);
        for (int i = top; i > bottom; i--)
        {
            T g = Unsafe.Add(ref adjoints, i);
            ref Entry e = ref Unsafe.Add(ref entries, i);

            // The common case first: a finite adjoint whose value is nonzero cannot meet 0·∞ in these products.
            if (IsFiniteNonzero(g))
            {
                if (s_sweepIsRecorded)
                {
                    AddRecorded(ref Unsafe.Add(ref adjoints, e.A), e.Da, g);
                    if (!Propagation.IsZero(e.Db))
                    {
                        AddRecorded(ref Unsafe.Add(ref adjoints, e.B), e.Db, g);
                    }

                    continue;
                }

                Unsafe.Add(ref adjoints, e.A) += e.Da * g;

                // A unary record's second operand is the record itself (no operation has itself as an operand), with
                // partial 0: for a nested T, whose product costs several, that product is skipped by the index, an
                // integer compare (testing the partial for zero in every part cost as much as the product).
                if (s_isPrimitive || e.B != i)
                {
                    Unsafe.Add(ref adjoints, e.B) += e.Db * g;
                }
            }
            else if (!Propagation.IsZero(g))
            {
                // Infinite or NaN, or (nested) a zero value with a nonzero tangent: propagation products.
                PropagateNonFinite(ref e, g, ref adjoints);
            }
        }
    }

    /// <summary>Whether the value of <paramref name="g"/> is finite and not zero.</summary>
    /// <remarks>For <c>double</c> one integer compare: the bits without the sign, less one, are below those of the
    /// largest finite value exactly when the value is finite and nonzero (two tests and three branches otherwise).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsFiniteNonzero(T g)
    {
        if (typeof(T) == typeof(double))
        {
            ulong doubled = BitConverter.DoubleToUInt64Bits(Unsafe.As<T, double>(ref g)) << 1;
            return doubled - 1 < 0xFFDF_FFFF_FFFF_FFFFUL;
        }

        return T.IsFinite(g) && !T.IsZero(g);
    }

    /// <summary>ū += ∂·g when the sweep itself is recorded (<typeparamref name="T"/> is a <c>Var</c>), where every
    /// product and sum is a record of the outer tape: a constant unit partial needs no product and a first
    /// contribution (a constant zero adjoint) needs no sum, so the recorded gradient (reverse-over-reverse, a
    /// <c>HessianOperator</c>) is smaller and its sweeps faster.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRecorded(ref T adjoint, T partial, T g)
    {
        T product = partial.Equals(T.One) ? g : partial * g;
        adjoint = Propagation.IsZero(adjoint) ? product : adjoint + product;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PropagateNonFinite(ref Entry e, T g, ref T adjoints)
    {
        Unsafe.Add(ref adjoints, e.A) += Propagation.Scale(e.Da, g);
        Unsafe.Add(ref adjoints, e.B) += Propagation.Scale(e.Db, g);
    }
}
