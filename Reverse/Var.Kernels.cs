namespace DualAutodiff;

public readonly partial struct Var<T> : IKernelHost<Var<T>>
{
    /// <inheritdoc/>
    KernelDispatch<Var<T>> IKernelHost<Var<T>>.Kernels => VarKernels<T>.Shared;
}
