using System.Numerics;

namespace DualAutodiff;

public sealed partial class Tape<T>
{
    //
    // Read access to a finished recording, for what is built from it (the second-order tape of a Hessian operator)
    //

    /// <summary>The variables recorded before any operation (the inputs), records 1 … this.</summary>
    internal int LeadingVariables => _leadingVariables;

    /// <summary>Every record's operands and partials, by record index.</summary>
    internal ReadOnlySpan<Entry> Entries => _entries.AsSpan(0, _count);

    /// <summary>Every record's replay step, by record index (a recording for replay that replays holds one per record).</summary>
    internal ReadOnlySpan<ReplayStep<T>> Steps => _steps.AsSpan(0, Math.Min(_count, _steps?.Length ?? 0));

    /// <summary>Every record's value after the last <see cref="Replay"/>, by record index.</summary>
    internal ReadOnlySpan<T> ReplayedValues => _values.AsSpan(0, Math.Min(_count, _values.Length));

    /// <summary>The special records, in recording order.</summary>
    internal ReadOnlySpan<Special> Specials => _specials.AsSpan(0, _specialCount);

    /// <summary>The arguments of a special record.</summary>
    internal ReadOnlySpan<Arg> ArgumentsOf(in Special special) => _args.AsSpan(special.ArgStart, special.ArgCount);
}
