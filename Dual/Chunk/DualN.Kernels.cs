namespace DualAutodiff;

public readonly partial struct Dual<T, TTangents> : IKernelHost<Dual<T, TTangents>>
{
    /// <summary>The lanes' kernels for a plain T (single-tangent kernels per lane, plain values); for a differentiable
    /// T (a nested dual or a <c>Var</c>) the generic loops, which record or nest through the lanes' own operations.</summary>
    private static readonly KernelDispatch<Dual<T, TTangents>> s_kernels =
        RuleDispatch<T>.IsDifferentiable ? new PlainKernels<Dual<T, TTangents>>() : LaneKernels<T, TTangents>.Shared;

    /// <inheritdoc/>
    KernelDispatch<Dual<T, TTangents>> IKernelHost<Dual<T, TTangents>>.Kernels => s_kernels;
}
