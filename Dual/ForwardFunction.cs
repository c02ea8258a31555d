using System.Numerics;

namespace DualAutodiff;

/// <summary>A function f: Rⁿ → R evaluated at dual numbers, so one generic core in <see cref="Forward"/> serves
/// both user delegates and <see cref="IScalarFunction"/> without a closure per call.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
internal interface IForwardScalarFunction<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Evaluates f at <paramref name="x"/>.</summary>
    Dual<T> Evaluate(Dual<T>[] x);
}

/// <summary>A function f: Rⁿ → Rᵐ evaluated at dual numbers.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
internal interface IForwardVectorFunction<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Evaluates f at <paramref name="x"/> into <paramref name="y"/>, which it allocates when null.</summary>
    void Evaluate(Dual<T>[] x, ref Dual<T>[]? y);
}

/// <summary>A user delegate f: Rⁿ → R written over <see cref="Dual{T}"/>; it gets an array of its own each call,
/// so one it keeps is never overwritten by a later call's inputs.</summary>
internal readonly struct ScalarDelegate<T>(Func<Dual<T>[], Dual<T>> f) : IForwardScalarFunction<T>
    where T : IFloatingPointIeee754<T>
{
    public Dual<T> Evaluate(Dual<T>[] x) => f(x.Length == 0 ? x : [.. x]);
}

/// <summary>A generic <see cref="IScalarFunction"/>, instantiated at <see cref="Dual{T}"/>.</summary>
internal readonly struct ScalarInterface<T>(IScalarFunction f) : IForwardScalarFunction<T>
    where T : IFloatingPointIeee754<T>
{
    public Dual<T> Evaluate(Dual<T>[] x) => f.Evaluate<Dual<T>>(x);
}

/// <summary>A user delegate f: Rⁿ → Rᵐ; its output must keep one length, and it gets an array of its own each call.</summary>
internal readonly struct VectorDelegate<T>(Func<Dual<T>[], Dual<T>[]> f) : IForwardVectorFunction<T>
    where T : IFloatingPointIeee754<T>
{
    public void Evaluate(Dual<T>[] x, ref Dual<T>[]? y) => y = Guard.Output(f(x.Length == 0 ? x : [.. x]), y?.Length ?? -1, nameof(f));
}

/// <summary>A generic <see cref="IVectorFunction"/> with output length m.</summary>
internal readonly struct VectorInterface<T>(IVectorFunction f, int outputLength) : IForwardVectorFunction<T>
    where T : IFloatingPointIeee754<T>
{
    public void Evaluate(Dual<T>[] x, ref Dual<T>[]? y)
    {
        y ??= new Dual<T>[outputLength];
        f.Evaluate<Dual<T>>(x, y);
    }
}
