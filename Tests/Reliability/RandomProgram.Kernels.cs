using System.Numerics;

namespace DualAutodiff.Tests.Reliability;

public sealed partial record RandomProgram
{
    /// <summary>One kernel instruction over the registers (a, b, c) and the constant K; every one is smooth for every
    /// real input, and together they call every kernel, with constants mixed into the spans, outputs of one kernel
    /// feeding the next, and in-place (aliased) destinations.</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="kind">A kernel kind.</param>
    /// <param name="a">The first register.</param>
    /// <param name="b">The second register.</param>
    /// <param name="c">The third register.</param>
    /// <param name="k">The instruction's constant.</param>
    /// <returns>The instruction's register.</returns>
    public static T Kernel<T>(Kind kind, T a, T b, T c, double k)
        where T : IFloatingPointIeee754<T>
    {
        T kk = T.CreateChecked(k);
        T[] v = [a, b, c];
        var t = new T[4];
        var u = new T[4];
        switch (kind)
        {
            case Kind.KernelDot:
                return Kernels.Dot<T>(v, [c, a, kk]);
            case Kind.KernelLogSumExp:
                return Kernels.LogSumExp<T>([a, b, c, kk]);
            case Kind.KernelSoftMax:
                Kernels.SoftMax<T>(v, t);
                return t[0] - t[2];
            case Kind.KernelTanhSigmoid:
                Kernels.Tanh<T>(v, t);
                Kernels.Sigmoid<T>([c, b, a], u);
                return Kernels.Dot<T>(t.AsSpan(0, 3), u.AsSpan(0, 3));
            case Kind.KernelSoftplus:
                Kernels.Softplus<T>(v, t);
                return Kernels.Sum<T>(t.AsSpan(0, 3)) - Kernels.SumOfSquares<T>([b, kk]) + Kernels.Norm<T>([a, T.One]);
            case Kind.KernelMatrix:
            {
                // y = [[a, b], [c, K]]·(b, c); D = [[a, b], [c, K]]·[[c, a], [b, 1]]; y·D₀ + D₃
                var y = new T[2];
                var d = new T[4];
                T[] m = [a, b, c, kk];
                Kernels.MatrixVector<T>(m, 2, 2, [b, c], y);
                Kernels.MatrixMultiply<T>(m, [c, a, b, T.One], d, 2, 2, 2);

                // the data overloads with G = [[1, K], [0.5, 2]] (doubles): z = G·(a, b), e = (c, a)·G, f = G·(b, c)ᵀ
                double[] g = [1, k, 0.5, 2];
                var z = new T[2];
                var e = new T[2];
                var f = new T[2];
                Kernels.MatrixVector<T>(g, 2, 2, [a, b], z);
                Kernels.MatrixMultiply<T>([c, a], g, e, 1, 2, 2);
                Kernels.MatrixMultiply<T>(g, [b, c], f, 2, 2, 1);

                // a product wide enough for every block of the matrix kernels: P (4×2) · Q (2×31), Q's first row the
                // registers and K repeated, its second constants
                var q = new T[62];
                for (int j = 0; j < 31; j++)
                {
                    q[j] = j % 4 == 0 ? a : j % 4 == 1 ? b : j % 4 == 2 ? c : kk;
                    q[31 + j] = T.CreateChecked(0.125 * (j % 5));
                }

                var w = new T[124];
                Kernels.MatrixMultiply<T>([a, b, c, kk, b, c, a, T.One], q, w, 4, 2, 31);
                return Kernels.Dot<T>(y, d.AsSpan(0, 2)) + d[3] + Kernels.Dot<T>(z, e) + (f[0] * f[1]) + (Kernels.SumOfSquares<T>(w) / T.CreateChecked(256));
            }

            default:
            {
                // t = ((v − K) ⊙ (c, a, b)) / (1 + t²), then K / (1 + t²), log, and the scalar forms of + − × ÷; plus
                // the long spans of LongChain
                Span<T> s = t.AsSpan(0, 3), w = u.AsSpan(0, 3);
                Kernels.Subtract<T>(v, kk, s);
                Kernels.Multiply<T>(s, [c, a, b], s);
                Kernels.Square<T>(s, w);
                Kernels.Add<T>(w, T.One, w);
                Kernels.Divide<T>(s, w, s);
                Kernels.Divide<T>(kk, w, w);
                Kernels.Multiply<T>(w, kk, w);
                Kernels.Log<T>(w, w);
                Kernels.Subtract<T>(T.One, s, s);
                Kernels.Divide<T>(s, kk, s);
                Kernels.Add<T>(s, w, s);
                Kernels.Subtract<T>(s, [a, kk, T.One], s);
                Kernels.Exp<T>(s, w);
                return (Kernels.Sum<T>(w) / T.CreateChecked(16)) + LongChain(a, kk);
            }
        }
    }

    /// <summary>Spans long enough for the chunked recording of elementwise kernels and for a group of kernel records in
    /// the backward (Tape.KernelFusion.cs, Tape.KernelGroups.cs): t = (1 + (i mod 7)/8)·a (a run of kernel outputs),
    /// then chained Rosenbrock over t: u = (t[1..] − t[..m]²)/2 in place, w = K − t[..m]; then q = (w/4)² + 1, 1 − q,
    /// q − u, q + w in place (first writers of kernel outputs' adjoints, Square, AddScalar, ScalarSubtract, Subtract
    /// and Add among them); the sums of squares.</summary>
    private static T LongChain<T>(T a, T k)
        where T : IFloatingPointIeee754<T>
    {
        const int Length = 600;
        const int M = Length - 1;
        var c = new T[Length];
        for (int i = 0; i < Length; i++)
        {
            c[i] = T.CreateChecked(1 + ((i % 7) / 8.0));
        }

        var t = new T[Length];
        var u = new T[M];
        var w = new T[M];
        Kernels.Multiply<T>(c, a, t);
        Kernels.Square<T>(t.AsSpan(0, M), u);
        Kernels.Subtract<T>(t.AsSpan(1), u, u);
        Kernels.Subtract<T>(k, t.AsSpan(0, M), w);
        Kernels.Multiply<T>(u, T.CreateChecked(0.5), u);
        var p = new T[M];
        var q = new T[M];
        Kernels.Multiply<T>(w, T.CreateChecked(0.25), p);
        Kernels.Square<T>(p, q);
        Kernels.Add<T>(q, T.One, q);
        Kernels.Subtract<T>(T.One, q, q);
        Kernels.Subtract<T>(q, u, q);
        Kernels.Add<T>(q, w, q);
        return (Kernels.SumOfSquares<T>(u) + Kernels.SumOfSquares<T>(w) + (Kernels.SumOfSquares<T>(q) / T.CreateChecked(64))) / T.CreateChecked(4 * Length);
    }
}
