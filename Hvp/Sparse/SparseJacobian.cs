using MathNet.Numerics.LinearAlgebra;

namespace DualAutodiff;

/// <summary>
/// The sparse Jacobian of f: Rⁿ → Rᵐ: its pattern and a partial distance-2 colouring of its columns or of its rows,
/// whichever needs fewer colours, found once; then J(x) at any x from one compressed product per colour (J·sᶜ by
/// columns, sᶜᵀ·J by rows). Made by <see cref="Sparse.PrepareJacobian(IVectorFunction, double[], SparsityMode)"/>.
/// </summary>
/// <remarks>
/// <para>Columns that share no row can share a colour: J·sᶜ then holds each of their entries alone in its row, so
/// Jᵢⱼ = (J·sᶜ)ᵢ for c = colour(j). Rows are coloured the same way for uᵀ·J. A banded Jacobian of bandwidth w costs
/// w products whatever n.</para>
/// <para>Branches are handled as in <see cref="SparseHessian"/>: in <see cref="SparsityMode.Local"/> mode each
/// <see cref="Evaluate"/> re-traces f at the new x and finds the pattern anew if an operation changed.</para>
/// </remarks>
public sealed class SparseJacobian
{
    private readonly IVectorFunction _f;
    private readonly object _gate = new();
    private readonly SparsityTracer[] _input;
    private readonly SparsityTracer[] _output;
    private RecordingCopy? _nodes;
    private SparsityPattern _pattern;
    private Coloring _coloring;
    private bool _byRows;
    private double[] _seed;
    private double[] _products;
    private double[]? _tracedAt;

    internal SparseJacobian(IVectorFunction f, double[] x, int m, SparsityMode mode)
    {
        _f = f;
        Mode = mode;
        _input = new SparsityTracer[x.Length];
        _output = new SparsityTracer[m];
        _nodes = SparsityTrace.Jacobian(f, x, m, mode, null, _input, _output, out SparsityPattern? pattern);
        _tracedAt = (double[])x.Clone();
        (_pattern, _coloring, _byRows, _seed, _products) = Colour(pattern!);
        Preparations = 1;
    }

    /// <summary>n, the length of x.</summary>
    public int InputLength => _input.Length;

    /// <summary>m, the length of f(x).</summary>
    public int OutputLength => _output.Length;

    /// <summary>How branches were treated when the pattern was found.</summary>
    public SparsityMode Mode { get; }

    /// <summary>The number of colours: of compressed products per <see cref="Evaluate"/>.</summary>
    public int Colors => _coloring.Count;

    /// <summary>Whether the rows are coloured (one uᵀ·J per colour, reverse mode) rather than the columns (one J·v).</summary>
    public bool ByRows => _byRows;

    /// <summary>The number of structural nonzeros of J.</summary>
    public int NonZeros => _pattern.NonZeros;

    /// <summary>Whether <see cref="Evaluate"/> re-traces f at each new point: in local mode, when f branched on a value
    /// that depends on x (a comparison, predicate, min/max or conversion out) while it was traced. A function that
    /// never does takes the same operations at every point, so its pattern needs no re-check.</summary>
    public bool ChecksBranches => _nodes is not null;

    /// <summary>How many times the pattern was found: 1, plus one for each point where a branch changed it.</summary>
    public int Preparations { get; private set; }

    /// <summary>The pattern: a new m×n sparse matrix with a one at every structural nonzero.</summary>
    public Matrix<double> Pattern => _pattern.Ones();

    /// <summary>J(x), the m×n Jacobian at x, as a sparse (CSR) matrix on the pattern.</summary>
    /// <param name="x">The point, length n.</param>
    /// <returns>A new sparse matrix; entries of the pattern that are 0 at x are stored as 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> has a length other than <see cref="InputLength"/>.</exception>
    public Matrix<double> Evaluate(double[] x)
    {
        Guard.Length(x, InputLength, nameof(x), "the prepared Jacobian's point");
        lock (_gate)
        {
            if (_nodes is not null && !(_tracedAt is not null && x.AsSpan().SequenceEqual(_tracedAt)))
            {
                _tracedAt = null;
                _nodes = SparsityTrace.Jacobian(_f, x, OutputLength, Mode, _nodes, _input, _output, out SparsityPattern? pattern);
                _tracedAt = (double[])x.Clone();
                if (pattern is not null)
                {
                    (_pattern, _coloring, _byRows, _seed, _products) = Colour(pattern);
                    Preparations++;
                }
            }

            CompressedProducts.Jacobian(_f, x, _coloring, _byRows, _seed, _products);
            int[] start = _pattern.RowStart;
            int[] columns = _pattern.Columns;
            int m = _pattern.Rows;
            int n = _pattern.ColumnCount;
            int[] colors = _coloring.Colors;
            double[] values = new double[_pattern.NonZeros];
            for (int i = 0; i < m; i++)
            {
                for (int e = start[i]; e < start[i + 1]; e++)
                {
                    int j = columns[e];
                    values[e] = _byRows ? _products[(colors[i] * n) + j] : _products[(colors[j] * m) + i];
                }
            }

            return _pattern.ToMatrix(values);
        }
    }

    private static (SparsityPattern, Coloring, bool, double[], double[]) Colour(SparsityPattern pattern)
    {
        SparsityPattern transpose = pattern.Transpose();
        Coloring columns = DistanceTwoColoring.Columns(pattern, transpose);
        Coloring rows = DistanceTwoColoring.Columns(transpose, pattern);
        bool byRows = rows.Count < columns.Count;
        Coloring coloring = byRows ? rows : columns;
        int seedLength = byRows ? pattern.Rows : pattern.ColumnCount;
        int productLength = byRows ? pattern.ColumnCount : pattern.Rows;
        return (pattern, coloring, byRows, new double[seedLength], new double[productLength * coloring.Count]);
    }
}
