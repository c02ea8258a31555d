using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // Records of any arity: a statement in the record stream, its operands in the argument stream
    //

    private Arg[] _args = [];
    private int _argCount;
    private Special[] _specials = [];
    private int _specialCount;

    /// <summary>Records y = f(a₀, …, aₙ₋₁) with value <paramref name="value"/> and local partials ∂y/∂aᵢ, for any n:
    /// the way library code and advanced users add an operation the library does not have.</summary>
    /// <param name="value">y, computed by the caller at <typeparamref name="T"/>.</param>
    /// <param name="operands">The operands aᵢ; constants among them are left out of the record.</param>
    /// <param name="partials">∂y/∂aᵢ, one per operand, at <typeparamref name="T"/> (so, nested, they carry their own
    /// derivatives and the operation differentiates again).</param>
    /// <returns>y: a constant when every operand is a constant, else a variable of the active recording.</returns>
    /// <remarks>One or two variable operands make the same compact record as a built-in operation; more make one
    /// record whose operands go to the tape's argument stream (CoDiPack's statement and argument streams), so the
    /// sweep visits it once. The partials are propagated with the 0·∞ = 0 rule of <see cref="Propagation.Scale{T}"/>.</remarks>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    /// <exception cref="InvalidOperationException">An operand belongs to no active recording on this thread, or two
    /// operands belong to different recordings.</exception>
    public static Var<T> Operation(T value, ReadOnlySpan<Var<T>> operands, ReadOnlySpan<T> partials)
    {
        if (operands.Length != partials.Length)
        {
            throw new ArgumentException($"Length mismatch: {partials.Length} partials for {operands.Length} operands.", nameof(partials));
        }

        int recorded = 0;
        int first = -1;
        int second = -1;
        int recording = 0;
        for (int k = 0; k < operands.Length; k++)
        {
            int r = operands[k].Recording;
            if (r == 0)
            {
                continue;
            }

            if (recording == 0)
            {
                recording = r;
            }
            else if (r != recording)
            {
                ThrowMixed();
            }

            if (first < 0)
            {
                first = k;
            }
            else if (second < 0)
            {
                second = k;
            }

            recorded++;
        }

        if (recorded == 0)
        {
            return new Var<T>(value);
        }

        Tape<T> tape = ActiveFor(recording);
        if (recorded == 1)
        {
            return tape.Push(value, operands[first].Index, partials[first], recording);
        }

        if (recorded == 2)
        {
            return tape.Push(value, operands[first].Index, partials[first], operands[second].Index, partials[second], recording);
        }

        Span<Arg> args = tape.PushSpecial(recorded, outputs: 0, rule: null, out Var<T> y, value);
        int j = 0;
        for (int k = 0; k < operands.Length; k++)
        {
            if (operands[k].Recording != 0)
            {
                args[j++] = new Arg(operands[k].Index, partials[k]);
            }
        }

        return y;
    }

    /// <summary>y = f(a, b, c) with three partials: one record (two operands when one is a constant).</summary>
    internal static Var<T> Operation(T value, Var<T> a, T da, Var<T> b, T db, Var<T> c, T dc)
    {
        if (c.Recording == 0)
        {
            return Operation(value, a, da, b, db);
        }

        if (a.Recording == 0)
        {
            return Operation(value, b, db, c, dc);
        }

        if (b.Recording == 0)
        {
            return Operation(value, a, da, c, dc);
        }

        if (a.Recording != b.Recording || a.Recording != c.Recording)
        {
            ThrowMixed();
        }

        Span<Arg> args = ActiveFor(a.Recording).PushSpecial(3, outputs: 0, rule: null, out Var<T> y, value);
        args[0] = new Arg(a.Index, da);
        args[1] = new Arg(b.Index, db);
        args[2] = new Arg(c.Index, dc);
        return y;
    }

    /// <summary>Records y = f(x) for a vector rule: one record whose sweep calls the rule's uᵀ·J with the outputs' adjoints and adds the result to the inputs', then one record per output (so each has its own
    /// adjoint).</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="x">The inputs.</param>
    /// <param name="values">The inputs' values.</param>
    /// <param name="outputs">f(x) at <typeparamref name="T"/>.</param>
    /// <param name="y">Receives the outputs: constants when every input is one.</param>
    internal static void VectorOperation(IVectorRule rule, ReadOnlySpan<Var<T>> x, ReadOnlySpan<T> values, ReadOnlySpan<T> outputs, Span<Var<T>> y)
    {
        int recording = 0;
        foreach (Var<T> xi in x)
        {
            if (xi.Recording != 0)
            {
                if (recording != 0 && xi.Recording != recording)
                {
                    ThrowMixed();
                }

                recording = xi.Recording;
            }
        }

        if (recording == 0)
        {
            for (int j = 0; j < y.Length; j++)
            {
                y[j] = new Var<T>(outputs[j]);
            }

            return;
        }

        // The rule's record comes first and its outputs after it, so a sweep from any output reaches it, and reaches
        // it after every use of every output. Arguments: the n inputs (record, value; record 0 for a constant, whose
        // adjoint slot is a sink), then the m outputs (record, value).
        Tape<T> tape = ActiveFor(recording);
        Span<Arg> args = tape.PushSpecial(x.Length + y.Length, y.Length, rule, out _, T.Zero);
        for (int i = 0; i < x.Length; i++)
        {
            args[i] = new Arg(x[i].Index, values[i]);
        }

        for (int j = 0; j < y.Length; j++)
        {
            int i = tape._count;
            y[j] = tape.Push(outputs[j], i, T.Zero, i, T.Zero, recording);
            args[x.Length + j] = new Arg(i, outputs[j]);
        }
    }

    /// <summary>The active tape, which must hold <paramref name="recording"/>.</summary>
    private static Tape<T> ActiveFor(int recording)
    {
        Tape<T>? tape = Active;
        if (tape is null || tape._recording != recording)
        {
            ThrowForeign(tape);
        }

        return tape;
    }

    /// <summary>Appends a special record (its own entry is a no-op for the two-operand loop) and room for its
    /// <paramref name="argCount"/> arguments, which the caller fills.</summary>
    private Span<Arg> PushSpecial(int argCount, int outputs, IVectorRule? rule, out Var<T> result, T value)
    {
        if (_args.Length - _argCount < argCount)
        {
            GrowArgs(argCount);
        }

        if (_specials.Length == _specialCount)
        {
            Array.Resize(ref _specials, Math.Max(16, _specials.Length * 2));
        }

        int i = _count;
        result = Push(value, i, T.Zero, i, T.Zero, _recording);
        int start = _argCount;
        _argCount += argCount;
        _specials[_specialCount++] = new Special(i, start, argCount, outputs, rule);
        return _args.AsSpan(start, argCount);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowArgs(int needed)
    {
        long length = Math.Max(Math.Max(256L, (long)_args.Length * 2), (long)_argCount + needed);
        if (length > Array.MaxLength)
        {
            throw new InvalidOperationException($"The tape is full: the operands of its n-ary records exceed {Array.MaxLength} entries.");
        }

        try
        {
            Array.Resize(ref _args, (int)length);
        }
        catch (OutOfMemoryException e)
        {
            throw new InvalidOperationException($"The tape ran out of memory after {_argCount} operands of n-ary records.", e);
        }
    }

    /// <summary>Forgets the special records (and the rules they reference, so the tape keeps nothing alive).</summary>
    private void ResetSpecials()
    {
        if (_specialCount > 0)
        {
            Array.Clear(_specials, 0, _specialCount);
        }

        _specialCount = 0;
        _argCount = 0;
        ResetKernels();
    }

    /// <summary>The sweep's step for one special record.</summary>
    private void SweepSpecial(in Special special)
    {
        if (special.IsKernel)
        {
            SweepKernel(special.ArgStart);
            return;
        }

        ReadOnlySpan<Arg> args = _args.AsSpan(special.ArgStart, special.ArgCount);
        if (special.Rule is null)
        {
            // An n-ary operation: ū_aᵢ += ∂y/∂aᵢ · ū.
            T g = _adjoints[special.Record];
            if (Propagation.IsZero(g))
            {
                return;
            }

            foreach (Arg a in args)
            {
                _adjoints[a.Index] += Propagation.Scale(a.Value, g);
            }

            return;
        }

        SweepVectorRule(special.Rule, args, special.Outputs);
    }

    /// <summary>x̄ += ȳᵀ·J(x) through the rule's VJP, at <typeparamref name="T"/>.</summary>
    private void SweepVectorRule(IVectorRule rule, ReadOnlySpan<Arg> args, int m)
    {
        int n = args.Length - m;
        T[] buffer = ArrayPool<T>.Shared.Rent((2 * n) + (2 * m));
        try
        {
            Span<T> x = buffer.AsSpan(0, n);
            Span<T> vjp = buffer.AsSpan(n, n);
            Span<T> y = buffer.AsSpan(2 * n, m);
            Span<T> seed = buffer.AsSpan((2 * n) + m, m);
            bool any = false;
            for (int j = 0; j < m; j++)
            {
                y[j] = args[n + j].Value;
                seed[j] = _adjoints[args[n + j].Index];
                any |= !Propagation.IsZero(seed[j]);
            }

            if (!any)
            {
                return;
            }

            for (int i = 0; i < n; i++)
            {
                x[i] = args[i].Value;
            }

            vjp.Clear();
            VectorRules.Vjp<T>(rule, x, y, seed, vjp);
            for (int i = 0; i < n; i++)
            {
                // Constants have record 0, a slot no variable reads.
                _adjoints[args[i].Index] += vjp[i];
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    /// <summary>One operand of an n-ary record: its record and its partial (for a vector rule: its value).</summary>
    internal readonly struct Arg(int index, T value)
    {
        public readonly int Index = index;
        public readonly T Value = value;
    }

    /// <summary>A record the two-operand loop does not handle: an n-ary operation (<see cref="Rule"/> null) or a
    /// vector rule, with its arguments in the argument stream.</summary>
    internal readonly struct Special(int record, int argStart, int argCount, int outputs, IVectorRule? rule, bool isKernel = false)
    {
        /// <summary>A kernel call (<see cref="ArgStart"/> is then its index among the kernel records).</summary>
        public readonly bool IsKernel = isKernel;

        public readonly int Record = record;
        public readonly int ArgStart = argStart;
        public readonly int ArgCount = argCount;
        public readonly int Outputs = outputs;
        public readonly IVectorRule? Rule = rule;
    }
}
