using System.Numerics;

namespace DualAutodiff;

public static partial class Hvp
{
    /// <summary>Runs f once at x and returns the operator v ↦ H(x)·v, with f(x) and ∇f(x): for the many
    /// Hessian-vector products of one Newton–CG or trust-region step.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n; copied.</param>
    /// <returns>The operator; dispose it when done.</returns>
    /// <remarks>f is recorded once, for replay at <c>Var&lt;Dual&lt;T, Tangents1&lt;T&gt;&gt;&gt;</c>, and the recording becomes a
    /// second-order tape (see <see cref="HessianOperator{T}"/>): creating it costs about three
    /// <see cref="Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/>, and each <see cref="HessianOperator{T}.Apply(T[])"/>
    /// is then two sweeps of multiply-adds, a fraction of one. A recording the replay cannot recompute (array kernels,
    /// vector rules, <c>Tape.Operation</c> with its own partials: <see cref="CompiledHessian{T}.NotReplayableReason"/>)
    /// is followed by a second run of f, reverse-over-reverse, whose recorded gradient each product sweeps.</remarks>
    public static HessianOperator<T> Linearize<T>(IScalarFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        using var compiled = new CompiledHessian<T>(f, [.. x]);
        return compiled.Linearize(x);
    }

    /// <summary>Records f once at x for replay and returns what makes its Hessian operator at any new point without
    /// running f (where f takes the recorded path): for a Newton method's f, ∇f and H·v at every iterate.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point of the first recording, length n; copied.</param>
    /// <returns>The compiled Hessian; dispose it to give its tape back.</returns>
    /// <remarks>Each <see cref="CompiledHessian{T}.Linearize(T[])"/> costs a replay and the second-order tape's
    /// build, well under one <see cref="Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/>; see
    /// <see cref="CompiledHessian{T}"/>.</remarks>
    public static CompiledHessian<T> Compile<T>(IScalarFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        return new CompiledHessian<T>(f, [.. x]);
    }

    /// <summary>The operator on the recorded gradient sweep (reverse-over-reverse), for any f.</summary>
    internal static HessianOperator<T> ReverseOverReverseOperator<T>(IScalarFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        Tape<T> outer = Tape<T>.Rent();
        try
        {
            // The tape's own input buffer is reused by its next recording; the operator keeps a copy.
            Var<T>[] xs = [.. outer.Inputs(x)];
            var gradient = new Var<T>[x.Length];
            Var<T> value;
            Tape<Var<T>> inner = Tape<Var<T>>.Rent();
            try
            {
                Var<Var<T>>[] input = inner.Inputs(xs);
                Var<Var<T>> y = f.Evaluate<Var<Var<T>>>(input);
                inner.Backward(y);
                for (int i = 0; i < input.Length; i++)
                {
                    gradient[i] = inner.Adjoint(input[i]);
                }

                value = y.Value;
            }
            finally
            {
                inner.Return();
            }

            outer.End();
            return new HessianOperator<T>(outer, xs, gradient, value.Value);
        }
        catch
        {
            outer.Return();
            throw;
        }
    }
}
