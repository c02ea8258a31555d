using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

/// <summary>
/// f's recording at one point x kept as a second-order tape: per record its operands, its first partials ∂φ, and its
/// second partials weighted by its adjoint in ∇f(x), ā·∂²φ (ADOL-C's second-order adjoint data, computed once). Then
/// H(x)·v is two sweeps of multiply-adds and nothing else: forward ṫᵢ = ∂ₐφ·ṫₐ + ∂ᵦφ·ṫᵦ, backward
/// ā̇ₐ += ∂ₐφ·ā̇ᵢ + ā·(∂²ₐₐφ·ṫₐ + ∂²ₐᵦφ·ṫᵦ) (and so for b); ā̇ of the inputs is H·v, the tangent of the gradient
/// sweep along v. No rule is evaluated again, except those of the n-ary special records.
/// </summary>
/// <typeparam name="T">The scalar type.</typeparam>
/// <remarks>Built by <see cref="TryBuild"/> from a recording for replay at <c>Dual&lt;T&gt;</c>: its replay steps
/// name each record's rule, which, called at <c>Dual&lt;T&gt;</c> with a unit tangent on one operand, gives that
/// operand's column of ∂²φ (one source per derivative: the rules themselves). Products follow the 0·∞ = 0 rule.
/// Not thread-safe: its owner lets one thread at a time apply it.</remarks>
internal sealed class SecondOrderTape<T>
    where T : IFloatingPointIeee754<T>
{
    private readonly SpecialRecord[] _specials;
    private readonly SpecialArgument[] _arguments;
    private readonly int _n;
    private readonly int _top;
    private readonly int _slots;

    // Pooled (they are large and one is made per Newton step): given back by Release.
    private Link[] _links;
    private Curvature[] _curvatures;
    private T[] _tangents;
    private T[] _adjoints;

    private SecondOrderTape(Link[] links, Curvature[] curvatures, SpecialRecord[] specials, SpecialArgument[] arguments, int n, int top)
    {
        _links = links;
        _curvatures = curvatures;
        _specials = specials;
        _arguments = arguments;
        _n = n;
        _top = top;
        _slots = Math.Max(top, n) + 1;
        _tangents = ArrayPool<T>.Shared.Rent(_slots);
        _adjoints = ArrayPool<T>.Shared.Rent(_slots);
        Array.Clear(_adjoints, 0, _slots);

        // index 0 stands for a constant operand: its tangent is 0 for good
        _tangents[0] = T.Zero;
    }

    /// <summary>Gives the storage back to its pool; the tape must not be used afterwards.</summary>
    internal void Release()
    {
        ArrayPool<Link>.Shared.Return(_links);
        ArrayPool<Curvature>.Shared.Return(_curvatures);
        ArrayPool<T>.Shared.Return(_tangents);
        ArrayPool<T>.Shared.Return(_adjoints);
        _links = [];
        _curvatures = [];
        _tangents = [];
        _adjoints = [];
    }

    /// <summary>Builds the second-order tape of a finished recording for replay of f at x (inputs records 1 … n,
    /// output <paramref name="output"/>) and gives f(x) and ∇f(x), or returns null if the recording is not replayable
    /// (its records cannot all be recomputed from their rules: array kernels, vector rules, caller-given partials) or
    /// f takes another path at x (a guard of the replay fails: record f anew there).</summary>
    /// <param name="tape">The recording; replayed at <paramref name="x"/> for the values of every record.</param>
    /// <param name="x">The point: the recorded one or another.</param>
    /// <param name="output">f(x), a variable of the recording or a constant.</param>
    /// <param name="gradient">Receives ∇f(x), length n.</param>
    /// <param name="value">f(x).</param>
    /// <remarks>One pass from the output down computes each record's adjoint ā (the gradient sweep at
    /// <typeparamref name="T"/>, on the partials' values: their tangents are 0) and, with ā final when the pass
    /// reaches the record, its weighted second partials.</remarks>
    internal static SecondOrderTape<T>? TryBuild(Tape<Dual<T, Tangents1<T>>> tape, ReadOnlySpan<Dual<T, Tangents1<T>>> x, Var<Dual<T, Tangents1<T>>> output, Span<T> gradient, out T value)
    {
        int n = x.Length;
        value = T.Zero;
        if (tape.NotReplayable is not null || tape.LeadingVariables != n || !tape.Replay(x))
        {
            return null;
        }

        tape.WritePartials();

        value = tape.ReplayedValue(output).Value;
        int top = output.Recording != 0 ? output.Index : 0;
        ReadOnlySpan<Tape<Dual<T, Tangents1<T>>>.Entry> entries = tape.Entries;
        ReadOnlySpan<ReplayStep<Dual<T, Tangents1<T>>>> steps = tape.Steps;
        ReadOnlySpan<Dual<T, Tangents1<T>>> values = tape.ReplayedValues;
        ReadOnlySpan<Tape<Dual<T, Tangents1<T>>>.Special> specials = tape.Specials;
        Link[] links = ArrayPool<Link>.Shared.Rent(top + 1);
        Curvature[] curvatures = ArrayPool<Curvature>.Shared.Rent(top + 1);
        T[] adjoints = ArrayPool<T>.Shared.Rent(Math.Max(top, n) + 1);
        Array.Clear(adjoints, 0, Math.Max(top, n) + 1);
        adjoints[top] = T.One;
        var specialRecords = new List<SpecialRecord>();
        var arguments = new List<SpecialArgument>();
        int from = top;
        for (int k = specials.Length - 1; k >= 0; k--)
        {
            int record = specials[k].Record;
            if (record > top)
            {
                continue;
            }

            BuildRecords(from, record, entries, steps, values, links, curvatures, adjoints);

            // a special record: its arguments (a variable keeps its partial, a constant its value and index 0, whose
            // tangent is always 0) and its adjoint, for the products with its n×n ∂²φ at each Apply
            T g = adjoints[record];
            specialRecords.Add(new SpecialRecord(record, arguments.Count, specials[k].ArgCount, steps[record].Op, steps[record].Fn, g));
            foreach (Tape<Dual<T, Tangents1<T>>>.Arg arg in tape.ArgumentsOf(in specials[k]))
            {
                if (arg.Index != 0)
                {
                    arguments.Add(new SpecialArgument(arg.Index, values[arg.Index].Value, arg.Value.Value));
                    adjoints[arg.Index] += Propagation.Scale(arg.Value.Value, g);
                }
                else
                {
                    arguments.Add(new SpecialArgument(0, arg.Value.Value, T.Zero));
                }
            }

            links[record] = default;
            curvatures[record] = default;
            from = record - 1;
        }

        BuildRecords(from, n, entries, steps, values, links, curvatures, adjoints);
        adjoints.AsSpan(1, n).CopyTo(gradient);
        ArrayPool<T>.Shared.Return(adjoints);
        specialRecords.Reverse();
        SpecialRecord[] kept = [.. specialRecords];
        SpecialArgument[] keptArguments = [.. arguments];
        int compactTop = Compact(links, curvatures, kept, keptArguments, n, top);
        return new SecondOrderTape<T>(links, curvatures, kept, keptArguments, n, compactTop);
    }

    /// <summary>Removes the unary records without curvature (sums with a constant, negations, products by a
    /// constant, a rule whose adjoint is 0…): each consumer of one takes its operand instead, its partial times the
    /// removed record's, and its curvature times those factors (squared for a pair on the same operand); then numbers
    /// the remaining records consecutively, in place. The output, special records and their arguments stay.</summary>
    /// <returns>The output's new index.</returns>
    /// <remarks>ṫ of a removed record j is cⱼ·ṫ of the record it stands for, so every product of the sweeps is the
    /// same sum in another grouping (equal to rounding); 0·∞ = 0 holds in each factor.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Compact(Link[] links, Curvature[] curvatures, SpecialRecord[] specials, SpecialArgument[] arguments, int n, int top)
    {
        if (top <= n)
        {
            return top;
        }

        int[] mapArray = ArrayPool<int>.Shared.Rent(top + 1);
        T[] factorArray = ArrayPool<T>.Shared.Rent(top + 1);
        bool[] pinned = ArrayPool<bool>.Shared.Rent(top + 1);
        try
        {
            Array.Clear(pinned, 0, top + 1);
            foreach (SpecialRecord s in specials)
            {
                pinned[s.Record] = true;
                foreach (SpecialArgument a in arguments.AsSpan(s.ArgStart, s.ArgCount))
                {
                    pinned[a.Index] = true;
                }
            }

            // every index below is at most top: the records' operands come before them
            _ = links[top];
            _ = curvatures[top];
            ref Link link = ref MemoryMarshal.GetArrayDataReference(links);
            ref Curvature curvature = ref MemoryMarshal.GetArrayDataReference(curvatures);
            ref int map = ref MemoryMarshal.GetArrayDataReference(mapArray);
            ref T factor = ref MemoryMarshal.GetArrayDataReference(factorArray);
            ref bool pin = ref MemoryMarshal.GetArrayDataReference(pinned);
            for (int i = 0; i <= n; i++)
            {
                Unsafe.Add(ref map, i) = i;
                Unsafe.Add(ref factor, i) = T.One;
            }

            int next = n + 1;
            for (int i = n + 1; i <= top; i++)
            {
                ref Link l = ref Unsafe.Add(ref link, i);
                ref Curvature c = ref Unsafe.Add(ref curvature, i);
                bool unary = l.B == i;
                T ca = Unsafe.Add(ref factor, l.A);
                if (unary && i != top && !Unsafe.Add(ref pin, i) && Propagation.IsZero(c.Aa))
                {
                    // removed: ṫᵢ = ∂φ·ṫₐ = (∂φ·cₐ)·ṫ of the record a stands for
                    Unsafe.Add(ref map, i) = Unsafe.Add(ref map, l.A);
                    Unsafe.Add(ref factor, i) = Propagation.ScaleInline(l.Da, ca);
                    continue;
                }

                // kept, at index next ≤ i: everything read from slot i is read before it is overwritten
                T cb = unary ? T.One : Unsafe.Add(ref factor, l.B);
                int a = Unsafe.Add(ref map, l.A);
                int b = unary ? next : Unsafe.Add(ref map, l.B);
                T da = Propagation.ScaleInline(l.Da, ca);
                T db = unary ? T.Zero : Propagation.ScaleInline(l.Db, cb);
                T aa = Propagation.ScaleInline(Propagation.ScaleInline(c.Aa, ca), ca);
                T ab = Propagation.ScaleInline(Propagation.ScaleInline(c.Ab, ca), cb);
                T bb = Propagation.ScaleInline(Propagation.ScaleInline(c.Bb, cb), cb);
                ref Link kept = ref Unsafe.Add(ref link, next);
                kept.A = a;
                kept.B = b;
                kept.Da = da;
                kept.Db = db;
                ref Curvature keptCurvature = ref Unsafe.Add(ref curvature, next);
                keptCurvature.Aa = aa;
                keptCurvature.Ab = ab;
                keptCurvature.Bb = bb;
                Unsafe.Add(ref map, i) = next;
                Unsafe.Add(ref factor, i) = T.One;
                next++;
            }

            for (int k = 0; k < specials.Length; k++)
            {
                SpecialRecord s = specials[k];
                specials[k] = new SpecialRecord(mapArray[s.Record], s.ArgStart, s.ArgCount, s.Op, s.Fn, s.Adjoint);
                for (int j = s.ArgStart; j < s.ArgStart + s.ArgCount; j++)
                {
                    SpecialArgument a = arguments[j];
                    arguments[j] = new SpecialArgument(mapArray[a.Index], a.Value, a.Partial);
                }
            }

            return mapArray[top];
        }
        finally
        {
            ArrayPool<int>.Shared.Return(mapArray);
            ArrayPool<T>.Shared.Return(factorArray);
            ArrayPool<bool>.Shared.Return(pinned);
        }
    }

    /// <summary>The links and curvatures of the two-operand records <paramref name="top"/> down to
    /// <paramref name="bottom"/> (exclusive), each record's adjoint being final when it is reached, which it passes on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BuildRecords(int top, int bottom, ReadOnlySpan<Tape<Dual<T, Tangents1<T>>>.Entry> entries, ReadOnlySpan<ReplayStep<Dual<T, Tangents1<T>>>> steps, ReadOnlySpan<Dual<T, Tangents1<T>>> values, Link[] links, Curvature[] curvatures, T[] adjoints)
    {
        if (top <= bottom)
        {
            return;
        }

        // every index below is at most top, which each span holds (a record's operands come before it)
        _ = entries[top];
        _ = steps[top];
        _ = values[top];
        ref Tape<Dual<T, Tangents1<T>>>.Entry entry = ref MemoryMarshal.GetReference(entries);
        ref ReplayStep<Dual<T, Tangents1<T>>> step = ref MemoryMarshal.GetReference(steps);
        ref Dual<T, Tangents1<T>> value = ref MemoryMarshal.GetReference(values);
        ref Link link = ref MemoryMarshal.GetArrayDataReference(links);
        ref Curvature curvature = ref MemoryMarshal.GetArrayDataReference(curvatures);
        ref T adjoint = ref MemoryMarshal.GetArrayDataReference(adjoints);
        for (int i = top; i > bottom; i--)
        {
            ref Tape<Dual<T, Tangents1<T>>>.Entry e = ref Unsafe.Add(ref entry, i);
            ref Link l = ref Unsafe.Add(ref link, i);
            ref Curvature c = ref Unsafe.Add(ref curvature, i);

            // A unary record's second operand is itself, with partial 0 (as on the tape: no shared sink).
            int b = e.B;
            l.A = e.A;
            l.B = b;
            l.Da = e.Da.Value;
            l.Db = e.Db.Value;
            T g = Unsafe.Add(ref adjoint, i);
            if (Propagation.IsZero(g))
            {
                c = default;
                continue;
            }

            Unsafe.Add(ref adjoint, l.A) += Propagation.ScaleInline(l.Da, g);
            Unsafe.Add(ref adjoint, b) += Propagation.ScaleInline(l.Db, g);
            ref ReplayStep<Dual<T, Tangents1<T>>> s = ref Unsafe.Add(ref step, i);
            (T aa, T ab, T bb) = SecondPartials(in s, Unsafe.Add(ref value, l.A).Value, Unsafe.Add(ref value, b).Value);
            c.Aa = Propagation.ScaleInline(g, aa);
            c.Ab = Propagation.ScaleInline(g, ab);
            c.Bb = Propagation.ScaleInline(g, bb);
        }
    }

    /// <summary>H·v into <paramref name="destination"/>: the tangent sweep, then the second-order adjoint sweep.</summary>
    internal void Apply(ReadOnlySpan<T> v, Span<T> destination)
    {
        T[] tangents = _tangents;
        v.CopyTo(tangents.AsSpan(1, _n));
        int from = _n + 1;
        foreach (ref readonly SpecialRecord s in _specials.AsSpan())
        {
            Forward(from, s.Record);
            tangents[s.Record] = SpecialTangent(in s);
            from = s.Record + 1;
        }

        Forward(from, _top + 1);
        int top = _top;
        try
        {
            for (int k = _specials.Length - 1; k >= 0; k--)
            {
                Backward(top, _specials[k].Record);
                BackwardSpecial(in _specials[k]);
                top = _specials[k].Record - 1;
            }

            Backward(top, _n);
        }
        catch
        {
            // a custom n-ary rule threw: the next product starts from zero adjoints all the same
            Array.Clear(_adjoints, 0, _slots);
            throw;
        }

        Span<T> inputs = _adjoints.AsSpan(1, _n);
        inputs.CopyTo(destination);

        // every slot the sweeps touch is 0 again for the next product: the inputs' here, the records' as they are read
        inputs.Clear();
    }

    /// <summary>ṫᵢ for the two-operand records <paramref name="from"/> … <paramref name="to"/> (exclusive).</summary>
    /// <remarks>Both sweeps are compiled fully optimized at once: a few calls, each one long loop, would otherwise run
    /// as on-stack-replaced tier-0 code for a while (a third slower).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(int from, int to)
    {
        ref Link links = ref MemoryMarshal.GetArrayDataReference(_links);
        ref T tangents = ref MemoryMarshal.GetArrayDataReference(_tangents);
        for (int i = from; i < to; i++)
        {
            ref Link l = ref Unsafe.Add(ref links, i);
            T ta = Unsafe.Add(ref tangents, l.A);
            T tb = Unsafe.Add(ref tangents, l.B);
            T t = (l.Da * ta) + (l.Db * tb);
            Unsafe.Add(ref tangents, i) = T.IsNaN(t) ? Propagation.Scale(l.Da, ta) + Propagation.Scale(l.Db, tb) : t;
        }
    }

    /// <summary>ā̇ through the two-operand records <paramref name="top"/> down to <paramref name="bottom"/> (exclusive).</summary>
    /// <remarks>The plain products are the propagation products unless one of them is 0·∞ (or data is NaN): only
    /// then, when a contribution comes out NaN, is it recomputed with <see cref="Propagation.Scale{T}"/>, out of the
    /// loop.</remarks>
    private void Backward(int top, int bottom)
    {
        T carry = T.Zero;
        while (top > bottom)
        {
            top = BackwardFinite(top, bottom, ref carry);
            if (top > bottom)
            {
                ref Link l = ref _links[top];
                ref Curvature c = ref _curvatures[top];
                T g = _adjoints[top] + carry;
                carry = T.Zero;
                _adjoints[top] = T.Zero;
                (T da, T db) = Propagated(in l, in c, g, _tangents[l.A], _tangents[l.B]);
                _adjoints[l.A] += da;
                _adjoints[l.B] += db;
                top--;
            }
        }

        _adjoints[bottom] += carry;
    }

    /// <summary>The records from <paramref name="top"/> down whose contributions come out of the plain products, down
    /// to <paramref name="bottom"/> (exclusive) or to the first other one, whose index it returns (unswept).</summary>
    /// <param name="top">The first record.</param>
    /// <param name="bottom">The record below the last.</param>
    /// <param name="carry">In: the contribution carried to <paramref name="top"/>; out: the one carried to the record
    /// returned.</param>
    /// <remarks>A record's last contribution to the record just below it stays in a register, added when the loop gets
    /// there (the same sum in the same order; a slot is never −0, so a zero carry changes no bit), as in the gradient's
    /// sweep (<c>Tape.SweepFiniteRecords</c>); with no call in the loop to keep it on the stack. Both sweeps are
    /// compiled fully optimized at once: a few calls, each one long loop, would otherwise run as on-stack-replaced
    /// tier-0 code for a while (a third slower).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int BackwardFinite(int top, int bottom, ref T carry)
    {
        ref Link links = ref MemoryMarshal.GetArrayDataReference(_links);
        ref Curvature curvatures = ref MemoryMarshal.GetArrayDataReference(_curvatures);
        ref T tangents = ref MemoryMarshal.GetArrayDataReference(_tangents);
        ref T adjoints = ref MemoryMarshal.GetArrayDataReference(_adjoints);
        T carried = carry;
        int i = top;
        for (; i > bottom; i--)
        {
            ref Link l = ref Unsafe.Add(ref links, i);
            ref Curvature c = ref Unsafe.Add(ref curvatures, i);
            T g = Unsafe.Add(ref adjoints, i) + carried;
            T ta = Unsafe.Add(ref tangents, l.A);
            T tb = Unsafe.Add(ref tangents, l.B);
            T da = (l.Da * g) + ((c.Aa * ta) + (c.Ab * tb));
            T db = (l.Db * g) + ((c.Ab * ta) + (c.Bb * tb));
            if (T.IsNaN(da + db))
            {
                break;
            }

            Unsafe.Add(ref adjoints, i) = T.Zero;
            if (l.B == i - 1)
            {
                Unsafe.Add(ref adjoints, l.A) += da;
                carried = db;
            }
            else if (l.A == i - 1)
            {
                carried = da;
                Unsafe.Add(ref adjoints, l.B) += db;
            }
            else
            {
                carried = T.Zero;
                Unsafe.Add(ref adjoints, l.A) += da;
                Unsafe.Add(ref adjoints, l.B) += db;
            }
        }

        carry = carried;
        return i;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (T Da, T Db) Propagated(in Link l, in Curvature c, T g, T ta, T tb) => (
        Propagation.Scale(l.Da, g) + (Propagation.Scale(c.Aa, ta) + Propagation.Scale(c.Ab, tb)),
        Propagation.Scale(l.Db, g) + (Propagation.Scale(c.Ab, ta) + Propagation.Scale(c.Bb, tb)));

    /// <summary>ṫ of a special record: Σ ∂ⱼφ·ṫⱼ over its arguments.</summary>
    private T SpecialTangent(in SpecialRecord s)
    {
        T t = T.Zero;
        foreach (ref readonly SpecialArgument a in _arguments.AsSpan(s.ArgStart, s.ArgCount))
        {
            t += Propagation.Scale(a.Partial, _tangents[a.Index]);
        }

        return t;
    }

    /// <summary>ā̇ through a special record: ∂ⱼφ·ā̇ plus ā·(∂²φ·ṫ)ⱼ, the second term from its rule evaluated at
    /// <c>Dual&lt;T&gt;</c> along the arguments' tangents (its gradient's tangent), since an n-ary rule's ∂²φ is n×n.</summary>
    private unsafe void BackwardSpecial(in SpecialRecord s)
    {
        ReadOnlySpan<SpecialArgument> args = _arguments.AsSpan(s.ArgStart, s.ArgCount);
        T g = _adjoints[s.Record];
        _adjoints[s.Record] = T.Zero;
        Dual<T, Tangents1<T>>[] buffer = ArrayPool<Dual<T, Tangents1<T>>>.Shared.Rent(2 * args.Length);
        try
        {
            Span<Dual<T, Tangents1<T>>> x = buffer.AsSpan(0, args.Length);
            Span<Dual<T, Tangents1<T>>> gradient = buffer.AsSpan(args.Length, args.Length);
            gradient.Clear();
            if (!Propagation.IsZero(s.Adjoint))
            {
                for (int k = 0; k < args.Length; k++)
                {
                    x[k] = new Dual<T, Tangents1<T>>(args[k].Value, [_tangents[args[k].Index]]);
                }

                if (s.Op == ReplayOp.Ternary)
                {
                    (_, gradient[0], gradient[1], gradient[2]) = ((delegate*<Dual<T, Tangents1<T>>, Dual<T, Tangents1<T>>, Dual<T, Tangents1<T>>, (Dual<T, Tangents1<T>>, Dual<T, Tangents1<T>>, Dual<T, Tangents1<T>>, Dual<T, Tangents1<T>>)>)s.Fn)(x[0], x[1], x[2]);
                }
                else
                {
                    ((delegate*<ReadOnlySpan<Dual<T, Tangents1<T>>>, Span<Dual<T, Tangents1<T>>>, Dual<T, Tangents1<T>>>)s.Fn)(x, gradient);
                }
            }

            for (int k = 0; k < args.Length; k++)
            {
                if (args[k].Index != 0)
                {
                    _adjoints[args[k].Index] += Propagation.Scale(args[k].Partial, g) + Propagation.Scale(s.Adjoint, gradient[k].Tangent(0));
                }
            }
        }
        finally
        {
            ArrayPool<Dual<T, Tangents1<T>>>.Shared.Return(buffer);
        }
    }

    /// <summary>∂²φ/∂a², ∂²φ/∂a∂b, ∂²φ/∂b² of a two-operand record at its operands a and b (b unused by unary shapes),
    /// from its rule at <c>Dual&lt;T&gt;</c> with a unit tangent on one operand; 0 for the shapes linear in their operands.</summary>
    private static unsafe (T Aa, T Ab, T Bb) SecondPartials(in ReplayStep<Dual<T, Tangents1<T>>> s, T a, T b)
    {
        var a1 = Dual<T, Tangents1<T>>.Seed(a, 0);
        var c = (Dual<T, Tangents1<T>>)s.C.Value;
        switch (s.Op)
        {
            case ReplayOp.Multiply:
                return Pair(&Rules<Dual<T, Tangents1<T>>>.Multiply, a, b);
            case ReplayOp.Divide:
                return Pair(&Rules<Dual<T, Tangents1<T>>>.Divide, a, b);
            case ReplayOp.DivideCv:
                return (Rules<Dual<T, Tangents1<T>>>.Divide(c, a1).Dy.Tangent(0), T.Zero, T.Zero);
            case ReplayOp.Unary:
                return (((delegate*<Dual<T, Tangents1<T>>, (Dual<T, Tangents1<T>> Value, Dual<T, Tangents1<T>> Derivative)>)s.Fn)(a1).Derivative.Tangent(0), T.Zero, T.Zero);
            case ReplayOp.UnaryInt:
                return (((delegate*<Dual<T, Tangents1<T>>, int, (Dual<T, Tangents1<T>> Value, Dual<T, Tangents1<T>> Derivative)>)s.Fn)(a1, s.N).Derivative.Tangent(0), T.Zero, T.Zero);
            case ReplayOp.Binary:
                return Pair((delegate*<Dual<T, Tangents1<T>>, Dual<T, Tangents1<T>>, (Dual<T, Tangents1<T>> Value, Dual<T, Tangents1<T>> Dx, Dual<T, Tangents1<T>> Dy)>)s.Fn, a, b);
            case ReplayOp.BinaryVc:
                return (((delegate*<Dual<T, Tangents1<T>>, Dual<T, Tangents1<T>>, (Dual<T, Tangents1<T>> Value, Dual<T, Tangents1<T>> Dx, Dual<T, Tangents1<T>> Dy)>)s.Fn)(a1, c).Dx.Tangent(0), T.Zero, T.Zero);
            case ReplayOp.BinaryCv:
                return (((delegate*<Dual<T, Tangents1<T>>, Dual<T, Tangents1<T>>, (Dual<T, Tangents1<T>> Value, Dual<T, Tangents1<T>> Dx, Dual<T, Tangents1<T>> Dy)>)s.Fn)(c, a1).Dy.Tangent(0), T.Zero, T.Zero);
            default:
                // sums, differences, negation, products and quotients by a constant, copies, CopySign: linear
                return (T.Zero, T.Zero, T.Zero);
        }
    }

    /// <summary>The second partials of a binary rule: its partials' tangents along a, then along b.</summary>
    private static unsafe (T Aa, T Ab, T Bb) Pair(delegate*<Dual<T, Tangents1<T>>, Dual<T, Tangents1<T>>, (Dual<T, Tangents1<T>> Value, Dual<T, Tangents1<T>> Dx, Dual<T, Tangents1<T>> Dy)> rule, T a, T b)
    {
        (_, Dual<T, Tangents1<T>> daAlongA, Dual<T, Tangents1<T>> dbAlongA) = rule(Dual<T, Tangents1<T>>.Seed(a, 0), (Dual<T, Tangents1<T>>)b);
        Dual<T, Tangents1<T>> dbAlongB = rule((Dual<T, Tangents1<T>>)a, Dual<T, Tangents1<T>>.Seed(b, 0)).Dy;
        return (daAlongA.Tangent(0), dbAlongA.Tangent(0), dbAlongB.Tangent(0));
    }

    /// <summary>A two-operand record: its operands (a unary record's second is itself, with partial 0) and first partials.</summary>
    private struct Link
    {
        public int A;
        public int B;
        public T Da;
        public T Db;
    }

    /// <summary>A record's second partials times its adjoint ā: ā·∂²φ/∂a², ā·∂²φ/∂a∂b, ā·∂²φ/∂b².</summary>
    private struct Curvature
    {
        public T Aa;
        public T Ab;
        public T Bb;
    }

    /// <summary>A ternary or span rule's record: its arguments, rule, and adjoint ā.</summary>
    private readonly struct SpecialRecord(int record, int argStart, int argCount, ReplayOp op, nint fn, T adjoint)
    {
        public readonly int Record = record;
        public readonly int ArgStart = argStart;
        public readonly int ArgCount = argCount;
        public readonly ReplayOp Op = op;
        public readonly nint Fn = fn;
        public readonly T Adjoint = adjoint;
    }

    /// <summary>An argument of a special record: its record (0 for a constant), value and partial.</summary>
    private readonly struct SpecialArgument(int index, T value, T partial)
    {
        public readonly int Index = index;
        public readonly T Value = value;
        public readonly T Partial = partial;
    }
}
