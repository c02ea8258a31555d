namespace DualAutodiff;

/// <summary>How <see cref="Hvp.Compute{T}(IScalarFunction, T[], T[], HvpMethod)"/> forms the Hessian-vector
/// product H·v: the three exact compositions of forward and reverse mode, and a finite-difference check.</summary>
public enum HvpMethod
{
    /// <summary><c>Var&lt;Dual&lt;T&gt;&gt;</c> is forward-over-reverse (JAX's <c>jvp(grad f)</c>): inputs
    /// xᵢ + vᵢε recorded once, one backward sweep with dual adjoints whose value part is ∇f and tangent part
    /// H·v. The default and the fastest.</summary>
    ForwardOverReverse,

    /// <summary><c>Dual&lt;Var&lt;T&gt;&gt;</c> is reverse-over-forward (Stan's <c>fvar&lt;var&gt;</c>): the
    /// directional derivative ∇f·v is recorded as a <c>Var&lt;T&gt;</c>, and one backward sweep from it gives
    /// ∇(∇f·v) = H·v (Stan's <c>hessian_times_vector</c>).</summary>
    ReverseOverForward,

    /// <summary><c>Var&lt;Var&lt;T&gt;&gt;</c> is reverse-over-reverse (PyTorch's double backward): the gradient
    /// sweep of the inner tape is itself recorded on the outer <c>Tape&lt;T&gt;</c>, then one backward sweep of
    /// gᵀv gives H·v.</summary>
    ReverseOverReverse,

    /// <summary>Central differences of the reverse-mode gradient along v,
    /// (∇f(x + hv) − ∇f(x − hv)) / 2h, with h = ∛ε / maxᵢ(|vᵢ| / max(|xᵢ|, 1)), scaled per input. Not exact: a cross-check with
    /// about two thirds of the significant digits, at the cost of two gradients.</summary>
    FiniteDifference,
}
