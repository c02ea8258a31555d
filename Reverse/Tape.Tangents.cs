using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // The forward tangent sweep over a kept recording (a Jacobian-vector product without re-running f)
    //

    private T[] _tangents = [];

    /// <summary>ṫ of every record, in recording order, from the tangents <paramref name="seeds"/> of
    /// <paramref name="inputs"/>: ṫᵢ = ∂ᵢ/∂a·ṫ_a + ∂ᵢ/∂b·ṫ_b from the stored partials, so one sweep gives J·v.</summary>
    /// <remarks>Variables (and the outputs of vector rules) are the records whose first operand is the record itself;
    /// they keep their seed (or the rule's J·v, written by the rule's record just before them). Products use the
    /// 0·∞ = 0 rule. Read the result with <see cref="Tangent"/>.</remarks>
    internal void SweepTangents(ReadOnlySpan<Var<T>> inputs, ReadOnlySpan<T> seeds)
    {
        if (_tangents.Length < _count)
        {
            _tangents = new T[_entries.Length];
        }
        else
        {
            Array.Clear(_tangents, 0, _count);
        }

        for (int k = 0; k < inputs.Length; k++)
        {
            int i = Owned(inputs[k], nameof(inputs));
            if (i != 0)
            {
                _tangents[i] += seeds[k];
            }
        }

        int from = _leadingVariables + 1;
        for (int s = 0; s < _specialCount; s++)
        {
            int record = _specials[s].Record;
            TangentRecords(from, record);
            TangentSpecial(in _specials[s]);

            // a kernel's outputs got their tangents from its step (their records are reserved, not written)
            from = record + 1 + (_specials[s].IsKernel ? _specials[s].Outputs : 0);
        }

        TangentRecords(from, _count);
    }

    /// <summary>The tangent of <paramref name="x"/> after the last <see cref="SweepTangents"/>.</summary>
    internal T Tangent(Var<T> x)
    {
        int i = Owned(x, nameof(x));
        return i != 0 && i < _tangents.Length ? _tangents[i] : T.Zero;
    }

    /// <summary>ṫᵢ for the two-operand records <paramref name="from"/> … <paramref name="to"/> (exclusive).</summary>
    private void TangentRecords(int from, int to)
    {
        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref T tangents = ref MemoryMarshal.GetArrayDataReference(_tangents);
        for (int i = from; i < to; i++)
        {
            ref Entry e = ref Unsafe.Add(ref entries, i);
            if (e.A == i)
            {
                continue;
            }

            // A unary record's second operand is itself, whose tangent is still 0 here, with partial 0.
            T ta = Unsafe.Add(ref tangents, e.A);
            T tb = Unsafe.Add(ref tangents, e.B);
            T t = (e.Da * ta) + (e.Db * tb);
            Unsafe.Add(ref tangents, i) = T.IsNaN(t) ? Propagation.Scale(e.Da, ta) + Propagation.Scale(e.Db, tb) : t;
        }
    }

    /// <summary>ṫ for one special record: Σ partialᵢ·ṫᵢ, or a vector rule's J·v into its outputs.</summary>
    private void TangentSpecial(in Special special)
    {
        if (special.IsKernel)
        {
            TangentKernel(special.ArgStart);
            return;
        }

        ReadOnlySpan<Arg> args = _args.AsSpan(special.ArgStart, special.ArgCount);
        if (special.Rule is null)
        {
            T t = T.Zero;
            foreach (Arg a in args)
            {
                t += Propagation.Scale(a.Value, _tangents[a.Index]);
            }

            _tangents[special.Record] = t;
            return;
        }

        int m = special.Outputs;
        int n = args.Length - m;
        T[] buffer = ArrayPool<T>.Shared.Rent((2 * n) + (2 * m));
        try
        {
            Span<T> x = buffer.AsSpan(0, n);
            Span<T> v = buffer.AsSpan(n, n);
            Span<T> y = buffer.AsSpan(2 * n, m);
            Span<T> jvp = buffer.AsSpan((2 * n) + m, m);
            bool moving = false;
            for (int i = 0; i < n; i++)
            {
                x[i] = args[i].Value;
                v[i] = _tangents[args[i].Index];
                moving |= !Propagation.IsZero(v[i]);
            }

            for (int j = 0; j < m; j++)
            {
                y[j] = args[n + j].Value;
            }

            if (moving)
            {
                VectorRules.Jvp<T>(special.Rule, x, y, v, jvp);
            }
            else
            {
                jvp.Clear();
            }

            for (int j = 0; j < m; j++)
            {
                _tangents[args[n + j].Index] = jvp[j];
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }
}
