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
        _zeroAdjoints = 0;
        _carriesPending = false;
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

    /// <summary>What <see cref="Sweep(int, SweepKind)"/> runs over the records between special records.</summary>
    private enum SweepKind
    {
        /// <summary>The backward sweep over the records (<see cref="SweepRecords"/>).</summary>
        Records,

        /// <summary>The backward sweep over the replay program (<see cref="SweepProgram"/>), every slot zeroed as read.</summary>
        Program,

        /// <summary>The carried contributions put back into their slots after a sweep (<see cref="RestoreCarries"/>).</summary>
        Carries,
    }

    /// <summary>The backward sweep from <paramref name="top"/> down: the records between special records (n-ary
    /// operations and vector rules, <see cref="Special"/>) go through the two-operand loop, each special record
    /// through its own step, so the common records pay nothing for the general ones.</summary>
    private void Sweep(int top, SweepKind kind = SweepKind.Records)
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
            SweepRun(top, bottom, kind);
            if (kind == SweepKind.Records && _deferredBlocks > 0 && !_specials[s].IsKernel)
            {
                AllLive();
            }

            if (kind != SweepKind.Carries)
            {
                SweepSpecial(in _specials[s]);
            }

            if (kind == SweepKind.Program)
            {
                _adjoints[record] = T.Zero;
            }

            top = record - 1;
        }

        // Records 1 … _leadingVariables are variables: they pass nothing on, so the sweep ends above them.
        SweepRun(top, _leadingVariables, kind);
        _carriesPending = kind == SweepKind.Records && !s_sweepIsRecorded;
    }

    private void SweepRun(int top, int bottom, SweepKind kind)
    {
        switch (kind)
        {
            case SweepKind.Records:
                LiveForRecords(top, bottom);
                SweepRecords(top, bottom);
                break;
            case SweepKind.Program:
                SweepProgram(top, bottom);
                break;
            default:
                RestoreCarries(top, bottom);
                break;
        }
    }

    /// <summary>Puts back into their slots the contributions <see cref="SweepRecords"/> carried in a register, once,
    /// before an adjoint above the inputs is read (the facades read only the inputs', which the sweep completes).</summary>
    private void RestoreCarriesIfPending()
    {
        if (_carriesPending)
        {
            Sweep(_swept, SweepKind.Carries);
            _carriesPending = false;
        }
    }

    /// <summary>For each record from <paramref name="top"/> down whose last contribution went to the record just below
    /// it through the sweep's carry, that contribution added to its slot: the same product and the same sum the sweep
    /// made, so each slot ends with the adjoint the sweep read, bit for bit.</summary>
    private void RestoreCarries(int top, int bottom)
    {
        // the record right above the bottom gave its carry to the bottom's slot already
        for (int i = top; i > bottom + 1; i--)
        {
            T g = _adjoints[i];
            ref Entry e = ref _entries[i];
            if (IsFiniteNonzero(g))
            {
                if (e.B == i - 1)
                {
                    _adjoints[i - 1] += e.Db * g;
                }
                else if (e.A == i - 1)
                {
                    _adjoints[i - 1] += e.Da * g;
                }
            }
        }
    }

    /// <summary>ū_a += ∂/∂a · ū and ū_b += ∂/∂b · ū for every record from <paramref name="top"/> down to
    /// <paramref name="bottom"/> (exclusive).</summary>
    /// <remarks>A zero adjoint is skipped. With a finite adjoint of nonzero value the plain products equal the
    /// propagation products (0·∞ needs an infinite factor), so only an infinite or NaN adjoint, or a nested one
    /// whose value part is 0 but whose tangent is not, takes <see cref="Propagation.Scale{T}"/>, out of the loop.</remarks>
    private void SweepRecords(int top, int bottom)
    {
        // a sweep recorded on another tape carries nothing (a sum with a zero there would be one more record)
        T carry = T.Zero;
        while (top > bottom)
        {
            top = SweepFiniteRecords(top, bottom, ref carry);
            if (top > bottom)
            {
                // its slot lacks the carry, which RestoreCarries gives back as for any other record
                T g = s_sweepIsRecorded ? _adjoints[top] : _adjoints[top] + carry;
                carry = T.Zero;
                if (!Propagation.IsZero(g))
                {
                    PropagateNonFinite(ref _entries[top], g, ref MemoryMarshal.GetArrayDataReference(_adjoints));
                }

                top--;
            }
        }

        if (!s_sweepIsRecorded)
        {
            _adjoints[bottom] += carry;
        }
    }

    /// <summary>The records from <paramref name="top"/> down whose adjoint is finite and nonzero, down to
    /// <paramref name="bottom"/> (exclusive) or to the first other one, whose index it returns (unswept).</summary>
    /// <param name="top">The first record.</param>
    /// <param name="bottom">The record below the last.</param>
    /// <param name="carry">In: the contribution carried to <paramref name="top"/>; out: the one carried to the record
    /// returned.</param>
    /// <remarks>No call in the loop: one would make the JIT keep the carry and the loop's state on the stack around it
    /// (the System V ABI has no callee-saved vector registers), a store and a reload on the adjoint chain.</remarks>
    private int SweepFiniteRecords(int top, int bottom, ref T carry)
    {
        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref T adjoints = ref MemoryMarshal.GetArrayDataReference(_adjoints);
        T carried = carry;
        int i = top;
        for (; i > bottom; i--)
        {
            // a slot is never −0, so adding a zero carry changes no bit
            T g = s_sweepIsRecorded ? Unsafe.Add(ref adjoints, i) : Unsafe.Add(ref adjoints, i) + carried;
            if (!IsFiniteNonzero(g))
            {
                break;
            }

            carried = T.Zero;
            ref Entry e = ref Unsafe.Add(ref entries, i);
            if (s_sweepIsRecorded)
            {
                AddRecorded(ref Unsafe.Add(ref adjoints, e.A), e.Da, g);
                if (!Propagation.IsZero(e.Db))
                {
                    AddRecorded(ref Unsafe.Add(ref adjoints, e.B), e.Db, g);
                }

                continue;
            }

            // The last contribution to the record just below (the most common link of the adjoint chain) stays in a
            // register, added when the loop gets there: no store and reload through its slot. The slots so left short
            // get it back from RestoreCarries before one is read (the inputs' never are short).
            T ca = e.Da * g;
            if (e.B == i - 1)
            {
                Unsafe.Add(ref adjoints, e.A) += ca;
                carried = e.Db * g;
                continue;
            }

            if (e.A == i - 1)
            {
                carried = ca;
            }
            else
            {
                Unsafe.Add(ref adjoints, e.A) += ca;
            }

            // A unary record's second operand is the record itself (no operation has itself as an operand), with
            // partial 0: for a nested T, whose product costs several, that product is skipped by the index, an
            // integer compare (testing the partial for zero in every part cost as much as the product).
            if (s_isPrimitive || e.B != i)
            {
                Unsafe.Add(ref adjoints, e.B) += e.Db * g;
            }
        }

        carry = carried;
        return i;
    }

    /// <summary>Whether the value of <paramref name="g"/> is finite and not zero.</summary>
    /// <remarks>For <c>double</c> one integer compare: the bits without the sign, less one, are below those of the
    /// largest finite value exactly when the value is finite and nonzero (two tests and three branches otherwise).
    /// The same for the value of a <c>Dual&lt;double&gt;</c> (its first field), which is all that
    /// <see cref="INumberBase{TSelf}.IsFinite"/> and <see cref="INumberBase{TSelf}.IsZero"/> test of it.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsFiniteNonzero(T g)
    {
        if (typeof(T) == typeof(double) || typeof(T) == typeof(Dual<double>))
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
