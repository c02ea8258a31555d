using MathNet.Numerics.Optimization;
using DMatrix = MathNet.Numerics.LinearAlgebra.Matrix<double>;
using DVector = MathNet.Numerics.LinearAlgebra.Vector<double>;

namespace DualAutodiff;

/// <summary>
/// A MathNet <see cref="IObjectiveFunction"/> with exact derivatives: value, reverse-mode gradient and
/// forward-over-reverse Hessian of one generic <see cref="IScalarFunction"/>, so MathNet's minimizers
/// (<see cref="BfgsMinimizer"/>, <see cref="LimitedMemoryBfgsMinimizer"/>, <see cref="ConjugateGradientMinimizer"/>,
/// <see cref="NewtonMinimizer"/>, …) run on user code without finite differences.
/// </summary>
/// <remarks>Evaluation is lazy, as in MathNet's own objective functions: <see cref="EvaluateAt"/> only stores
/// the point; the value alone costs one plain evaluation, value and gradient one recording and backward sweep,
/// and the Hessian n Hessian-vector products. Each is computed at most once per point.</remarks>
public sealed class AutodiffObjective : IObjectiveFunction
{
    private readonly IScalarFunction _f;
    private DVector? _point;
    private double[]? _x;
    private double? _value;
    private DVector? _gradient;
    private DMatrix? _hessian;

    /// <summary>Wraps f.</summary>
    /// <param name="f">The function to minimise.</param>
    public AutodiffObjective(IScalarFunction f)
    {
        ArgumentNullException.ThrowIfNull(f);
        _f = f;
    }

    /// <summary>The point of the last <see cref="EvaluateAt"/>.</summary>
    /// <exception cref="InvalidOperationException">No point was set yet.</exception>
    public DVector Point => _point ?? throw new InvalidOperationException("Call EvaluateAt(point) before reading the objective.");

    /// <summary>f at <see cref="Point"/>.</summary>
    public double Value => _value ??= _f.Evaluate<double>(X);

    /// <summary>Always true: the gradient is exact (reverse mode).</summary>
    public bool IsGradientSupported => true;

    /// <summary>∇f at <see cref="Point"/>, exact (one reverse sweep, which also gives the value).</summary>
    public DVector Gradient
    {
        get
        {
            if (_gradient is null)
            {
                (double value, double[] gradient) = Reverse.ValueAndGradient(_f, X);
                _value = value;
                _gradient = DVector.Build.Dense(gradient);
            }

            return _gradient;
        }
    }

    /// <summary>Always true: the Hessian is exact (forward-over-reverse).</summary>
    public bool IsHessianSupported => true;

    /// <summary>The Hessian at <see cref="Point"/>, exact and symmetric, from n Hessian-vector products.</summary>
    public DMatrix Hessian => _hessian ??= DMatrix.Build.DenseOfArray(Hvp.Hessian(_f, X));

    private double[] X => _x ?? throw new InvalidOperationException("Call EvaluateAt(point) before reading the objective.");

    /// <summary>Sets the point; value and derivatives are computed when first read.</summary>
    /// <param name="point">The point; it is copied, so the caller may reuse its vector.</param>
    public void EvaluateAt(DVector point)
    {
        ArgumentNullException.ThrowIfNull(point);
        _point = point.Clone();
        _x = point.ToArray();
        _value = null;
        _gradient = null;
        _hessian = null;
    }

    /// <summary>A new objective for the same function, at no point yet.</summary>
    /// <returns>The new objective.</returns>
    public IObjectiveFunction CreateNew() => new AutodiffObjective(_f);

    /// <summary>A copy at the same point, sharing what has been computed there.</summary>
    /// <returns>The copy.</returns>
    public IObjectiveFunction Fork() => new AutodiffObjective(_f)
    {
        _point = _point,
        _x = _x,
        _value = _value,
        _gradient = _gradient,
        _hessian = _hessian,
    };
}
