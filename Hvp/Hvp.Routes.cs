using System.Numerics;

namespace DualAutodiff;

public static partial class Hvp
{
    /// <summary>The Hessian-vector product H(x)·v of a generic scalar function, by the chosen route.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The direction, length n.</param>
    /// <param name="method">The route; forward-over-reverse unless a cross-check is wanted.</param>
    /// <returns>H·v, length n.</returns>
    /// <remarks>The three exact routes agree to rounding; <see cref="HvpMethod.FiniteDifference"/> to about
    /// ε^(2/3) relative. NaN or ∞ in <paramref name="v"/> flows through to the result.</remarks>
    public static T[] Compute<T>(IScalarFunction f, T[] x, T[] v, HvpMethod method = HvpMethod.ForwardOverReverse)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        Guard.Length(v, x.Length, nameof(v), nameof(x));
        // forward-over-reverse writes every element (800 KB at n = 10⁵ need no zeroing)
        T[] hvp = method == HvpMethod.ForwardOverReverse ? GC.AllocateUninitializedArray<T>(x.Length) : new T[x.Length];
        switch (method)
        {
            case HvpMethod.ForwardOverReverse:
                // no gradient buffer: the caller wants H·v only
                ForwardOverReverse(new ScalarFunction<T>(f), x, v, [], hvp);
                break;
            case HvpMethod.ReverseOverForward:
                ReverseOverForward(f, x, v, hvp);
                break;
            case HvpMethod.ReverseOverReverse:
                ReverseOverReverse(f, x, v, hvp);
                break;
            case HvpMethod.FiniteDifference:
                FiniteDifference(f, x, v, hvp);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown HVP method.");
        }

        return hvp;
    }

    /// <summary>The Hessian-vector product H(x)·v of a generic scalar function, forward-over-reverse, written into
    /// <paramref name="hvp"/>: no result array, so a loop over large inputs allocates nothing.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n.</param>
    /// <param name="v">The direction, length n.</param>
    /// <param name="hvp">Where H·v goes, length n (it may be <paramref name="x"/> or <paramref name="v"/>: both are read
    /// whole before f runs).</param>
    /// <remarks>The same numbers as <see cref="Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/> by forward-over-reverse,
    /// bit for bit (see <see cref="Reverse.ValueAndGradient{T}(IScalarFunction, ReadOnlySpan{T}, Span{T})"/> for why a
    /// buffer kept across calls is faster at large n). <paramref name="hvp"/> is untouched when f throws.</remarks>
    public static void Compute<T>(IScalarFunction f, ReadOnlySpan<T> x, ReadOnlySpan<T> v, Span<T> hvp)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Length(v.Length, x.Length, nameof(v), nameof(x));
        Guard.Length(hvp.Length, x.Length, nameof(hvp), nameof(x));
        ForwardOverReverse(new ScalarFunction<T>(f), x, v, [], hvp);
    }

    /// <summary><c>Dual&lt;Var&lt;T&gt;&gt;</c> is reverse-over-forward (Stan's <c>fvar&lt;var&gt;</c>): xᵢ is a
    /// recorded variable with the constant tangent vᵢ, so f's tangent is the recorded ∇f·v, and a backward sweep
    /// from it gives ∇(∇f·v) = H·v.</summary>
    private static void ReverseOverForward<T>(IScalarFunction f, T[] x, T[] v, Span<T> hvp)
        where T : IFloatingPointIeee754<T>
    {
        Dual<Var<T>>[] input = InputBuffer<Dual<Var<T>>>.Rent(x.Length);
        Tape<T> tape = Tape<T>.Rent();
        try
        {
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = new Dual<Var<T>>(tape.Variable(x[i]), (Var<T>)v[i]);
            }

            tape.Backward(f.Evaluate<Dual<Var<T>>>(input).Tangent);
            for (int i = 0; i < input.Length; i++)
            {
                hvp[i] = tape.Adjoint(input[i].Value);
            }
        }
        finally
        {
            tape.Return();
            InputBuffer<Dual<Var<T>>>.Return(input);
        }
    }

    /// <summary><c>Var&lt;Var&lt;T&gt;&gt;</c> is reverse-over-reverse (PyTorch's double backward): the inner
    /// tape's gradient sweep runs in <c>Var&lt;T&gt;</c> arithmetic, so it is recorded on the outer
    /// <c>Tape&lt;T&gt;</c>; a backward sweep of gᵀv there gives ∇(∇f·v) = H·v.</summary>
    private static void ReverseOverReverse<T>(IScalarFunction f, T[] x, T[] v, Span<T> hvp)
        where T : IFloatingPointIeee754<T>
    {
        Tape<T> outer = Tape<T>.Rent();
        try
        {
            Var<T>[] xs = outer.Inputs(x);
            Var<T> gv = T.Zero;
            Tape<Var<T>> inner = Tape<Var<T>>.Rent();
            try
            {
                Var<Var<T>>[] input = inner.Inputs(xs);
                inner.Backward(f.Evaluate<Var<Var<T>>>(input));
                for (int i = 0; i < input.Length; i++)
                {
                    gv += inner.Adjoint(input[i]) * v[i];
                }
            }
            finally
            {
                inner.Return();
            }

            outer.Backward(gv);
            for (int i = 0; i < xs.Length; i++)
            {
                hvp[i] = outer.Adjoint(xs[i]);
            }
        }
        finally
        {
            outer.Return();
        }
    }

    /// <summary>Central differences of the reverse gradient along v: (∇f(x + tv) − ∇f(x − tv)) / 2t.</summary>
    /// <remarks>The step t = ∛ε / maxᵢ(|vᵢ| / max(|xᵢ|, 1)) is scaled per input (<see cref="GradCheck.StepAlong{T}"/>,
    /// shared with <see cref="GradCheck"/>): no input moves by more than ∛ε·max(|xᵢ|, 1), which balances the O(t²)
    /// truncation error against the O(ε/t) rounding error in every input's own scale, and scaling v scales the
    /// result exactly.</remarks>
    private static void FiniteDifference<T>(IScalarFunction f, T[] x, T[] v, Span<T> hvp)
        where T : IFloatingPointIeee754<T>
    {
        T h = GradCheck.StepAlong<T>(x, v);
        if (T.IsZero(h))
        {
            hvp.Clear();
            return;
        }

        int n = x.Length;
        var shifted = new T[n];
        var plus = new T[n];
        for (int i = 0; i < n; i++)
        {
            shifted[i] = x[i] + h * v[i];
        }

        ValueAndGradient(f, shifted, plus);
        for (int i = 0; i < n; i++)
        {
            shifted[i] = x[i] - h * v[i];
        }

        ValueAndGradient(f, shifted, hvp);
        T twoH = h + h;
        for (int i = 0; i < n; i++)
        {
            hvp[i] = (plus[i] - hvp[i]) / twoH;
        }
    }

    /// <summary>f(x), with ∇f(x) written into <paramref name="gradient"/>: one reverse sweep, no allocation.</summary>
    internal static T ValueAndGradient<T>(IScalarFunction f, T[] x, Span<T> gradient)
        where T : IFloatingPointIeee754<T>
    {
        Tape<T> tape = Tape<T>.Rent();
        try
        {
            Var<T>[] input = tape.Inputs(x);
            Var<T> y = f.Evaluate<Var<T>>(input);
            tape.Backward(y);
            for (int i = 0; i < input.Length; i++)
            {
                gradient[i] = tape.Adjoint(input[i]);
            }

            return y.Value;
        }
        finally
        {
            tape.Return();
        }
    }
}
