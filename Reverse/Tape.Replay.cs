using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // Replay of a recording for replay at a new point: the special records' steps and the guards (the loop over the
    // records is the replay program's, Tape.Program.cs)
    //

    private T[] _values = [];

    /// <summary>The value of <paramref name="x"/> after the last <see cref="Replay"/> (a constant keeps its own).</summary>
    internal T ReplayedValue(Var<T> x) => x.Recording == _recording && x.Index != 0 ? _values[x.Index] : x.Primal;

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
