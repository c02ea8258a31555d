using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.ArrayKernels;

/// <summary>How a kernel record stores its operands: the vector pass over runs of consecutive variables and of
/// constants (a run broken inside a vector block falls back to the general pass), the values of an earlier kernel's
/// outputs read where they are instead of copied, and data matrices kept by reference.</summary>
[TestFixture]
public class KernelOperandTests
{
    [TestCase(0)]
    [TestCase(5)]
    [TestCase(6)]
    [TestCase(997)]
    public void Dot_RunBrokenAtOneElement_GradientIsExact(int broken)
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            var x = new Var<double>[1000];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = tape.Variable(i);
            }

            // s = x with one element replaced by x₁ (the run of consecutive records is broken there)
            Var<double>[] s = [.. x];
            s[broken] = x[1];
            tape.Backward(DualAutodiff.Kernels.Dot<Var<double>>(s, x));

            // f = Σᵢ sᵢxᵢ: ∂f/∂xᵢ = 2xᵢ off the broken place; there x₁·x_b adds x_b to x₁ and x₁ to x_b
            tape.Adjoint(x[broken]).ShouldBe(broken == 1 ? 2.0 : 1.0);
            tape.Adjoint(x[1]).ShouldBe(broken == 1 ? 2.0 : 2.0 + broken);
            tape.Adjoint(x[500]).ShouldBe(broken == 500 ? 1.0 : 1000.0);
        }
    }

    [TestCase(0)]
    [TestCase(6)]
    [TestCase(7)]
    [TestCase(13)]
    [TestCase(998)]
    [TestCase(999)]
    public void Dot_VarDualRunBrokenAtOneElement_GradientAndHvpAreExact(int broken)
    {
        // Var<Dual<double>> (two value words per variable): f = Σᵢ sᵢxᵢ with s = x except s_b = x₁, at xᵢ = i, v = 1:
        // ∂f/∂x_b = x₁ = 1, ∂f/∂x₁ = 2x₁ + x_b = 2 + b; H = 2I with H_bb = 0 and H_1b = H_b1 = 1, so (H·v)_b = 1, (H·v)₁ = 3
        double[] x = [.. Enumerable.Range(0, 1000).Select(i => (double)i)];
        double[] v = [.. Enumerable.Repeat(1.0, 1000)];
        (double _, double[] gradient, double[] hvp) = DualAutodiff.Hvp.ValueGradientAndHvp(xs =>
        {
            Var<Dual<double>>[] s = [.. xs];
            s[broken] = xs[1];
            return DualAutodiff.Kernels.Dot<Var<Dual<double>>>(s, xs);
        }, x, v);

        gradient[broken].ShouldBe(1);
        gradient[1].ShouldBe(2.0 + broken);
        hvp[broken].ShouldBe(1);
        hvp[1].ShouldBe(3);

        // elsewhere 2xᵢ and 2
        gradient[500].ShouldBe(1000);
        hvp[500].ShouldBe(2);
    }

    [Test]
    public void Kernels_OperandsWithinTheInputs_ReadTheInputValuesOnce()
    {
        // f = Σᵢ xᵢxᵢ₊₁ + Σ_{2≤i<6} xᵢ at xᵢ = i (n = 9; the first operand covers half the inputs, so their values are
        // copied once and both later operands read them): ∂f/∂xᵢ = xᵢ₋₁ + xᵢ₊₁ (+1 for 2 ≤ i < 6)
        double[] x = [.. Enumerable.Range(0, 9).Select(i => (double)i)];
        (double value, double[] gradient) = Reverse.ValueAndGradient<double>(xs => DualAutodiff.Kernels.Dot<Var<double>>(xs.AsSpan(0, 8), xs.AsSpan(1)) + DualAutodiff.Kernels.Sum<Var<double>>(xs.AsSpan(2, 4)), x);

        // Σ i(i+1) for i < 8 = 168, plus 2 + 3 + 4 + 5 = 14
        value.ShouldBe(182);
        gradient.ShouldBe([1.0, 2, 5, 7, 9, 11, 12, 14, 7]);
    }

    [Test]
    public void Kernels_FunctionOverwritesAnInput_ValuesComeFromTheRecords()
    {
        // f writes 2x₁ over xs[0], then Σ xs² = (2x₁)² + Σ_{i≥1} xᵢ² and Σ xs[1..] at xᵢ = i + 1 (n = 8; the copy of the
        // inputs' values is refused, the buffer no longer holds them): ∂f/∂x₀ = 0, ∂f/∂x₁ = 8x₁ + 2x₁ + 1 = 21,
        // ∂f/∂xᵢ = 2xᵢ + 1 otherwise
        double[] x = [.. Enumerable.Range(1, 8).Select(i => (double)i)];
        double[] gradient = Reverse.Gradient<double>(xs =>
        {
            xs[0] = xs[1] * 2.0;
            return DualAutodiff.Kernels.SumOfSquares<Var<double>>(xs) + DualAutodiff.Kernels.Sum<Var<double>>(xs.AsSpan(1));
        }, x);
        gradient.ShouldBe([0.0, 21, 7, 9, 11, 13, 15, 17]);

        // the other order: the values copied first, then an input overwritten; the later operand is no longer a run
        double[] later = Reverse.Gradient<double>(xs =>
        {
            Var<double> s = DualAutodiff.Kernels.Sum<Var<double>>(xs);
            xs[0] = xs[1] * 2.0;
            return s + DualAutodiff.Kernels.SumOfSquares<Var<double>>(xs);
        }, x);

        // f = Σxᵢ + (2x₁)² + Σ_{i≥1} xᵢ²: ∂f/∂x₀ = 1, ∂f/∂x₁ = 1 + 8x₁ + 2x₁ = 21, ∂f/∂xᵢ = 1 + 2xᵢ
        later.ShouldBe([1.0, 21, 7, 9, 11, 13, 15, 17]);
    }

    [TestCase(8)]
    [TestCase(1001)]
    public void Kernels_FunctionOverwritesAnInnerInput_ValuesComeFromTheRecords(int n)
    {
        // f writes 2x₁ over xs[3] (the inputs' values were stored as the buffer was filled; the buffer is checked, not
        // trusted), then Σ xs² + Σ xs[1..] at xᵢ = i + 1: ∂f/∂x₃ = 0, ∂f/∂x₁ = 2x₁ + 1 + 2·(2x₁)·2 + 2 = 10x₁ + 3 = 23,
        // ∂f/∂x₀ = 2x₀ = 2, ∂f/∂xᵢ = 2xᵢ + 1 otherwise
        double[] x = [.. Enumerable.Range(1, n).Select(i => (double)i)];
        double[] gradient = Reverse.Gradient<double>(xs =>
        {
            xs[3] = xs[1] * 2.0;
            return DualAutodiff.Kernels.SumOfSquares<Var<double>>(xs) + DualAutodiff.Kernels.Sum<Var<double>>(xs.AsSpan(1));
        }, x);
        gradient[0].ShouldBe(2);
        gradient[1].ShouldBe(23);
        gradient[3].ShouldBe(0);
        gradient[2].ShouldBe(7);
        gradient[n - 1].ShouldBe((2.0 * n) + 1);
    }

    [Test]
    public void Dot_ConstantRunBrokenByOneVariable_GradientIsExact()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double> v = tape.Variable(3);
            var c = new Var<double>[999];
            for (int i = 0; i < c.Length; i++)
            {
                c[i] = 0.5;
            }

            // constants with one variable at index 6 (inside the second block of four)
            c[6] = v;
            Var<double>[] ones = [.. Enumerable.Repeat((Var<double>)1.0, c.Length)];
            Var<double> d = DualAutodiff.Kernels.Dot<Var<double>>(c, ones);

            // d = 998·0.5 + v = 499 + 3; ∂d/∂v = 1
            d.Value.ShouldBe(502);
            tape.Backward(d);
            tape.Adjoint(v).ShouldBe(1);
        }
    }

    [TestCase(0, 13)]
    [TestCase(3, 8)]
    [TestCase(12, 1)]
    public void Sum_OfPartOfEarlierOutputs_ReadsTheirValues(int start, int length)
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            var x = new Var<double>[13];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = tape.Variable(0.1 * i);
            }

            var y = new Var<double>[13];
            DualAutodiff.Kernels.Exp<Var<double>>(x, y);
            Var<double> s = DualAutodiff.Kernels.Sum<Var<double>>(y.AsSpan(start, length));

            // s = Σ e^(0.1i) over the slice; ∂s/∂xᵢ = e^(0.1i) inside it, 0 outside
            double expected = Enumerable.Range(start, length).Sum(i => Math.Exp(0.1 * i));
            s.Value.ShouldBe(expected, 1e-12);
            tape.Backward(s);
            tape.Adjoint(x[start]).ShouldBe(Math.Exp(0.1 * start), 1e-15);
            if (start > 0)
            {
                tape.Adjoint(x[start - 1]).ShouldBe(0);
            }
        }
    }

    [Test]
    public void Sum_OverOutputsAndTheNextRecord_CopiesValues()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            var x = new Var<double>[5];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = tape.Variable(i + 1);
            }

            var y = new Var<double>[5];
            DualAutodiff.Kernels.Square<Var<double>>(x, y);

            // the record right after the kernel's outputs: the run y₀ … y₄, z is consecutive, not all outputs
            Var<double> z = y[4] * 2.0;
            Var<double> s = DualAutodiff.Kernels.Sum<Var<double>>([y[0], y[1], y[2], y[3], y[4], z]);

            // s = Σ xᵢ² + 2x₄² = 55 + 50; ∂s/∂x₄ = 2x₄ + 4x₄ = 30
            s.Value.ShouldBe(105);
            tape.Backward(s);
            tape.Adjoint(x[4]).ShouldBe(30);
            tape.Adjoint(x[0]).ShouldBe(2);
        }
    }

    [Test]
    public void MatrixVectorData_RecordsOneKernelAndNoCopy_GradientIsDataTransposedTimesSeed()
    {
        const int m = 9, n = 6;
        double[] data = [.. Enumerable.Range(0, m * n).Select(i => 0.1 * i)];
        var tape = new Tape<double>();
        using (tape.Record())
        {
            var x = new Var<double>[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = tape.Variable(1);
            }

            int before = tape.Count;
            var y = new Var<double>[m];
            DualAutodiff.Kernels.MatrixVector<Var<double>>(data, m, n, x, y);

            // one kernel record plus m output slots
            (tape.Count - before).ShouldBe(m + 1);

            // y₂ = Σₖ D₂ₖ·1 = 0.1·(12 + … + 17) = 8.7
            y[2].Value.ShouldBe(8.7, 1e-12);
            tape.Backward(DualAutodiff.Kernels.Sum<Var<double>>(y));

            // ∂Σy/∂x₅ = Σᵣ Dᵣ₅ = 0.1·Σᵣ (6r + 5) = 0.1·(6·36 + 45) = 26.1
            tape.Adjoint(x[5]).ShouldBe(26.1, 1e-12);
        }
    }

    [Test]
    public void MatrixVectorData_InfiniteDataTimesZeroSeed_GradientHasNoNaN()
    {
        // D = [[∞, 1], [2, 3]], f = y₁ = 2x₀ + 3x₁: the seed of y₀ is 0, so ∞ meets only 0 (0·∞ = 0)
        double[] data = [double.PositiveInfinity, 1, 2, 3];
        double[] gradient = Reverse.Gradient(x =>
        {
            var y = new Var<double>[2];
            DualAutodiff.Kernels.MatrixVector<Var<double>>(data, 2, 2, x, y);
            return y[1];
        }, [1.0, 1.0]);

        // ∂y₁/∂x = (2, 3)
        gradient.ShouldBe([2.0, 3.0]);
    }

    [TestCase(false)]
    [TestCase(true)]
    public void MatrixVector_InfiniteEntryInBlockedRowsTimesZeroSeed_GradientIsExact(bool data)
    {
        // A (8×9), Aᵣⱼ = r + 0.1j, with A₅₃ = ∞; f = Σ_{r≠5} yᵣ: the seed of y₅ is 0, so x̄ⱼ = Σ_{r≠5} Aᵣⱼ = 23 + 0.7j
        // (the blocked Aᵀ·ȳ meets 0·∞, sees NaN and redoes the rows with the rule)
        const int m = 8, n = 9;
        double[] a = [.. Enumerable.Range(0, m * n).Select(i => (i / n) + (0.1 * (i % n)))];
        a[(5 * n) + 3] = double.PositiveInfinity;
        Var<double>[] constants = [.. a.Select(v => (Var<double>)v)];
        double[] gradient = Reverse.Gradient(x =>
        {
            var y = new Var<double>[m];
            if (data)
            {
                DualAutodiff.Kernels.MatrixVector<Var<double>>(a, m, n, x, y);
            }
            else
            {
                DualAutodiff.Kernels.MatrixVector<Var<double>>(constants, m, n, x, y);
            }

            return DualAutodiff.Kernels.Sum<Var<double>>(y.AsSpan(0, 5)) + DualAutodiff.Kernels.Sum<Var<double>>(y.AsSpan(6));
        }, [.. Enumerable.Repeat(1.0, n)]);

        for (int j = 0; j < n; j++)
        {
            // Σ_{r≠5} (r + 0.1j) = 28 − 5 + 7·0.1j
            gradient[j].ShouldBe(23 + (0.7 * j), 1e-12);
        }
    }

    [Test]
    public void MatrixVectorData_Float_ConvertsTheData()
    {
        float[] y = new float[2];
        DualAutodiff.Kernels.MatrixVector<float>(new double[] { 1, 2, 3, 4 }, 2, 2, [1f, 1f], y);

        // [[1, 2], [3, 4]]·(1, 1) = (3, 7)
        y.ShouldBe([3f, 7f]);
    }

    [Test]
    public void MatrixVectorData_WrongLengths_ThrowNamingTheArgument()
    {
        var y = new Var<double>[2];
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.MatrixVector<Var<double>>(new double[5], 2, 3, new Var<double>[3], y)).ParamName.ShouldBe("matrix");
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.MatrixVector<Var<double>>(new double[6], 2, 3, new Var<double>[2], y)).ParamName.ShouldBe("x");
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.MatrixMultiply<Var<double>>(new Var<double>[6], new double[5], new Var<double>[4], 2, 3, 2)).ParamName.ShouldBe("b");
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.MatrixMultiply<Var<double>>(new double[5], new Var<double>[6], new Var<double>[4], 2, 3, 2)).ParamName.ShouldBe("a");
        Should.Throw<ArgumentException>(() => DualAutodiff.Kernels.MatrixMultiply<Var<double>>(new double[6], new Var<double>[6], new Var<double>[3], 2, 3, 2)).ParamName.ShouldBe("destination");
    }

    [Test]
    public void MatrixMultiplyData_KeptRecording_AppliesWithTheSameData()
    {
        // f(w) = Σ (W·D)ᵢⱼ² for W 1×2 and D 2×2 = [[1, 2], [3, 4]]: H = 2·D·Dᵀ = [[10, 22], [22, 50]]
        double[] data = [1, 2, 3, 4];
        using HessianOperator<double> h = DualAutodiff.Hvp.Linearize(new DataProduct(data), [0.5, -0.25]);
        h.Apply([1.0, 0.0]).ShouldBe([10.0, 22.0]);
        h.Apply([0.0, 1.0]).ShouldBe([22.0, 50.0]);
    }

    [Test]
    public void Hvp_InfiniteConstantInSecondChunk_ZeroAdjointGivesZeroNotNaN()
    {
        // y = x ⊙ d, z = y ⊙ x (zᵢ = dᵢxᵢ²), f = Σ z without z₅₅₀; d₅₅₀ = ∞ sits in the second chunk of the pairwise
        // kernels at Dual<double>: ∂f/∂xᵢ = 2dᵢxᵢ, (H·v)ᵢ = 2dᵢvᵢ, and at 550 both are 0 (only zero adjoints meet ∞)
        const int n = 600;
        double[] x = [.. Enumerable.Range(0, n).Select(i => 0.5 + (0.001 * i))];
        double[] v = [.. Enumerable.Repeat(1.0, n)];
        Var<Dual<double>>[] d = [.. Enumerable.Range(0, n).Select(i => (Var<Dual<double>>)(Dual<double>)(i == 550 ? double.PositiveInfinity : 1 + (i % 3)))];
        (double _, double[] gradient, double[] hvp) = DualAutodiff.Hvp.ValueGradientAndHvp(xs =>
        {
            var y = new Var<Dual<double>>[n];
            DualAutodiff.Kernels.Multiply<Var<Dual<double>>>(xs, d, y);
            DualAutodiff.Kernels.Multiply<Var<Dual<double>>>(y, xs, y);
            return DualAutodiff.Kernels.Sum<Var<Dual<double>>>(y.AsSpan(0, 550)) + DualAutodiff.Kernels.Sum<Var<Dual<double>>>(y.AsSpan(551));
        }, x, v);

        gradient[550].ShouldBe(0);
        hvp[550].ShouldBe(0);

        // i = 551: d = 3, x = 1.051: 2·3·1.051 = 6.306 and 2·3 = 6; i = 3: d = 1, x = 0.503: 1.006 and 2
        gradient[551].ShouldBe(6.306, 1e-12);
        hvp[551].ShouldBe(6, 1e-12);
        gradient[3].ShouldBe(1.006, 1e-12);
        hvp[3].ShouldBe(2, 1e-12);
        gradient.ShouldAllBe(g => double.IsFinite(g));
        hvp.ShouldAllBe(h => double.IsFinite(h));
    }

    /// <summary>f(w) = Σ (W·D)ᵢⱼ² for a 1×2 W and the 2×2 data D.</summary>
    private sealed class DataProduct(double[] data) : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : System.Numerics.IFloatingPointIeee754<T>
        {
            var c = new T[2];
            DualAutodiff.Kernels.MatrixMultiply(x, data, c, 1, 2, 2);
            return DualAutodiff.Kernels.SumOfSquares<T>(c);
        }
    }
}
