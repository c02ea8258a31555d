using System.Numerics;

namespace DualAutodiff;

public static partial class Hvp
{
    /// <summary>Runs f once at x and returns the operator v ↦ H(x)·v, with f(x) and ∇f(x): for the many
    /// Hessian-vector products of one Newton–CG or trust-region step.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n; copied.</param>
    /// <returns>The operator; dispose it to give its tape back.</returns>
    /// <remarks>Creating it costs about one reverse-over-reverse H·v (f recorded on <c>Var&lt;Var&lt;T&gt;&gt;</c>);
    /// each <see cref="HessianOperator{T}.Apply(T[])"/> is then one sweep, a fraction of an
    /// <see cref="Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/>, which records f anew.</remarks>
    public static HessianOperator<T> Linearize<T>(IScalarFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
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
