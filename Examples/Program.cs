using System.Globalization;
using System.Numerics;
using DualAutodiff;
using DualAutodiff.Examples;

// The tour: run with `dotnet run -c Release --project Examples [-- --n 1000000]`.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
int n = Tour.ParseSize(args);

Tour.Heading("1. A vector-Jacobian product: y = 2x at x = (1, 1), seed u = (2, 3)");
(double[] y, double[] vjp) = Reverse.Vjp<double>(x => [2 * x[0], 2 * x[1]], [1.0, 1.0], [2.0, 3.0]);
Console.WriteLine($"y = {Tour.Show(y)}, uᵀJ = {Tour.Show(vjp)}   (J = 2I, so uᵀJ = (4, 6))");

Tour.Heading("2. A Jacobian two ways: m reverse sweeps (VJPs with eᵢ) and n forward passes (JVPs with eⱼ)");
double[] point = [1.0, 2.0, 0.5];
Console.WriteLine("f(x) = (x₀x₁ sin x₂, x₀² + x₁eˣ²) at x = (1, 2, 0.5)");
double[,] byRows = Reverse.Jacobian(new TwoOutputs(), point);
double[,] byColumns = Forward.Jacobian(new TwoOutputs(), point);
Console.WriteLine("from 2 VJPs (rows):");
Tour.Print(byRows);
Console.WriteLine("from 3 JVPs (columns):");
Tour.Print(byColumns);
Console.WriteLine($"equal: {byRows.Cast<double>().SequenceEqual(byColumns.Cast<double>())}");

Tour.Heading("3. The wrong Hessian and the right one: f(x, y) = x²y + y³ at (1, 2)");
double[] p = [1.0, 2.0];
// Differentiating the sum of the gradient gives ∇(1ᵀ∇f) = H·1, the row sums of H, not H.
double[] wrong = Reverse.Gradient<double>(x => Tour.Sum(Reverse.Gradient<Var<double>>(z => Cubic.Evaluate<Var<Var<double>>>(z), x)), p);
Console.WriteLine($"gradient of the sum of the gradient: {Tour.Show(wrong)}   = H·1, the row sums");
double[,] hessian = Hvp.Hessian(new Cubic(), p);
Console.WriteLine("Hvp.Hessian (n products H·eⱼ):          [[2y, 2x], [2x, 6y]]");
Tour.Print(hessian);
Console.WriteLine($"its row sums: ({hessian[0, 0] + hessian[0, 1]}, {hessian[1, 0] + hessian[1, 1]}), the wrong answer above");

Tour.Heading("4. H·v four ways: chained Rosenbrock, n = 1000");
Tour.CompareRoutes(1000);

Tour.Heading($"5. Hessian-free Newton (NewtonCg): extended Rosenbrock (MGH no. 21), n = {n:N0}, from (−1.2, 1, …)");
Tour.Minimize(n);

Tour.Heading("6. Is it a minimum? f(x, y) = x² − y² at (0, 0)");
StationaryPoint saddle = StationaryPoint.Classify(new SaddleFunction(), [0.0, 0.0]);
Console.WriteLine($"{saddle.Kind}: ‖∇f‖ = {saddle.GradientNorm}, Hessian eigenvalues {Tour.Show(saddle.Eigenvalues)}");

Tour.Heading("7. Special functions: Black–Scholes call, its Greeks to second order, checked by GradCheck");
double[] market = [100.0, 0.2, 1.0];   // spot S, volatility σ, maturity τ (strike 100, rate 3 %)
(double price, double[] greeks) = Reverse.ValueAndGradient(new BlackScholesCall(), market);
double[] gammaColumn = Hvp.Compute(new BlackScholesCall(), market, [1.0, 0.0, 0.0]);
Console.WriteLine($"price {price:F4}, delta {greeks[0]:F4}, vega {greeks[1]:F4}, theta (∂/∂τ) {greeks[2]:F4}");
Console.WriteLine($"gamma {gammaColumn[0]:F6}, vanna {gammaColumn[1]:F4}   (one H·e₀: exact second derivatives through Φ)");
Console.WriteLine($"GradCheck: {(GradCheck.Gradient(new BlackScholesCall(), market).Passed && GradCheck.Hvp(new BlackScholesCall(), market, [1.0, 0.5, 0.25]).Passed ? "every mode and H·v route agrees with differences" : "FAILED")}");

Tour.Heading("8. A sparse Hessian: a 2-D grid energy, n = 316² = 99 856, Σ (uᵢ − uⱼ)² over grid edges + Σ uᵢ⁴/4");
Tour.SparseGrid(new GridEnergy(316));

Tour.Heading("9. A loss written with array kernels: logistic regression, 2000 samples × 50 features");
var logistic = new KernelLogistic(2000, 50);
double[] weights = [.. Enumerable.Range(0, 50).Select(k => 0.01 * Math.Cos(k))];
(double loss, double[] lossGradient) = Reverse.ValueAndGradient(logistic, weights);
double[] lossHv = Hvp.Compute(logistic, weights, [.. Enumerable.Repeat(1.0, 50)]);
var tape = new Tape<double>();
int records;
using (tape.Record())
{
    Var<double>[] wv = [.. weights.Select(tape.Variable)];
    logistic.Evaluate<Var<double>>(wv);
    records = tape.Count - wv.Length;
}

