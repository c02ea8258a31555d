using System.Numerics;

namespace DualAutodiff;

/// <summary>A scalar function evaluated at forward-over-reverse scalars (<c>Var&lt;Dual&lt;T&gt;&gt;</c>), so one
/// generic core serves both user delegates and <see cref="IScalarFunction"/> without a closure per call.</summary>
/// <typeparam name="T">The scalar type.</typeparam>
internal interface ISecondOrderFunction<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Evaluates f at the recorded inputs.</summary>
    Var<Dual<T>> Evaluate(Var<Dual<T>>[] x);
}

/// <summary>A user delegate written over <c>Var&lt;Dual&lt;T&gt;&gt;</c>.</summary>
internal readonly struct DelegateFunction<T>(Func<Var<Dual<T>>[], Var<Dual<T>>> f) : ISecondOrderFunction<T>
    where T : IFloatingPointIeee754<T>
{
    public Var<Dual<T>> Evaluate(Var<Dual<T>>[] x) => f(x.Length == 0 ? x : [.. x]);
}

/// <summary>A generic <see cref="IScalarFunction"/>, instantiated at <c>Var&lt;Dual&lt;T&gt;&gt;</c>.</summary>
internal readonly struct ScalarFunction<T>(IScalarFunction f) : ISecondOrderFunction<T>
    where T : IFloatingPointIeee754<T>
{
    public Var<Dual<T>> Evaluate(Var<Dual<T>>[] x) => f.Evaluate<Var<Dual<T>>>(x);
}
