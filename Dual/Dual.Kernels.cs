namespace DualAutodiff;

public readonly partial struct Dual<T> : IKernelHost<Dual<T>>
{
    /// <inheritdoc/>
    KernelDispatch<Dual<T>> IKernelHost<Dual<T>>.Kernels => DualKernels<T>.Shared;
}