Console.WriteLine($"f = {loss:F6}, ‖∇f‖ = {Math.Sqrt(lossGradient.Sum(g => g * g)):F6}, (H·1)₀ = {lossHv[0]:F6}");
Console.WriteLine($"{records} tape records for 100,000 multiply-adds: 4 kernel calls plus one adjoint slot per output (a scalar tape needs ≈ 200,000)");
Console.WriteLine($"GradCheck: {(GradCheck.Gradient(logistic, weights).Passed && GradCheck.Hvp(logistic, weights, [.. Enumerable.Repeat(1.0, 50)]).Passed ? "every mode and H·v route agrees with differences" : "FAILED")}");

/// <summary>f(w) = Σ softplus(A·w) − y·(A·w) with kernels: SIMD at double, one tape record per call at Var.</summary>
internal sealed class KernelLogistic : IScalarFunction
{
    private readonly double[] _a;
    private readonly double[] _y;
    private readonly int _rows;
    private readonly int _columns;

    public KernelLogistic(int rows, int columns)
    {
        (_rows, _columns) = (rows, columns);
        _a = [.. Enumerable.Range(0, rows * columns).Select(i => Math.Sin((0.37 * (i / columns)) + (0.11 * (i % columns)) + 0.5))];
        _y = [.. Enumerable.Range(0, rows).Select(j => j % 2 == 0 ? 1.0 : 0.0)];
    }

    public T Evaluate<T>(ReadOnlySpan<T> w)
        where T : IFloatingPointIeee754<T>
    {
        T[] a = [.. _a.Select(T.CreateChecked)];   // constants: they cost nothing in the sweep but their values
        T[] y = [.. _y.Select(T.CreateChecked)];
        var z = new T[_rows];
        var softplus = new T[_rows];
        Kernels.MatrixVector(a, _rows, _columns, w, z);    // z = A·w
        Kernels.Softplus<T>(z, softplus);                  // log(1 + eᶻ), overflow-safe
        return Kernels.Sum<T>(softplus) - Kernels.Dot<T>(y, z);
    }
}

/// <summary>The Black–Scholes call C(S, σ, τ) = S·Φ(d₁) − K·e^(−rτ)·Φ(d₂), strike K = 100, rate r = 3 %.</summary>
internal sealed class BlackScholesCall : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T strike = T.CreateChecked(100);
        T rate = T.CreateChecked(0.03);
        T half = T.CreateChecked(0.5);
        (T spot, T sigma, T tau) = (x[0], x[1], x[2]);
        T root = sigma * T.Sqrt(tau);
        T d1 = (T.Log(spot / strike) + ((rate + (half * sigma * sigma)) * tau)) / root;
        return (spot * Special.NormalCdf(d1)) - (strike * T.Exp(-rate * tau) * Special.NormalCdf(d1 - root));
    }
}

/// <summary>E(u) = Σ over the edges (i, j) of a side×side grid of (uᵢ − uⱼ)² + Σ uᵢ⁴/4: a 5-point-stencil Hessian,
/// 2·(graph Laplacian) + diag(3uᵢ²).</summary>
internal sealed class GridEnergy(int side) : IScalarFunction
{
    public int Side => side;

    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T quarter = T.CreateChecked(0.25);
        T sum = T.Zero;
        for (int r = 0; r < side; r++)
        {
            for (int c = 0; c < side; c++)
            {
                int i = (r * side) + c;
                T u2 = x[i] * x[i];
                sum += u2 * u2 * quarter;
                if (c + 1 < side)
                {
                    T d = x[i] - x[i + 1];
                    sum += d * d;
                }

                if (r + 1 < side)
                {
                    T d = x[i] - x[i + side];
                    sum += d * d;
                }
            }
        }

        return sum;
    }
}

/// <summary>f: R³ → R², (x₀x₁ sin x₂, x₀² + x₁ exp x₂).</summary>
internal sealed class TwoOutputs : IVectorFunction
{
    public int OutputLength(int inputLength) => 2;

    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        y[0] = x[0] * x[1] * T.Sin(x[2]);
        y[1] = x[0] * x[0] + x[1] * T.Exp(x[2]);
    }
}

/// <summary>f(x, y) = x²y + y³, H = [[2y, 2x], [2x, 6y]].</summary>
internal sealed class Cubic : IScalarFunction
{
    public static T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => x[0] * x[0] * x[1] + x[1] * x[1] * x[1];

    T IScalarFunction.Evaluate<T>(ReadOnlySpan<T> x) => Evaluate(x);
}

/// <summary>f(x, y) = x² − y².</summary>
internal sealed class SaddleFunction : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => x[0] * x[0] - x[1] * x[1];
}
