using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // Replay of a recording for replay at a new point: values and partials recomputed, guards checked
    //

    private T[] _values = [];

    /// <summary>The value of <paramref name="x"/> after the last <see cref="Replay"/> (a constant keeps its own).</summary>
    internal T ReplayedValue(Var<T> x) => x.Recording == _recording && x.Index != 0 ? _values[x.Index] : x.Primal;

    /// <summary>Recomputes every record's value and partials with the inputs at <paramref name="x"/>, then checks
    /// every guard in order.</summary>
    /// <param name="x">The new point, one value per input.</param>
    /// <returns>Whether every guard gave its recorded outcome; if not, the partials are those of no path and the
    /// recording must be made anew at x.</returns>
    internal unsafe bool Replay(ReadOnlySpan<T> x)
    {
        if (_values.Length < _count)
        {
            _values = new T[_entries.Length];
        }

        ref T values = ref MemoryMarshal.GetArrayDataReference(_values);
        for (int i = 0; i < x.Length; i++)
        {
            Unsafe.Add(ref values, i + 1) = x[i];
        }

        ref Entry entries = ref MemoryMarshal.GetArrayDataReference(_entries);
        ref ReplayStep<T> steps = ref MemoryMarshal.GetArrayDataReference(_steps!);
        for (int i = _leadingVariables + 1; i < _count; i++)
        {
            ref ReplayStep<T> s = ref Unsafe.Add(ref steps, i);
            ref Entry e = ref Unsafe.Add(ref entries, i);
            T a = Unsafe.Add(ref values, e.A);
            T r;

            // The record's first operand is the step's variable operand in every shape, its second the other one of
            // two. The same arithmetic as Var<T>'s operators and the rules, so each value and partial is the one a new
            // recording at x would hold, bit for bit.
            switch (s.Op)
            {
                case ReplayOp.Add:
                    r = a + Unsafe.Add(ref values, e.B);
                    break;
                case ReplayOp.AddVc:
                    r = a + s.C;
                    break;
                case ReplayOp.AddCv:
                    r = s.C + a;
                    break;
                case ReplayOp.Subtract:
                    r = a - Unsafe.Add(ref values, e.B);
                    break;
                case ReplayOp.SubtractVc:
                    r = a - s.C;
                    break;
                case ReplayOp.SubtractCv:
                    r = s.C - a;
                    break;
                case ReplayOp.Multiply:
                    (r, e.Da, e.Db) = Rules<T>.Multiply(a, Unsafe.Add(ref values, e.B));
                    break;
                case ReplayOp.MultiplyVc:
                    r = a * s.C;
                    break;
                case ReplayOp.MultiplyCv:
                    r = s.C * a;
                    break;
                case ReplayOp.Divide:
                    (r, e.Da, e.Db) = Rules<T>.Divide(a, Unsafe.Add(ref values, e.B));
                    break;
                case ReplayOp.DivideVc:
                    r = a / s.C;
                    break;
                case ReplayOp.DivideCv:
                    (r, _, e.Da) = Rules<T>.Divide(s.C, a);
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
                case ReplayOp.CopySign:
                    (r, e.Da) = Rules<T>.CopySign(a, s.N != 0 ? Unsafe.Add(ref values, s.N) : s.C);
                    break;
                case ReplayOp.Unary:
                    (r, e.Da) = ((delegate*<T, (T Value, T Derivative)>)s.Fn)(a);
                    break;
                case ReplayOp.UnaryInt:
                    (r, e.Da) = ((delegate*<T, int, (T Value, T Derivative)>)s.Fn)(a, s.N);
                    break;
                case ReplayOp.Binary:
                    (r, e.Da, e.Db) = ((delegate*<T, T, (T Value, T Dx, T Dy)>)s.Fn)(a, Unsafe.Add(ref values, e.B));
                    break;
                case ReplayOp.BinaryVc:
                    (r, e.Da, _) = ((delegate*<T, T, (T Value, T Dx, T Dy)>)s.Fn)(a, s.C);
                    break;
                case ReplayOp.BinaryCv:
                    (r, _, e.Da) = ((delegate*<T, T, (T Value, T Dx, T Dy)>)s.Fn)(s.C, a);
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

        return GuardsHold();
    }

    /// <summary>A span rule's special record at a new point: its value, and its variable arguments' new partials.</summary>
    private unsafe T ReplaySpan(in Special special, delegate*<ReadOnlySpan<T>, Span<T>, T> fn, ref T values)
    {
        Span<Arg> args = _args.AsSpan(special.ArgStart, special.ArgCount);
        int n = args.Length;
        T[] buffer = ArrayPool<T>.Shared.Rent(2 * n);
        try
        {
            Span<T> x = buffer.AsSpan(0, n);
            Span<T> gradient = buffer.AsSpan(n, n);
            for (int k = 0; k < n; k++)
            {
                x[k] = args[k].Index != 0 ? Unsafe.Add(ref values, args[k].Index) : args[k].Value;
            }

            T r = fn(x, gradient);
            for (int k = 0; k < n; k++)
            {
                if (args[k].Index != 0)
                {
                    args[k] = new Arg(args[k].Index, gradient[k]);
                }
            }

            return r;
        }
        finally
        {
            ArrayPool<T>.Shared.Return(buffer);
        }
    }

    /// <summary>A ternary special record at a new point: its value, and its variable arguments' new partials.</summary>
    private unsafe T ReplayTernary(int start, delegate*<T, T, T, (T Value, T Da, T Db, T Dc)> fn, ref T values)
    {
        Span<Arg> args = _args.AsSpan(start, 3);
        T x = args[0].Index != 0 ? Unsafe.Add(ref values, args[0].Index) : args[0].Value;
        T y = args[1].Index != 0 ? Unsafe.Add(ref values, args[1].Index) : args[1].Value;
        T z = args[2].Index != 0 ? Unsafe.Add(ref values, args[2].Index) : args[2].Value;
        (T r, T dx, T dy, T dz) = fn(x, y, z);
        if (args[0].Index != 0)
        {
            args[0] = new Arg(args[0].Index, dx);
        }

        if (args[1].Index != 0)
        {
            args[1] = new Arg(args[1].Index, dy);
        }

        if (args[2].Index != 0)
        {
            args[2] = new Arg(args[2].Index, dz);
        }

        return r;
    }

    /// <summary>Whether every guard, re-evaluated at the replayed values, gives its recorded outcome.</summary>
    private bool GuardsHold()
    {
        T[] v = _values;
        for (int k = 0; k < _guardCount; k++)
        {
            ref ReplayGuard<T> g = ref _guards[k];
            T a = g.A != 0 ? v[g.A] : g.Ca;
            T b = g.B != 0 ? v[g.B] : g.Cb;
            bool holds = g.Kind switch
            {
                GuardKind.Less => (a < b ? 1 : 0) == g.Outcome,
                GuardKind.LessOrEqual => (a <= b ? 1 : 0) == g.Outcome,
                GuardKind.Greater => (a > b ? 1 : 0) == g.Outcome,
                GuardKind.GreaterOrEqual => (a >= b ? 1 : 0) == g.Outcome,
                GuardKind.Equal => (a == b ? 1 : 0) == g.Outcome,
                GuardKind.NotEqual => (a != b ? 1 : 0) == g.Outcome,
                GuardKind.CompareTo => Math.Sign(a.CompareTo(b)) == g.Outcome,
                GuardKind.EqualsValue => (a.Equals(b) ? 1 : 0) == g.Outcome,
                GuardKind.Predicate => Evaluate((Predicate)g.Detail, a) == g.Outcome,
                GuardKind.Select => (Selects((Selection)g.Detail, a, b) ? 1 : 0) == g.Outcome,
                GuardKind.Clamp => ClampHolds(a, b, g.C != 0 ? v[g.C] : g.Cc, g.Outcome),
                GuardKind.Same => ReplayChecks.SameValue(a, g.Result),
                GuardKind.Floor => ReplayChecks.SameValue(T.Floor(a), g.Result),
                GuardKind.Ceiling => ReplayChecks.SameValue(T.Ceiling(a), g.Result),
                GuardKind.Truncate => ReplayChecks.SameValue(T.Truncate(a), g.Result),
                GuardKind.Round => ReplayChecks.SameValue(T.Round(a), g.Result),
                GuardKind.Check => g.Check!.Holds(a),
                _ => false,
            };

            if (!holds)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A predicate (1 or 0) or an integer function of x, as <c>Var&lt;T&gt;</c> computes it.</summary>
    internal static int Evaluate(Predicate predicate, T x) => predicate switch
    {
        Predicate.IsEvenInteger => T.IsEvenInteger(x) ? 1 : 0,
        Predicate.IsFinite => T.IsFinite(x) ? 1 : 0,
        Predicate.IsInfinity => T.IsInfinity(x) ? 1 : 0,
        Predicate.IsInteger => T.IsInteger(x) ? 1 : 0,
        Predicate.IsNaN => T.IsNaN(x) ? 1 : 0,
        Predicate.IsNegative => T.IsNegative(x) ? 1 : 0,
        Predicate.IsNegativeInfinity => T.IsNegativeInfinity(x) ? 1 : 0,
        Predicate.IsNormal => T.IsNormal(x) ? 1 : 0,
        Predicate.IsOddInteger => T.IsOddInteger(x) ? 1 : 0,
        Predicate.IsPositive => T.IsPositive(x) ? 1 : 0,
        Predicate.IsPositiveInfinity => T.IsPositiveInfinity(x) ? 1 : 0,
        Predicate.IsRealNumber => T.IsRealNumber(x) ? 1 : 0,
        Predicate.IsSubnormal => T.IsSubnormal(x) ? 1 : 0,
        Predicate.IsZero => T.IsZero(x) ? 1 : 0,
        Predicate.Sign => T.Sign(x),
        Predicate.ILogB => T.ILogB(x),
        Predicate.ExponentShortestBitLength => x.GetExponentShortestBitLength(),
        _ => throw new ArgumentOutOfRangeException(nameof(predicate), predicate, null),
    };

    /// <summary>Whether the selection returns its first argument, as <c>Var&lt;T&gt;</c>'s selections decide it.</summary>
    internal static bool Selects(Selection selection, T x, T y) => Rules<T>.SelectsFirst(
        selection switch
        {
            Selection.Max => T.Max(x, y),
            Selection.MaxMagnitude => T.MaxMagnitude(x, y),
            Selection.MaxMagnitudeNumber => T.MaxMagnitudeNumber(x, y),
            Selection.MaxNumber => T.MaxNumber(x, y),
            Selection.Min => T.Min(x, y),
            Selection.MinMagnitude => T.MinMagnitude(x, y),
            Selection.MinMagnitudeNumber => T.MinMagnitudeNumber(x, y),
            Selection.MinNumber => T.MinNumber(x, y),
            _ => throw new ArgumentOutOfRangeException(nameof(selection), selection, null),
        },
        x);

    /// <summary>Which argument Clamp(value, min, max) returns: 0 the value, 1 min, 2 max (as <c>Var.Clamp</c> decides).</summary>
    internal static int ClampChoice(T value, T min, T max)
    {
        T result = T.Clamp(value, min, max);
        return Rules<T>.SelectsFirst(result, value) ? 0 : Rules<T>.SelectsFirst(result, min) ? 1 : 2;
    }

    /// <summary>Whether Clamp makes the recorded choice at a replay; bounds that cross (Clamp throws) make none, so f is
    /// recorded anew and throws its own exception.</summary>
    private static bool ClampHolds(T value, T min, T max, int outcome)
    {
        try
        {
            return ClampChoice(value, min, max) == outcome;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
