using System.Numerics;

namespace DualAutodiff;

/// <summary>
/// Hessian-vector products H·v without forming H, Hessians, and the routes that compute them.
/// </summary>
/// <remarks>
/// <para>
/// The math first: for f: Rⁿ → R, H(x)·v = d/dt ∇f(x + tv) at t = 0, the directional derivative of the
/// gradient. <c>Var&lt;Dual&lt;T&gt;&gt;</c> is forward-over-reverse (JAX's <c>jvp(grad f)</c>): each input
/// becomes the recorded variable xᵢ + vᵢε, f is recorded once, and one backward sweep runs with dual adjoints.
/// The adjoint of xᵢ is then ∂f/∂xᵢ + (H·v)ᵢε, so f, ∇f and H·v all come from that single recording and sweep,
/// at a small constant multiple of the cost of a gradient and O(size of the tape) memory.
/// </para>
/// <para>
/// The other compositions are available through <see cref="HvpMethod"/> as cross-checks:
/// <c>Dual&lt;Var&lt;T&gt;&gt;</c> is reverse-over-forward (Stan's <c>fvar&lt;var&gt;</c>),
/// <c>Var&lt;Var&lt;T&gt;&gt;</c> is reverse-over-reverse (PyTorch's double backward), and finite differences
/// of the gradient. Each call records on a tape of the calling thread's own pool, as <see cref="Reverse"/>
/// does; steady-state calls allocate only their result arrays.
/// </para>
/// <para>
/// A common mistake is to differentiate the <em>sum of the gradient</em>: ∇(1ᵀ∇f) = H·1, the row sums of H,
/// not the Hessian. The Hessian takes n products H·eⱼ (<see cref="Hessian{T}(IScalarFunction, T[])"/>).
/// </para>
/// </remarks>
public static partial class Hvp
{
    /// <summary>The Hessian-vector product H(x)·v of f, forward-over-reverse.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <c>Var&lt;Dual&lt;T&gt;&gt;</c>.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The direction, length n.</param>
    /// <returns>H·v, length n.</returns>
    /// <remarks>NaN or ∞ in <paramref name="v"/> flows through to the entries of H·v it touches.</remarks>
    public static T[] Compute<T>(Func<Var<Dual<T>>[], Var<Dual<T>>> f, T[] x, T[] v)
        where T : IFloatingPointIeee754<T> => ValueGradientAndHvp(f, x, v).Hvp;

    /// <summary>f(x), ∇f(x) and H(x)·v from one forward-over-reverse recording and one backward sweep.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function, written over <c>Var&lt;Dual&lt;T&gt;&gt;</c>.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The direction, length n.</param>
    /// <returns>(f(x), ∇f(x), H·v).</returns>
    public static (T Value, T[] Gradient, T[] Hvp) ValueGradientAndHvp<T>(Func<Var<Dual<T>>[], Var<Dual<T>>> f, T[] x, T[] v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return ValueGradientAndHvp(new DelegateFunction<T>(f), x, v);
    }

    /// <summary>f(x), ∇f(x) and H(x)·v of a generic scalar function, forward-over-reverse.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The direction, length n.</param>
    /// <returns>(f(x), ∇f(x), H·v).</returns>
    public static (T Value, T[] Gradient, T[] Hvp) ValueGradientAndHvp<T>(IScalarFunction f, T[] x, T[] v)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        return ValueGradientAndHvp(new ScalarFunction<T>(f), x, v);
    }

    private static (T Value, T[] Gradient, T[] Hvp) ValueGradientAndHvp<T, TFunction>(TFunction f, T[] x, T[] v)
        where T : IFloatingPointIeee754<T>
        where TFunction : ISecondOrderFunction<T>
    {
        Guard.Input(x, nameof(x));
        Guard.Length(v, x.Length, nameof(v), nameof(x));
        // every element of both is written (800 KB each at n = 10⁵ need no zeroing)
        T[] gradient = GC.AllocateUninitializedArray<T>(x.Length);
        T[] hvp = GC.AllocateUninitializedArray<T>(x.Length);
        T value = ForwardOverReverse(f, x, v, gradient, hvp);
        return (value, gradient, hvp);
    }

    /// <summary>The forward-over-reverse core: writes ∇f(x) and H·v into the given buffers and returns f(x).</summary>
    /// <remarks>Arguments are checked by the callers; the buffers have the length of <paramref name="x"/>, except
    /// that an empty <paramref name="gradient"/> asks for H·v alone.</remarks>
    internal static T ForwardOverReverse<T, TFunction>(TFunction f, ReadOnlySpan<T> x, ReadOnlySpan<T> v, Span<T> gradient, Span<T> hvp)
        where T : IFloatingPointIeee754<T>
        where TFunction : ISecondOrderFunction<T>
    {
        Dual<T>[] seeds = InputBuffer<Dual<T>>.Rent(x.Length);
        Tape<Dual<T>> tape = Tape<Dual<T>>.Rent();
        try
        {
            DualSpans<T>.Merge(x, v, seeds);
            Var<Dual<T>>[] input = tape.Inputs(seeds);
            if (typeof(TFunction) == typeof(ScalarFunction<T>))
            {
                // an IScalarFunction gets the input buffer as a read-only span: it cannot change under the recording
                tape.SealInputs();
            }

            Var<Dual<T>> y = f.Evaluate(input);

            // only the inputs' adjoints are read: a group of kernel records need not store its inner adjoints
            tape.BackwardForLeading(y);

            // the inputs are the leading records: their adjoints read where they are, no copy (the gradient only if asked)
            DualSpans<T>.Split(tape.LeadingAdjoints(input.Length), gradient, hvp);

            return y.Value.Value;
        }
        finally
        {
            tape.Return();
            InputBuffer<Dual<T>>.Return(seeds);
        }
    }
}
