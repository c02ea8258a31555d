using System.Numerics;

namespace DualAutodiff;

/// <summary>A function evaluated at recorded variables, so one generic core in <see cref="Reverse"/> serves both
/// user delegates and the generic function interfaces without a closure per call.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
/// <typeparam name="TResult">The output: one <see cref="Var{T}"/> or an array of them.</typeparam>
internal interface IRecordedFunction<T, TResult>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Evaluates f at the recorded inputs.</summary>
    TResult Evaluate(Var<T>[] x);
}

/// <summary>A user delegate f: Rⁿ → R written over <see cref="Var{T}"/>.</summary>
/// <remarks>A delegate gets an array of its own each call (<see cref="Fresh"/>): it may keep or change the
/// array, and neither the next call nor the adjoints read after the sweep see it.</remarks>
internal readonly struct RecordedScalarDelegate<T>(Func<Var<T>[], Var<T>> f) : IRecordedFunction<T, Var<T>>
    where T : IFloatingPointIeee754<T>
{
    public Var<T> Evaluate(Var<T>[] x) => f(Fresh.Copy(x));
}

/// <summary>The input array a user delegate receives: a copy of the tape's reused buffer, so an array kept from
/// one call holds that call's variables (which fail loudly if used later) instead of aliasing the next call's.</summary>
internal static class Fresh
{
    /// <summary>A new array with the same variables.</summary>
    public static Var<T>[] Copy<T>(Var<T>[] x)
        where T : IFloatingPointIeee754<T> => x.Length == 0 ? x : [.. x];
}

/// <summary>A generic <see cref="IScalarFunction"/>, instantiated at <see cref="Var{T}"/>.</summary>
internal readonly struct RecordedScalarFunction<T>(IScalarFunction f) : IRecordedFunction<T, Var<T>>
    where T : IFloatingPointIeee754<T>
{
    public Var<T> Evaluate(Var<T>[] x) => f.Evaluate<Var<T>>(x);
}

/// <summary>A user delegate f: Rⁿ → Rᵐ written over <see cref="Var{T}"/>; its output length is checked, and it
/// gets an array of its own each call.</summary>
internal readonly struct RecordedVectorDelegate<T>(Func<Var<T>[], Var<T>[]> f) : IRecordedFunction<T, Var<T>[]>
    where T : IFloatingPointIeee754<T>
{
    public Var<T>[] Evaluate(Var<T>[] x) => Guard.Output(f(Fresh.Copy(x)), -1, nameof(f));
}

/// <summary>A generic <see cref="IVectorFunction"/>, instantiated at <see cref="Var{T}"/>.</summary>
internal readonly struct RecordedVectorFunction<T>(IVectorFunction f, int outputLength) : IRecordedFunction<T, Var<T>[]>
    where T : IFloatingPointIeee754<T>
{
    public Var<T>[] Evaluate(Var<T>[] x)
    {
        var y = new Var<T>[outputLength];
        f.Evaluate<Var<T>>(x, y);
        return y;
    }
}
