using MathNet.Numerics.LinearAlgebra;

namespace DualAutodiff;

/// <summary>
/// The sparse Hessian of f: its pattern and star colouring, found once, then H(x) at any x from one compressed
/// Hessian-vector product per colour. Made by <see cref="Sparse.PrepareHessian(IScalarFunction, double[], SparsityMode)"/>.
/// </summary>
/// <remarks>
/// <para>With the pattern coloured so that every path on four vertices uses three colours (star colouring), the
/// products H·sᶜ, sᶜ the indicator of colour c, determine every Hᵢⱼ directly: a tridiagonal Hessian costs 3 products
/// whatever n.</para>
/// <para>In <see cref="SparsityMode.Local"/> mode, when f branched on x while it was traced
/// (<see cref="ChecksBranches"/>), each <see cref="Evaluate"/> at a new point first runs f once with the tracer there
/// (a few times the cost of f) and compares the operations with those the pattern was found from. If a branch went
/// another way, the pattern and colouring are found anew (<see cref="Preparations"/> counts them), so a result never
/// lacks an entry. A function that takes no branch on x, and every function in <see cref="SparsityMode.Global"/> mode,
/// has one pattern for every point, never re-checked. f must be a function of x alone (no hidden state that changes
/// its operations between calls).</para>
/// <para>Calls from several threads are serialised (the object reuses its buffers).</para>
/// </remarks>
public sealed class SparseHessian
{
    private readonly IScalarFunction _f;
    private readonly object _gate = new();
    private readonly SparsityTracer[] _input;
    private readonly double[] _seed;
    private RecordingCopy? _nodes;
    private SparsityPattern _pattern;
    private Coloring _coloring;
    private int[] _recovery;
    private double[] _products;
    private double[]? _tracedAt;

    internal SparseHessian(IScalarFunction f, double[] x, SparsityMode mode)
    {
        _f = f;
        Mode = mode;
        _input = new SparsityTracer[x.Length];
        _seed = new double[x.Length];
        _nodes = SparsityTrace.Hessian(f, x, mode, null, _input, out SparsityPattern? pattern);
        _tracedAt = (double[])x.Clone();
        (_pattern, _coloring, _recovery, _products) = Colour(pattern!);
        Preparations = 1;
    }

    /// <summary>n, the length of x.</summary>
    public int Length => _input.Length;

    /// <summary>How branches were treated when the pattern was found.</summary>
    public SparsityMode Mode { get; }

    /// <summary>The number of colours: of Hessian-vector products per <see cref="Evaluate"/>.</summary>
    public int Colors => _coloring.Count;

    /// <summary>The number of structural nonzeros of the full symmetric Hessian (both triangles and the diagonal).</summary>
    public int NonZeros => _pattern.NonZeros;

    /// <summary>Whether <see cref="Evaluate"/> re-traces f at each new point: in local mode, when f branched on a value
    /// that depends on x (a comparison, predicate, min/max or conversion out) while it was traced. A function that
    /// never does takes the same operations at every point, so its pattern needs no re-check.</summary>
    public bool ChecksBranches => _nodes is not null;

    /// <summary>How many times the pattern was found: 1, plus one for each point where a branch changed it.</summary>
    public int Preparations { get; private set; }

    /// <summary>The ordering whose star colouring was kept (natural, largest-first, smallest-last, …).</summary>
    public string Ordering => _coloring.Ordering;

    /// <summary>The pattern: a new n×n sparse matrix with a one at every structural nonzero.</summary>
    public Matrix<double> Pattern => _pattern.Ones();

    /// <summary>H(x), the Hessian at x, as an n×n sparse (CSR) matrix on the pattern.</summary>
    /// <param name="x">The point, length n.</param>
    /// <returns>A new sparse matrix; entries of the pattern that are 0 at x are stored as 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> has a length other than <see cref="Length"/>.</exception>
    public Matrix<double> Evaluate(double[] x)
    {
        Guard.Length(x, Length, nameof(x), "the prepared Hessian's point");
        lock (_gate)
        {
            if (_nodes is not null && !(_tracedAt is not null && x.AsSpan().SequenceEqual(_tracedAt)))
            {
                _tracedAt = null;
                _nodes = SparsityTrace.Hessian(_f, x, Mode, _nodes, _input, out SparsityPattern? pattern);
                _tracedAt = (double[])x.Clone();
                if (pattern is not null)
                {
                    (_pattern, _coloring, _recovery, _products) = Colour(pattern);
                    Preparations++;
                }
            }

            CompressedProducts.Hessian(_f, x, _coloring, _seed, _products);
            double[] values = new double[_recovery.Length];
            for (int e = 0; e < values.Length; e++)
            {
                values[e] = _products[_recovery[e]];
            }

            return _pattern.ToMatrix(values);
        }
    }

    private static (SparsityPattern, Coloring, int[], double[]) Colour(SparsityPattern pattern)
    {
        Coloring coloring = StarColoring.Best(pattern);
        int[] recovery = StarColoring.Recovery(pattern, coloring);
        return (pattern, coloring, recovery, new double[pattern.Rows * coloring.Count]);
    }
}
