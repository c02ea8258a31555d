using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace DualAutodiff;

/// <summary>The backward (vector-Jacobian product) of every recorded kernel, written with kernels at
/// <typeparamref name="T"/>: SIMD at double, value-and-tangent kernels at <c>Dual&lt;double&gt;</c> (forward-over-reverse
/// H·v), recorded kernels at <c>Var&lt;double&gt;</c> (reverse-over-reverse). Every partial·adjoint product uses the
/// 0·∞ = 0 rule, so a zero adjoint never makes NaN.</summary>
/// <typeparam name="T">The tape's scalar type.</typeparam>
internal static class KernelRules<T>
    where T : IFloatingPointIeee754<T>
{
    /// <summary>Elements per chunk of the elementwise backward (a few kilobytes per span: the first-level cache).</summary>
    private const int Chunk = 512;

    /// <summary>Elements per chunk where the backward clears its targets as it goes (the second-level cache).</summary>
    private const int ClearChunk = 2048;

    /// <summary>Whether kernels at <typeparamref name="T"/> record (T holds a <c>Var</c>): one kernel call then costs a
    /// record, so the backward runs each kernel over whole spans instead of chunks.</summary>
    private static readonly bool s_isRecorded = !(typeof(T) == typeof(double) || typeof(T) == typeof(float) || typeof(T) == typeof(Dual<double>) || typeof(T) == typeof(Dual<float>));

    private static KernelDispatch<T> K => KernelDispatch<T>.Instance;

    /// <summary>ā += ∂z/∂a ᵀ·z̄ and b̄ += ∂z/∂b ᵀ·z̄; an empty <paramref name="abar"/> or <paramref name="bbar"/> is a
    /// constant operand, skipped.</summary>
    /// <remarks>With <paramref name="clearA"/> (<paramref name="clearB"/>) the target's slots hold garbage and the rule
    /// clears them chunk by chunk just before adding to them (a kind <see cref="IsChunked"/> accepts): the result is
    /// bit for bit that of adding to zeros, without a cold clearing pass.</remarks>
    public static void Vjp(KernelKind kind, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> z, ReadOnlySpan<T> g, Span<T> abar, Span<T> bbar, int p0, int p1, int p2, ReadOnlyMemory<double> data = default, bool clearA = false, bool clearB = false)
    {
        if (clearA || clearB)
        {
            Chunked(kind, a, b, z, g, abar, bbar, clearA, clearB);
            return;
        }

        if (kind is KernelKind.MatrixVectorData or KernelKind.MatrixMultiplyDataRight or KernelKind.MatrixMultiplyDataLeft)
        {
            // the data D is constant: only the span operand (a) has an adjoint
            if (!abar.IsEmpty)
            {
                switch (kind)
                {
                    case KernelKind.MatrixVectorData: K.TransposeMultiplyAddData(data, p0, p1, g, abar); break;       // y = D·x: x̄ += Dᵀ·ȳ
                    case KernelKind.MatrixMultiplyDataRight: K.MultiplyTransposedAddData(g, data, abar, p0, p1, p2); break; // C = A·D: Ā += C̄·Dᵀ
                    default: K.TransposedMultiplyAddData(data, g, abar, p0, p1, p2); break;                            // C = D·B: B̄ += Dᵀ·C̄
                }
            }

            return;
        }

        if (kind == KernelKind.MatrixVector)
        {
            MatrixVector(a, b, g, abar, bbar, p0, p1);
            return;
        }

        if (kind == KernelKind.MatrixMultiply)
        {
            MatrixMultiply(a, b, g, abar, bbar, p0, p1, p2);
            return;
        }

        bool da = !abar.IsEmpty, db = !bbar.IsEmpty;
        int n = Math.Max(Math.Max(a.Length, b.Length), z.Length);

        // scratch only for the rules that use it (a rule of a group's chunk runs a thousand times per sweep)
        T[]? buffer = NeedsScratch(kind) ? ArrayPool<T>.Shared.Rent(Math.Max(1, 2 * n)) : null;
        try
        {
            Span<T> t = buffer is null ? default : buffer.AsSpan(0, n), u = buffer is null ? default : buffer.AsSpan(n, n);
            switch (kind)
            {
                case KernelKind.Dot:
                case KernelKind.ScaleDot:
                    AddScaled(b, g[0], abar, t, da);
                    AddScaled(a, g[0], bbar, t, db);
                    break;
                case KernelKind.Sum:
                    K.AddScalar(abar, g[0], abar);
                    break;
                case KernelKind.SumOfSquares:
                    AddScaled(a, g[0] + g[0], abar, t, da);
                    break;
                case KernelKind.Norm:
                    // x̄ = x·(z̄/‖x‖); at x = 0 that is 0·∞ = 0
                    AddScaled(a, Propagation.Scale(g[0], T.One / z[0]), abar, t, da);
                    break;
                case KernelKind.LogSumExp:
                    if (da)
                    {
                        Span<T> p = t[..a.Length];
                        K.SubtractScalar(a, z[0], p);
                        K.Exp(p, p);
                        AddScaled(p, g[0], abar, u, true);
                    }

                    break;
                case KernelKind.Add:
                    Accumulate(abar, g, da, subtract: false);
                    Accumulate(bbar, g, db, subtract: false);
                    break;
                case KernelKind.Subtract when da && db && PlainKernels<T>.HasVectorPasses && !abar.Overlaps(bbar):
                    // ā += z̄ and b̄ −= z̄ in one pass over z̄
                    PlainKernels<T>.AddAndSubtract(g, abar, bbar);
                    break;
                case KernelKind.Subtract:
                    Accumulate(abar, g, da, subtract: false);
                    Accumulate(bbar, g, db, subtract: true);
                    break;
                case KernelKind.Multiply:
                case KernelKind.Scale:
                    AddScaled(g, b, abar, t, da, subtract: false);
                    AddScaled(g, a, bbar, t, db, subtract: false);
                    break;
                case KernelKind.Divide:
                    // z = a/b: ā += z̄/b, b̄ −= z̄·z/b
                    K.ScalarDivide(T.One, b, u[..b.Length]);
                    AddScaled(g, u[..b.Length], abar, t, da, subtract: false);
                    if (db)
                    {
                        K.Multiply(z, u[..b.Length], u[..b.Length]);
                        AddScaled(g, u[..b.Length], bbar, t, true, subtract: true);
                    }

                    break;
                case KernelKind.AddScalar:
                    Accumulate(abar, g, da, subtract: false);
                    if (db)
                    {
                        bbar[0] += K.Sum(g);
                    }

                    break;
                case KernelKind.SubtractScalar:
                    Accumulate(abar, g, da, subtract: false);
                    if (db)
                    {
                        bbar[0] -= K.Sum(g);
                    }

                    break;
                case KernelKind.ScalarSubtract:
                    if (da)
                    {
                        abar[0] += K.Sum(g);
                    }

                    Accumulate(bbar, g, db, subtract: true);
                    break;
                case KernelKind.MultiplyScalar:
                case KernelKind.ScaleScalar:
                    AddScaled(g, b[0], abar, t, da);
                    if (db)
                    {
                        bbar[0] += K.ScaleDot(g, a);
                    }

                    break;
                case KernelKind.DivideScalar:
                {
                    // z = a/β: ā += z̄/β, β̄ −= (z̄·z)/β
                    T r = T.One / b[0];
                    AddScaled(g, r, abar, t, da);
                    if (db)
                    {
                        bbar[0] -= Propagation.Scale(K.ScaleDot(g, z), r);
                    }

                    break;
                }

                case KernelKind.ScalarDivide:
                    // z = α/b: ᾱ += Σ z̄/b, b̄ −= z̄·z/b
                    K.ScalarDivide(T.One, b, u[..b.Length]);
                    if (da)
                    {
                        abar[0] += K.ScaleDot(g, u[..b.Length]);
                    }

                    if (db)
                    {
                        K.Multiply(z, u[..b.Length], u[..b.Length]);
                        AddScaled(g, u[..b.Length], bbar, t, true, subtract: true);
                    }

                    break;
                case KernelKind.Square when da && PlainKernels<T>.HasVectorPasses:
                    // ā += Scale(z̄, 2a) in one pass: the same products as 2a into a span and then ScaleAdd
                    PlainKernels<T>.ScaleAddDoubled(g, a, abar);
                    break;
                case KernelKind.Exp:
                case KernelKind.Log:
                case KernelKind.Tanh:
                case KernelKind.Sigmoid:
                case KernelKind.Softplus:
                case KernelKind.Square:
                    if (da)
                    {
                        // chunk by chunk where T is not recorded: f′ stays in the first-level cache for the
                        // product instead of a pass of its own over the whole span (one chunk: the whole span)
                        int chunk = s_isRecorded ? a.Length : Chunk;
                        for (int start = 0; start < a.Length; start += chunk)
                        {
                            int length = Math.Min(chunk, a.Length - start);
                            ReadOnlySpan<T> derivative = ElementwiseDerivatives<T>.Of(Elementwise(kind), a.Slice(start, length), z.Slice(start, length), u[..length]);
                            AddScaled(g.Slice(start, length), derivative, abar.Slice(start, length), t, true, subtract: false);
                        }
                    }

                    break;
                case KernelKind.SoftMax:
                    if (da)
                    {
                        // ā += z ⊙ (z̄ − z̄·z)
                        K.SubtractScalar(g, K.ScaleDot(g, z), u[..z.Length]);
                        AddScaled(z, u[..z.Length], abar, t, true, subtract: false);
                    }

                    break;
                default:
                    throw new InvalidOperationException($"No backward rule for kernel {kind}.");
            }
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<T>.Shared.Return(buffer, clearArray: RuntimeHelpers.IsReferenceOrContainsReferences<T>());
            }
        }
    }

    /// <summary>Whether the rule of <paramref name="kind"/> in <see cref="Vjp"/> uses its scratch spans (a product
    /// subtracted, a derivative or a quotient computed first); the sums, differences and scaled sums do not.</summary>
    private static bool NeedsScratch(KernelKind kind) => !(kind is KernelKind.Dot or KernelKind.ScaleDot or KernelKind.Sum
        or KernelKind.SumOfSquares or KernelKind.Norm or KernelKind.Add or KernelKind.Subtract or KernelKind.AddScalar
        or KernelKind.SubtractScalar or KernelKind.ScalarSubtract or KernelKind.MultiplyScalar or KernelKind.ScaleScalar
        or KernelKind.DivideScalar || (kind == KernelKind.Square && PlainKernels<T>.HasVectorPasses));

    /// <summary><see cref="Vjp"/> where the target <paramref name="abar"/> (with <paramref name="assignA"/>) or
    /// <paramref name="bbar"/> (with <paramref name="assignB"/>) holds garbage and its contributions are written, not
    /// added: bit for bit the rule adding to cleared slots (each written sum is +0 plus the contribution), without
    /// the clearing pass and the reads of the cleared slots. Kinds without a writing pass, other types than double and
    /// float, and overlapping targets clear the targets and add.</summary>
    /// <param name="kind">An elementwise kind or a reduction whose rule runs by chunks (<see cref="IsChunked"/>).</param>
    /// <param name="a">The first operand's values (this chunk's).</param>
    /// <param name="b">The second operand's values (this chunk's).</param>
    /// <param name="z">The outputs' values (this chunk's; the whole output of a reduction).</param>
    /// <param name="g">The outputs' adjoints (this chunk's; the one adjoint of a reduction).</param>
    /// <param name="abar">The first operand's adjoints (this chunk's; empty for a constant).</param>
    /// <param name="bbar">The second operand's adjoints (this chunk's; empty for a constant).</param>
    /// <param name="assignA">Whether <paramref name="abar"/> is written.</param>
    /// <param name="assignB">Whether <paramref name="bbar"/> is written.</param>
    public static void VjpAssign(KernelKind kind, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> z, ReadOnlySpan<T> g, Span<T> abar, Span<T> bbar, bool assignA, bool assignB)
    {
        bool da = !abar.IsEmpty, db = !bbar.IsEmpty;
        assignA &= da;
        assignB &= db;
        if ((assignA || assignB) && PlainKernels<T>.HasVectorPasses && !(da && db && abar.Overlaps(bbar)))
        {
            switch (kind)
            {
                case KernelKind.SumOfSquares when !db:
                    PlainKernels<T>.ScaleInto(a, g[0] + g[0], abar);
                    return;
                case KernelKind.Subtract when da && db:
                    PlainKernels<T>.AddAndSubtract(g, abar, bbar, assignA, assignB);
                    return;
                case KernelKind.Subtract:
                case KernelKind.Add when !(da && db):
                    // one target: +0 ± z̄
                    Write(g, da ? abar : bbar, kind == KernelKind.Subtract && db);
                    return;
                case KernelKind.AddScalar or KernelKind.SubtractScalar when !db:
                    Write(g, abar, subtract: false);
                    return;
                case KernelKind.ScalarSubtract when !da:
                    Write(g, bbar, subtract: true);
                    return;
                case KernelKind.Square:
                    PlainKernels<T>.ScaleAddDoubled(g, a, abar, assign: true);
                    return;
            }
        }

        if (assignA)
        {
            abar.Clear();
        }

        if (assignB)
        {
            bbar.Clear();
        }

        Vjp(kind, a, b, z, g, abar, bbar, 0, 0, 0);
    }

    /// <summary>accᵢ = +0 + gᵢ, or +0 − gᵢ when <paramref name="subtract"/>: the sums of a cleared acc.</summary>
    private static void Write(ReadOnlySpan<T> g, Span<T> acc, bool subtract)
    {
        if (subtract)
        {
            K.ScalarSubtract(T.Zero, g, acc);
        }
        else
        {
            K.AddScalar(g, T.Zero, acc);
        }
    }

    /// <summary>Whether the rule of <paramref name="kind"/> may run chunk by chunk over its span operands, with the same
    /// result bit for bit: an elementwise kind, or a reduction (whose adjoint is one scalar for every chunk), or a
    /// kind with a scalar operand that is a constant (a variable one would sum its adjoint in another order); and T
    /// does not record (a chunk would be a record).</summary>
    /// <param name="kind">The kernel.</param>
    /// <param name="aVariable">Whether the first operand has an adjoint.</param>
    /// <param name="bVariable">Whether the second operand has an adjoint.</param>
    /// <returns>Whether <see cref="Vjp"/> accepts clearing flags for it.</returns>
    public static bool IsChunked(KernelKind kind, bool aVariable, bool bVariable) => !s_isRecorded && kind switch
    {
        KernelKind.Dot or KernelKind.ScaleDot or KernelKind.Sum or KernelKind.SumOfSquares or KernelKind.Norm => true,
        KernelKind.Add or KernelKind.Subtract or KernelKind.Multiply or KernelKind.Scale or KernelKind.Divide => true,
        KernelKind.Exp or KernelKind.Log or KernelKind.Tanh or KernelKind.Sigmoid or KernelKind.Softplus or KernelKind.Square => true,
        KernelKind.AddScalar or KernelKind.SubtractScalar or KernelKind.MultiplyScalar or KernelKind.DivideScalar or KernelKind.ScaleScalar => !bVariable,
        KernelKind.ScalarSubtract or KernelKind.ScalarDivide => !aVariable,
        _ => false,
    };

    /// <summary>The rule chunk by chunk, each target chunk cleared first where asked (see <see cref="VjpSlice"/>).</summary>
    private static void Chunked(KernelKind kind, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> z, ReadOnlySpan<T> g, Span<T> abar, Span<T> bbar, bool clearA, bool clearB)
    {
        int n = SpanLength(kind, a.Length, b.Length);
        for (int start = 0; start < n; start += ClearChunk)
        {
            VjpSlice(kind, a, b, z, g, abar, bbar, start, Math.Min(ClearChunk, n - start), clearA, clearB);
        }
    }

    /// <summary>The length of the span operands of a kind <see cref="IsChunked"/> accepts (the second's for a scalar
    /// first operand).</summary>
    /// <param name="kind">The kernel.</param>
    /// <param name="a">The first operand's length.</param>
    /// <param name="b">The second operand's length.</param>
    /// <returns>The length the chunks of <see cref="VjpSlice"/> divide.</returns>
    public static int SpanLength(KernelKind kind, int a, int b) => kind is KernelKind.ScalarSubtract or KernelKind.ScalarDivide ? b : a;

    /// <summary>The rule of a kind <see cref="IsChunked"/> accepts, over elements <paramref name="start"/> …
    /// start + length − 1 of its span operands (and outputs, for elementwise kinds; a reduction's output and adjoint
    /// and a scalar operand whole), each target slice cleared first where asked.</summary>
    /// <param name="kind">The kernel.</param>
    /// <param name="a">The first operand's values (whole).</param>
    /// <param name="b">The second operand's values (whole).</param>
    /// <param name="z">The outputs' values (whole).</param>
    /// <param name="g">The outputs' adjoints (whole).</param>
    /// <param name="abar">The first operand's adjoints (whole; empty for a constant).</param>
    /// <param name="bbar">The second operand's adjoints (whole; empty for a constant).</param>
    /// <param name="start">The first element.</param>
    /// <param name="length">How many.</param>
    /// <param name="clearA">Whether the slice of <paramref name="abar"/> is cleared first.</param>
    /// <param name="clearB">Whether the slice of <paramref name="bbar"/> is cleared first.</param>
    public static void VjpSlice(KernelKind kind, ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> z, ReadOnlySpan<T> g, Span<T> abar, Span<T> bbar, int start, int length, bool clearA, bool clearB)
    {
        Shape(kind, out bool reduction, out bool scalarA, out bool scalarB);
        Span<T> ab = abar.IsEmpty || scalarA ? abar : abar.Slice(start, length);
        Span<T> bb = bbar.IsEmpty || scalarB ? bbar : bbar.Slice(start, length);
        VjpAssign(
            kind,
            scalarA ? a : a.Slice(start, length),
            scalarB || b.IsEmpty ? b : b.Slice(start, length),
            reduction ? z : z.Slice(start, length),
            reduction ? g : g.Slice(start, length),
            ab,
            bb,
            clearA && !scalarA,
            clearB && !scalarB);
    }

    /// <summary>How the chunks of a kind <see cref="IsChunked"/> accepts slice its spans.</summary>
    /// <param name="kind">The kernel.</param>
    /// <param name="reduction">Whether its output (and the output's adjoint) is one scalar, never sliced.</param>
    /// <param name="scalarA">Whether its first operand is a scalar, never sliced.</param>
    /// <param name="scalarB">Whether its second operand is a scalar, never sliced.</param>
    public static void Shape(KernelKind kind, out bool reduction, out bool scalarA, out bool scalarB)
    {
        reduction = kind is KernelKind.Dot or KernelKind.ScaleDot or KernelKind.Sum or KernelKind.SumOfSquares or KernelKind.Norm;
        scalarA = kind is KernelKind.ScalarSubtract or KernelKind.ScalarDivide;
        scalarB = kind is KernelKind.AddScalar or KernelKind.SubtractScalar or KernelKind.MultiplyScalar or KernelKind.DivideScalar or KernelKind.ScaleScalar;
    }

    /// <summary>y = A·x: Ā += z̄·xᵀ and x̄ += Aᵀ·z̄ (rows with a zero adjoint skipped).</summary>
    private static void MatrixVector(ReadOnlySpan<T> a, ReadOnlySpan<T> x, ReadOnlySpan<T> g, Span<T> abar, Span<T> xbar, int rows, int columns)
    {
        if (!abar.IsEmpty)
        {
            K.OuterAdd(g, x, abar);
        }

        if (!xbar.IsEmpty)
        {
            K.TransposeMultiplyAdd(a, rows, columns, g, xbar);
        }
    }

    /// <summary>C = A·B: Ā += C̄·Bᵀ and B̄ += Aᵀ·C̄.</summary>
    private static void MatrixMultiply(ReadOnlySpan<T> a, ReadOnlySpan<T> b, ReadOnlySpan<T> g, Span<T> abar, Span<T> bbar, int m, int k, int n)
    {
        if (!abar.IsEmpty)
        {
            K.MultiplyTransposedAdd(g, b, abar, m, k, n);
        }

        if (!bbar.IsEmpty)
        {
            K.TransposedMultiplyAdd(a, g, bbar, m, k, n);
        }
    }

    /// <summary>acc += Scale(x, s) (<paramref name="scratch"/> unused: the kernel fuses it).</summary>
    private static void AddScaled(ReadOnlySpan<T> x, T s, Span<T> acc, Span<T> scratch, bool wanted)
    {
        _ = scratch;
        if (wanted && !x.IsEmpty)
        {
            K.ScaleAddScalar(x, s, acc);
        }
    }

    /// <summary>acc ±= Scale(x, y) elementwise, through <paramref name="scratch"/> when subtracting.</summary>
    private static void AddScaled(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> acc, Span<T> scratch, bool wanted, bool subtract)
    {
        if (!wanted || x.IsEmpty)
        {
            return;
        }

        if (!subtract)
        {
            K.ScaleAdd(x, y, acc);
            return;
        }

        Span<T> t = scratch[..x.Length];
        K.Scale(x, y, t);
        K.Subtract(acc, t, acc);
    }

    private static void Accumulate(Span<T> acc, ReadOnlySpan<T> g, bool wanted, bool subtract)
    {
        if (!wanted || g.IsEmpty)
        {
            return;
        }

        if (subtract)
        {
            K.Subtract(acc, g, acc);
        }
        else
        {
            K.Add(acc, g, acc);
        }
    }

    private static ElementwiseFunction Elementwise(KernelKind kind) => kind switch
    {
        KernelKind.Exp => ElementwiseFunction.Exp,
        KernelKind.Log => ElementwiseFunction.Log,
        KernelKind.Tanh => ElementwiseFunction.Tanh,
        KernelKind.Sigmoid => ElementwiseFunction.Sigmoid,
        KernelKind.Softplus => ElementwiseFunction.Softplus,
        _ => ElementwiseFunction.Square,
    };
}
