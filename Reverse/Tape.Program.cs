using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // The replay program of a recording for replay (ADOL-C's and CoDiPack's primal value tape): 12 bytes per record
    // for the replay to compute values, and for the sweep of a compiled gradient to compute each record's partials from
    // them, instead of a replay that writes 16 bytes of partials per record and a sweep that reads the 24-byte records.
    // Constants and the rules' partials go to a side table, for the records that have them.
    //

    /// <summary><see cref="Instruction.Carry"/>: the contribution to operand a goes to the record below.</summary>
    private const byte CarryA = 1;

    /// <summary><see cref="Instruction.Carry"/>: the contribution to operand b goes to the record below.</summary>
    private const byte CarryB = 2;

    private Instruction[] _program = [];

    /// <summary>How many adjoint slots, from slot 0, are known to be 0: <see cref="ProgramGradient"/> zeroes each slot
    /// as it reads it, so the next one over as many records needs no clearing pass (one pass over 8 bytes per record
    /// less); every other sweep sets it to 0.</summary>
    private int _zeroAdjoints;
    private SideData[] _side = [];

    /// <summary>What the sweep of a compiled gradient computes for a record from its adjoint ū (its partials, or how to
    /// compute them from the replayed values): the same products in the same order as the record's own partials give,
    /// so the gradient is the one of a new recording bit for bit.</summary>
    private enum AdjointStep : byte
    {
        /// <summary>A special record (its arguments are swept by their own step), or no record.</summary>
        None,

        /// <summary>ū_a += 1·ū (ū itself for a primitive T): a unary record of partial 1 (x + c, x − c, c + x, x ± 1, a
        /// selection's copy).</summary>
        Plus,

        /// <summary>ū_a += (−1)·ū (−ū for a primitive T): a unary record of partial −1 (c − x, −x).</summary>
        Minus,

        /// <summary>ū_a += 1·ū, ū_b += 1·ū: a sum.</summary>
        Sum,

        /// <summary>ū_a += 1·ū, ū_b += (−1)·ū: a difference.</summary>
        Difference,

        /// <summary>ū_a += b·ū, ū_b += a·ū: a product, its partials the replayed values of its operands.</summary>
        Product,

        /// <summary>ū_a += ∂a·ū: one partial from the side table (the recorded constant, or the rule's partial at replay).</summary>
        SideA,

        /// <summary>ū_a += ∂a·ū, ū_b += ∂b·ū: two partials from the side table (whose <see cref="SideData.B"/> is b).</summary>
        SideAB,

        /// <summary>Not a step: a record whose unit partials are not its operation's (none is, by construction).</summary>
        Mismatch,
    }

    /// <summary>One record of the replay program: 12 bytes.</summary>
    private struct Instruction
    {
        /// <summary>The variable operand (the record's first).</summary>
        public int A;

        /// <summary>The second variable operand of a binary record without side data; else the record's slot in the
        /// side table, which then holds the second operand (<see cref="SideData.B"/>) of a binary one.</summary>
        public int B;

        /// <summary>What the replay computes.</summary>
        public ReplayOp Op;

        /// <summary>What the sweep computes.</summary>
        public AdjointStep Adjoint;

        /// <summary>Which contribution, if any, is the record's last one to the record just below it
        /// (<see cref="CarryA"/>, <see cref="CarryB"/>), which the sweep keeps in a register.</summary>
        public byte Carry;

        /// <summary>3·<see cref="Adjoint"/> + <see cref="Carry"/>: what the sweep jumps on.</summary>
        public byte Dispatch;
    }

    /// <summary>A record's constant, rule and partials, for the records that have any.</summary>
    private struct SideData
    {
        /// <summary>The constant operand (and CopySign's constant sign).</summary>
        public T C;

        /// <summary>The partial ∂a: the recorded constant one, or the rule's at the last replay.</summary>
        public T Da;

        /// <summary>The partial ∂b of a binary rule or quotient at the last replay.</summary>
        public T Db;

        /// <summary>The rule (<see cref="ReplayStep{T}.Fn"/>).</summary>
        public nint Fn;

        /// <summary><see cref="ReplayStep{T}.N"/>.</summary>
        public int N;

        /// <summary>The second variable operand of a binary record.</summary>
        public int B;
    }

    /// <summary>Builds the replay program from a finished recording for replay whose every record has a step.</summary>
    private void BuildProgram()
    {
        if (_program.Length < _count)
        {
            _program = new Instruction[_entries.Length];
        }

        if (_side.Length == 0)
        {
            _side = new SideData[64];
        }

        int sides = 1;
        ReplayStep<T>[] steps = _steps!;
        for (int i = _leadingVariables + 1; i < _count; i++)
        {
            ref ReplayStep<T> s = ref steps[i];
            ref Entry e = ref _entries[i];
            AdjointStep adjoint = AdjointOf(s.Op, in e);
            if (adjoint == AdjointStep.Mismatch)
            {
                _notReplayable = $"record {i} ({s.Op}) holds other partials than its operation gives";
                return;
            }

            bool side = s.Op is not (ReplayOp.Add or ReplayOp.Subtract or ReplayOp.Multiply or ReplayOp.Negate
                or ReplayOp.Increment or ReplayOp.Decrement or ReplayOp.Copy);
            bool binary = adjoint is AdjointStep.Sum or AdjointStep.Difference or AdjointStep.Product or AdjointStep.SideAB;
            byte carry = adjoint == AdjointStep.None ? (byte)0 : binary && e.B == i - 1 ? CarryB : e.A == i - 1 ? CarryA : (byte)0;
            _program[i] = new Instruction { A = e.A, B = side ? sides : e.B, Op = s.Op, Adjoint = adjoint, Carry = carry, Dispatch = (byte)((3 * (int)adjoint) + carry) };
            if (side)
            {
                if (sides >= _side.Length)
                {
                    Array.Resize(ref _side, Math.Max(2 * _side.Length, 64));
                }

                _side[sides++] = new SideData { C = s.C, Da = e.Da, Db = e.Db, Fn = s.Fn, N = s.N, B = e.B };
            }
        }
    }

    /// <summary>The sweep's step of a record of replay operation <paramref name="op"/> and recorded partials
    /// <paramref name="e"/>; <see cref="AdjointStep.Mismatch"/> if the partials are not the ones the operation records.</summary>
    private static AdjointStep AdjointOf(ReplayOp op, in Entry e)
    {
        // the unit partials ±1 of sums, differences and shifts, which the sweep does not read: checked, not assumed
        bool one = e.Da == T.One;
        return op switch
        {
            ReplayOp.Ternary or ReplayOp.Span => AdjointStep.None,
            ReplayOp.Multiply => AdjointStep.Product,
            ReplayOp.Add => one && e.Db == T.One ? AdjointStep.Sum : AdjointStep.Mismatch,
            ReplayOp.Subtract => one && e.Db == -T.One ? AdjointStep.Difference : AdjointStep.Mismatch,
            ReplayOp.AddVc or ReplayOp.AddCv or ReplayOp.SubtractVc or ReplayOp.Increment or ReplayOp.Decrement or ReplayOp.Copy => one ? AdjointStep.Plus : AdjointStep.Mismatch,
            ReplayOp.SubtractCv or ReplayOp.Negate => e.Da == -T.One ? AdjointStep.Minus : AdjointStep.Mismatch,
            ReplayOp.Divide or ReplayOp.Binary => AdjointStep.SideAB,
            _ => AdjointStep.SideA,
        };
    }

    /// <summary>Recomputes every record's value (and the rules' partials, into the side table) with the inputs at
    /// <paramref name="x"/>, then checks every guard in order.</summary>
    /// <param name="x">The new point, one value per input.</param>
    /// <returns>Whether every guard gave its recorded outcome; if not, the values are those of no path and the
    /// recording must be made anew at x.</returns>
    /// <remarks>The record's first operand is the step's variable operand in every shape, its second the other one of
    /// two. The same arithmetic as <see cref="Var{T}"/>'s operators and the rules, so each value and partial is the one a
    /// new recording at x would hold, bit for bit. <see cref="WritePartials"/> then puts the partials in the records,
    /// for what reads them there; a compiled gradient's sweep computes them itself (<see cref="ProgramGradient"/>).</remarks>
    internal bool Replay(ReadOnlySpan<T> x)
    {
        if (_values.Length < _count)
        {
            _values = new T[_entries.Length];
        }

        x.CopyTo(_values.AsSpan(1, x.Length));
        int i = _leadingVariables + 1;
        while (i < _count)
        {
            i = ReplayArithmetic(i);
            if (i < _count)
            {
                ReplayRule(i);
                i++;
            }
        }

        return GuardsHold();
    }

    /// <summary>The records from <paramref name="from"/> on that the operators make (sums, products, quotients,
    /// shifts, copies), up to the first that calls a rule, whose index it returns (or the end).</summary>
    /// <remarks>No call in the loop: one would make the JIT keep the loop's index and values on the stack around it (the
    /// System V ABI has no callee-saved vector registers), a store and a reload per record, and the replay ran at half
    /// speed so. The side table is reached through the field where a case needs it, for the same reason.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ReplayArithmetic(int from)
    {
        ref T values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref Instruction program = ref MemoryMarshal.GetArrayDataReference(_program);
        int count = _count;
        int i = from;
        for (; i < count; i++)
        {
            ref Instruction p = ref Unsafe.Add(ref program, i);
            T a = Unsafe.Add(ref values, p.A);
            T r;
            switch (p.Op)
            {
                case ReplayOp.Add:
                    r = a + Unsafe.Add(ref values, p.B);
                    break;
                case ReplayOp.AddVc:
                    r = a + SideOf(p.B).C;
                    break;
                case ReplayOp.AddCv:
                    r = SideOf(p.B).C + a;
                    break;
                case ReplayOp.Subtract:
                    r = a - Unsafe.Add(ref values, p.B);
                    break;
                case ReplayOp.SubtractVc:
                    r = a - SideOf(p.B).C;
                    break;
                case ReplayOp.SubtractCv:
                    r = SideOf(p.B).C - a;
                    break;
                case ReplayOp.Multiply:
                    r = Rules<T>.Multiply(a, Unsafe.Add(ref values, p.B)).Value;
                    break;
                case ReplayOp.MultiplyVc:
                    r = a * SideOf(p.B).C;
                    break;
                case ReplayOp.MultiplyCv:
                    r = SideOf(p.B).C * a;
                    break;
                case ReplayOp.DivideVc:
                    r = a / SideOf(p.B).C;
                    break;
                case ReplayOp.Negate:
                    r = -a;
                    break;
                case ReplayOp.Increment:
                    r = a + T.One;
                    break;
                case ReplayOp.Decrement:
                    r = a - T.One;
                    break;
                case ReplayOp.Copy:
                    r = a;
                    break;
                default:
                    return i;
            }

            Unsafe.Add(ref values, i) = r;
        }

        return i;
    }

    /// <summary>Record <paramref name="i"/>, one that calls a rule (quotients and CopySign through their rules, unary,
    /// binary, ternary and span rules): its value, and its partials into the side table.</summary>
    private unsafe void ReplayRule(int i)
    {
        ref T values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref Instruction p = ref _program[i];
        ref SideData s = ref SideOf(p.B);
        T a = Unsafe.Add(ref values, p.A);
        T r;
        switch (p.Op)
        {
            case ReplayOp.Divide:
                (r, s.Da, s.Db) = Rules<T>.Divide(a, Unsafe.Add(ref values, s.B));
                break;
            case ReplayOp.DivideCv:
                (r, _, s.Da) = Rules<T>.Divide(s.C, a);
                break;
            case ReplayOp.CopySign:
                (r, s.Da) = Rules<T>.CopySign(a, s.N != 0 ? Unsafe.Add(ref values, s.N) : s.C);
                break;
            case ReplayOp.Unary:
                (r, s.Da) = ((delegate*<T, (T Value, T Derivative)>)s.Fn)(a);
                break;
            case ReplayOp.UnaryInt:
                (r, s.Da) = ((delegate*<T, int, (T Value, T Derivative)>)s.Fn)(a, s.N);
                break;
            case ReplayOp.Binary:
                (r, s.Da, s.Db) = ((delegate*<T, T, (T Value, T Dx, T Dy)>)s.Fn)(a, Unsafe.Add(ref values, s.B));
                break;
            case ReplayOp.BinaryVc:
                (r, s.Da, _) = ((delegate*<T, T, (T Value, T Dx, T Dy)>)s.Fn)(a, s.C);
                break;
            case ReplayOp.BinaryCv:
                (r, _, s.Da) = ((delegate*<T, T, (T Value, T Dx, T Dy)>)s.Fn)(s.C, a);
                break;
            case ReplayOp.Span:
                r = ReplaySpan(in _specials[s.N], (delegate*<ReadOnlySpan<T>, Span<T>, T>)s.Fn, ref values);
                break;
            case ReplayOp.Ternary:
                r = ReplayTernary(s.N, (delegate*<T, T, T, (T Value, T Da, T Db, T Dc)>)s.Fn, ref values);
                break;
            default:
                throw new InvalidOperationException($"Record {i} has no replay; the recording should have been marked not replayable.");
        }

        Unsafe.Add(ref values, i) = r;
    }

    /// <summary>Side table slot <paramref name="k"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref SideData SideOf(int k) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_side), k);

    /// <summary>Puts the partials of the last <see cref="Replay"/> into the records, as a new recording at its point
    /// would hold them (for the ordinary sweep and what is built from the records).</summary>
    internal void WritePartials()
    {
        for (int i = _leadingVariables + 1; i < _count; i++)
        {
            ref Instruction p = ref _program[i];
            ref Entry e = ref _entries[i];
            switch (p.Adjoint)
            {
                case AdjointStep.Product:
                    e.Da = _values[p.B];
                    e.Db = _values[p.A];
                    break;
                case AdjointStep.SideA:
                    e.Da = _side[p.B].Da;
                    break;
                case AdjointStep.SideAB:
                    e.Da = _side[p.B].Da;
                    e.Db = _side[p.B].Db;
                    break;
            }
        }
    }

    /// <summary>The gradient of a compiled gradient after a <see cref="Replay"/>: the backward sweep from
    /// <paramref name="output"/> with seed 1, over the replay program, each record's partials computed from the replayed
    /// values as the sweep reaches it (a sweep bound by the latency of its adjoint chain has room for them). The same
    /// products and sums in the same order as <see cref="Backward(Var{T})"/> after <see cref="WritePartials"/>, so the
    /// same gradient bit for bit.</summary>
    /// <param name="output">The recorded output.</param>
    /// <param name="n">The number of inputs, records 1 … n.</param>
    /// <returns>The inputs' adjoints, as a new array.</returns>
    /// <remarks>Each slot is zeroed as the sweep reads it, and the inputs' (and slot 0, where a special record's
    /// constant arguments add) once read, so the next call needs no clearing pass: one pass over 8 bytes per record less.</remarks>
    internal T[] ProgramGradient(Var<T> output, int n)
    {
        if (s_sweepIsRecorded)
        {
            // a sweep recorded on another tape keeps the one way that records it
            WritePartials();
            Backward(output);
            return InputAdjoints(n);
        }

        int top = Owned(output, nameof(output));
        if (_zeroAdjoints < _count)
        {
            PrepareAdjoints();
        }

        _zeroAdjoints = 0;
        _swept = top;
        if (top != 0)
        {
            _adjoints[top] += T.One;
        }

        Sweep(top, SweepKind.Program);
        T[] gradient = LeadingAdjoints(n).ToArray();
        Array.Clear(_adjoints, 0, n + 1);
        _zeroAdjoints = _count;
        return gradient;
    }

    /// <summary><see cref="SweepRecords"/> over the replay program, from <paramref name="top"/> down to
    /// <paramref name="bottom"/> (exclusive).</summary>
    private void SweepProgram(int top, int bottom)
    {
        while (top > bottom)
        {
            top = SweepProgramFinite(top, bottom);
            if (top > bottom)
            {
                T g = _adjoints[top];
                _adjoints[top] = T.Zero;
                if (!Propagation.IsZero(g))
                {
                    PropagateProgramNonFinite(ref _program[top], g, ref MemoryMarshal.GetArrayDataReference(_adjoints));
                }

                top--;
            }
        }
    }

    /// <summary>The records from <paramref name="top"/> down whose adjoint is finite and nonzero, down to
    /// <paramref name="bottom"/> (exclusive) or to the first other one, whose index it returns (unswept, its adjoint
    /// complete in its slot).</summary>
    /// <remarks>
    /// <para>A record's last contribution to the record just below it (<see cref="Instruction.Carry"/>) stays in a
    /// register, added when the loop gets there, instead of a store and a load through the same slot: the sum is the
    /// same (the slot's earlier contributions, then this one; a slot is never −0, so adding a zero carry changes no
    /// bit), and a sweep bound by its adjoint chain loses the store-to-load latency on its most common link. The
    /// carry left at the bottom goes to its slot.</para>
    /// <para>No call in the loop: one would make the JIT keep the loop's state on the stack (the System V ABI has no
    /// callee-saved vector registers), a store and a reload of the index on every record's path.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int SweepProgramFinite(int top, int bottom)
    {
        ref Instruction program = ref MemoryMarshal.GetArrayDataReference(_program);
        ref SideData sides = ref MemoryMarshal.GetArrayDataReference(_side);
        ref T values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref T adjoints = ref MemoryMarshal.GetArrayDataReference(_adjoints);
        T carry = T.Zero;
        int i = top;
        for (; i > bottom; i--)
        {
            T g = Unsafe.Add(ref adjoints, i) + carry;
            if (!IsFiniteNonzero(g))
            {
                Unsafe.Add(ref adjoints, i) = g;
                return i;
            }

            Unsafe.Add(ref adjoints, i) = T.Zero;
            carry = T.Zero;
            // one jump per record to its kind and carry, so the carry's choice costs no branch of its own
            ref Instruction p = ref Unsafe.Add(ref program, i);
            switch (p.Dispatch)
            {
                case (byte)AdjointStep.Plus * 3:
                    Unit(ref adjoints, p.A, g, false, ref carry);
                    break;
                case ((byte)AdjointStep.Plus * 3) + CarryA:
                    Unit(ref adjoints, p.A, g, true, ref carry);
                    break;
                case (byte)AdjointStep.Minus * 3:
                    Unit(ref adjoints, p.A, Negative(g), false, ref carry);
                    break;
                case ((byte)AdjointStep.Minus * 3) + CarryA:
                    Unit(ref adjoints, p.A, Negative(g), true, ref carry);
                    break;
                case (byte)AdjointStep.Sum * 3:
                    Pair(ref adjoints, p.A, p.B, Positive(g), Positive(g), 0, ref carry);
                    break;
                case ((byte)AdjointStep.Sum * 3) + CarryA:
                    Pair(ref adjoints, p.A, p.B, Positive(g), Positive(g), CarryA, ref carry);
                    break;
                case ((byte)AdjointStep.Sum * 3) + CarryB:
                    Pair(ref adjoints, p.A, p.B, Positive(g), Positive(g), CarryB, ref carry);
                    break;
                case (byte)AdjointStep.Difference * 3:
                    Pair(ref adjoints, p.A, p.B, Positive(g), Negative(g), 0, ref carry);
                    break;
                case ((byte)AdjointStep.Difference * 3) + CarryA:
                    Pair(ref adjoints, p.A, p.B, Positive(g), Negative(g), CarryA, ref carry);
                    break;
                case ((byte)AdjointStep.Difference * 3) + CarryB:
                    Pair(ref adjoints, p.A, p.B, Positive(g), Negative(g), CarryB, ref carry);
                    break;
                case (byte)AdjointStep.Product * 3:
                    Pair(ref adjoints, p.A, p.B, Unsafe.Add(ref values, p.B) * g, Unsafe.Add(ref values, p.A) * g, 0, ref carry);
                    break;
                case ((byte)AdjointStep.Product * 3) + CarryA:
                    Pair(ref adjoints, p.A, p.B, Unsafe.Add(ref values, p.B) * g, Unsafe.Add(ref values, p.A) * g, CarryA, ref carry);
                    break;
                case ((byte)AdjointStep.Product * 3) + CarryB:
                    Pair(ref adjoints, p.A, p.B, Unsafe.Add(ref values, p.B) * g, Unsafe.Add(ref values, p.A) * g, CarryB, ref carry);
                    break;
                case (byte)AdjointStep.SideA * 3:
                    Unit(ref adjoints, p.A, Unsafe.Add(ref sides, p.B).Da * g, false, ref carry);
                    break;
                case ((byte)AdjointStep.SideA * 3) + CarryA:
                    Unit(ref adjoints, p.A, Unsafe.Add(ref sides, p.B).Da * g, true, ref carry);
                    break;
                default:
                    ref SideData s = ref Unsafe.Add(ref sides, p.B);
                    Pair(ref adjoints, p.A, s.B, s.Da * g, s.Db * g, p.Carry, ref carry);
                    break;
            }
        }

        Unsafe.Add(ref adjoints, i) += carry;
        return i;
    }

    /// <summary>ū_a += c, or the carry when the contribution is carried (a constant at each call: no branch left).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Unit(ref T adjoints, int a, T c, bool carried, ref T carry)
    {
        if (carried)
        {
            carry = c;
        }
        else
        {
            Unsafe.Add(ref adjoints, a) += c;
        }
    }

    /// <summary>ū_a += ca and ū_b += cb, in that order, the one named by <paramref name="carried"/> into the carry.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Pair(ref T adjoints, int a, int b, T ca, T cb, byte carried, ref T carry)
    {
        Unit(ref adjoints, a, ca, carried == CarryA, ref carry);
        Unit(ref adjoints, b, cb, carried == CarryB, ref carry);
    }

    /// <summary>1·ū, ū itself for a primitive T.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Positive(T g) => s_isPrimitive ? g : T.One * g;

    /// <summary>(−1)·ū, −ū for a primitive T.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Negative(T g) => s_isPrimitive ? -g : -T.One * g;

    /// <summary>A record's infinite or NaN adjoint (or, nested, a zero value with a nonzero tangent) through the
    /// propagation products, as <see cref="PropagateNonFinite"/> does with the record's partials.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void PropagateProgramNonFinite(ref Instruction p, T g, ref T adjoints)
    {
        ref SideData s = ref _side[p.Adjoint is AdjointStep.SideA or AdjointStep.SideAB ? p.B : 0];
        (T da, T db, bool binary) = p.Adjoint switch
        {
            AdjointStep.Plus => (T.One, T.Zero, false),
            AdjointStep.Minus => (-T.One, T.Zero, false),
            AdjointStep.Sum => (T.One, T.One, true),
            AdjointStep.Difference => (T.One, -T.One, true),
            AdjointStep.Product => (_values[p.B], _values[p.A], true),
            AdjointStep.SideA => (s.Da, T.Zero, false),
            _ => (s.Da, s.Db, true),
        };

        Unsafe.Add(ref adjoints, p.A) += Propagation.Scale(da, g);
        if (binary)
        {
            Unsafe.Add(ref adjoints, p.Adjoint == AdjointStep.SideAB ? s.B : p.B) += Propagation.Scale(db, g);
        }
    }
}
