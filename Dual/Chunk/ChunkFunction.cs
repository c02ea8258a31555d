using System.Numerics;

namespace DualAutodiff;

/// <summary>A function f: Rⁿ → R evaluated at multi-tangent duals, so one chunked core in <see cref="Forward"/> serves
/// both user delegates and <see cref="IScalarFunction"/> without a closure per call.</summary>
internal interface IChunkScalarFunction<T, TTangents>
    where T : IFloatingPointIeee754<T>
    where TTangents : struct, ITangents<T, TTangents>
{
    /// <summary>Evaluates f at <paramref name="x"/>.</summary>
    Dual<T, TTangents> Evaluate(Dual<T, TTangents>[] x);
}

/// <summary>A function f: Rⁿ → Rᵐ evaluated at multi-tangent duals.</summary>
internal interface IChunkVectorFunction<T, TTangents>
    where T : IFloatingPointIeee754<T>
    where TTangents : struct, ITangents<T, TTangents>
{
    /// <summary>Evaluates f at <paramref name="x"/> into <paramref name="y"/>, which it allocates when null.</summary>
    void Evaluate(Dual<T, TTangents>[] x, ref Dual<T, TTangents>[]? y);
}

/// <summary>A user delegate; it gets an array of its own each call, so one it keeps is never overwritten.</summary>
internal readonly struct ChunkScalarDelegate<T, TTangents>(Func<Dual<T, TTangents>[], Dual<T, TTangents>> f) : IChunkScalarFunction<T, TTangents>
    where T : IFloatingPointIeee754<T>
    where TTangents : struct, ITangents<T, TTangents>
{
    public Dual<T, TTangents> Evaluate(Dual<T, TTangents>[] x) => f(x.Length == 0 ? x : [.. x]);
}

/// <summary>A generic <see cref="IScalarFunction"/>, instantiated at <see cref="Dual{T, TTangents}"/>.</summary>
internal readonly struct ChunkScalarInterface<T, TTangents>(IScalarFunction f) : IChunkScalarFunction<T, TTangents>
    where T : IFloatingPointIeee754<T>
    where TTangents : struct, ITangents<T, TTangents>
{
    public Dual<T, TTangents> Evaluate(Dual<T, TTangents>[] x) => f.Evaluate<Dual<T, TTangents>>(x);
}

/// <summary>A user delegate f: Rⁿ → Rᵐ; its output must keep one length, and it gets an array of its own each call.</summary>
internal readonly struct ChunkVectorDelegate<T, TTangents>(Func<Dual<T, TTangents>[], Dual<T, TTangents>[]> f) : IChunkVectorFunction<T, TTangents>
    where T : IFloatingPointIeee754<T>
    where TTangents : struct, ITangents<T, TTangents>
{
    public void Evaluate(Dual<T, TTangents>[] x, ref Dual<T, TTangents>[]? y) => y = Guard.Output(f(x.Length == 0 ? x : [.. x]), y?.Length ?? -1, nameof(f));
}

/// <summary>A generic <see cref="IVectorFunction"/> with output length m.</summary>
internal readonly struct ChunkVectorInterface<T, TTangents>(IVectorFunction f, int outputLength) : IChunkVectorFunction<T, TTangents>
    where T : IFloatingPointIeee754<T>
    where TTangents : struct, ITangents<T, TTangents>
{
    public void Evaluate(Dual<T, TTangents>[] x, ref Dual<T, TTangents>[]? y)
    {
        y ??= new Dual<T, TTangents>[outputLength];
        f.Evaluate<Dual<T, TTangents>>(x, y);
    }
}
