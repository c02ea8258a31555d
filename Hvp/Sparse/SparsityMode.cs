namespace DualAutodiff;

/// <summary>How sparsity detection treats branches in the function.</summary>
public enum SparsityMode
{
    /// <summary>The pattern at the given point: comparisons, min/max and conversions use the values there, so the
    /// branches are those the function takes at x (SparseConnectivityTracer's local tracers). A later point where a
    /// branch goes the other way is detected, and the pattern found anew there.</summary>
    Local,

    /// <summary>A pattern valid at every point: min and max depend on both arguments, and a comparison, predicate
    /// (<c>IsNaN</c>, …) or conversion out of a value that depends on the input throws
    /// <see cref="InvalidOperationException"/> naming the operation, since its outcome could differ elsewhere.</summary>
    Global,
}
