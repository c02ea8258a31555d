using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using DVector = MathNet.Numerics.LinearAlgebra.Vector<double>;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Rules;

/// <summary>A black-box vector function with its own J·v and uᵀ·J (a linear solve y = A⁻¹b), in every mode: first order
/// from the double members, every order from generic ones, and a clear exception, never a wrong number, when a second
/// derivative is asked of a rule that only has double members.</summary>
[TestFixture]
public class VectorRuleTests
{
    private const int N = 3;

    // A (row-major, diagonally dominant) then b
    private static readonly double[] s_x = [4, 1, -0.5, 0.3, 3, 1, -1, 0.2, 5, 1, -2, 0.5];

    /// <summary>y = A⁻¹b for x = (A row-major, b): the value from MathNet, J·v = A⁻¹(ḃ − Ȧy), uᵀJ = (−b̄yᵀ, b̄) with
    /// b̄ = A⁻ᵀu, written generically.</summary>
    public class LinearSolve : IGenericVectorRule
    {
        public int OutputLength(int inputLength) => inputLength == (N * N) + N ? N : throw new ArgumentException($"expected {(N * N) + N} inputs", nameof(inputLength));

        public void Evaluate(ReadOnlySpan<double> x, Span<double> y)
        {
            Matrix<double> a = Matrix<double>.Build.DenseOfRowMajor(N, N, x[..(N * N)].ToArray());
            a.Solve(DVector.Build.DenseOfArray(x[(N * N)..].ToArray())).AsArray().CopyTo(y);
        }

        public void Jvp<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> v, Span<T> jv)
            where T : IFloatingPointIeee754<T>
        {
            for (int i = 0; i < N; i++)
            {
                T r = v[(N * N) + i];
                for (int j = 0; j < N; j++)
                {
                    r -= v[(i * N) + j] * y[j];
                }

                jv[i] = r;
            }

            Solve(x[..(N * N)], transpose: false, jv);
        }

        public void Vjp<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> u, Span<T> vjp)
            where T : IFloatingPointIeee754<T>
        {
            Span<T> bBar = vjp[(N * N)..];
            u.CopyTo(bBar);
            Solve(x[..(N * N)], transpose: true, bBar);
            for (int i = 0; i < N; i++)
            {
                for (int j = 0; j < N; j++)
                {
                    vjp[(i * N) + j] = -bBar[i] * y[j];
                }
            }
        }
    }

    /// <summary>The same solve with J·v and uᵀJ at double only.</summary>
    public sealed class DoubleOnlySolve : IVectorRule
    {
        private static readonly LinearSolve s_generic = new();

        public int OutputLength(int inputLength) => s_generic.OutputLength(inputLength);

        public void Evaluate(ReadOnlySpan<double> x, Span<double> y) => s_generic.Evaluate(x, y);

        public void Jvp(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> v, Span<double> jv) => s_generic.Jvp(x, y, v, jv);

        public void Vjp(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> u, Span<double> vjp) => s_generic.Vjp(x, y, u, vjp);
    }

    /// <summary>Gaussian elimination with partial pivoting (on values) of A or Aᵀ, in place on the right-hand side.</summary>
    private static void Solve<T>(ReadOnlySpan<T> a, bool transpose, Span<T> rhs)
        where T : IFloatingPointIeee754<T>
    {
        var m = new T[N, N];
        for (int i = 0; i < N; i++)
        {
            for (int j = 0; j < N; j++)
            {
                m[i, j] = transpose ? a[(j * N) + i] : a[(i * N) + j];
            }
        }

        for (int k = 0; k < N; k++)
        {
            int p = k;
            for (int i = k + 1; i < N; i++)
            {
                p = T.Abs(m[i, k]) > T.Abs(m[p, k]) ? i : p;
            }

            for (int j = 0; j < N; j++)
            {
                (m[k, j], m[p, j]) = (m[p, j], m[k, j]);
            }

            (rhs[k], rhs[p]) = (rhs[p], rhs[k]);
            for (int i = k + 1; i < N; i++)
            {
                T factor = m[i, k] / m[k, k];
                for (int j = k; j < N; j++)
                {
                    m[i, j] -= factor * m[k, j];
                }

                rhs[i] -= factor * rhs[k];
            }
        }

        for (int i = N - 1; i >= 0; i--)
        {
            T s = rhs[i];
            for (int j = i + 1; j < N; j++)
            {
                s -= m[i, j] * rhs[j];
            }

            rhs[i] = s / m[i, i];
        }
    }

    private sealed class Solved(IVectorRule rule) : IVectorFunction
    {
        public int OutputLength(int inputLength) => N;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T> => Rule.Apply(rule, x, y);
    }

    /// <summary>f(x) = Σ yᵢ² + y₀·b₁ with y = A⁻¹b: second order through the rule.</summary>
    private sealed class SquaredSolution(IVectorRule rule) : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>
        {
            Span<T> y = new T[N];
            Rule.Apply(rule, x, y);
            T sum = y[0] * x[(N * N) + 1];
            foreach (T yi in y)
            {
                sum += yi * yi;
            }

            return sum;
        }
    }

    /// <summary>∂yᵢ/∂bₖ = (A⁻¹)ᵢₖ and ∂yᵢ/∂Aₖₗ = −(A⁻¹)ᵢₖ·yₗ.</summary>
    private static double[,] ExpectedJacobian()
    {
        Matrix<double> inverse = Matrix<double>.Build.DenseOfRowMajor(N, N, s_x[..(N * N)]).Inverse();
        DVector y = inverse * DVector.Build.DenseOfArray(s_x[(N * N)..]);
        var j = new double[N, s_x.Length];
        for (int i = 0; i < N; i++)
        {
            for (int k = 0; k < N; k++)
            {
                j[i, (N * N) + k] = inverse[i, k];
                for (int l = 0; l < N; l++)
                {
                    j[i, (k * N) + l] = -inverse[i, k] * y[l];
                }
            }
        }

        return j;
    }

    [Test]
    public void LinearSolve_Jacobians_MatchClosedFormInEveryFirstOrderMode()
    {
        double[,] expected = ExpectedJacobian();
        foreach (IVectorRule rule in new IVectorRule[] { new LinearSolve(), new DoubleOnlySolve() })
        {
            var f = new Solved(rule);
            double[,] forward = Forward.Jacobian(f, s_x);
            double[,] reverse = Reverse.Jacobian(f, s_x);
            for (int i = 0; i < N; i++)
            {
                for (int k = 0; k < s_x.Length; k++)
                {
                    forward[i, k].ShouldBeClose(expected[i, k], 1e-14, $"{rule.GetType().Name} forward J[{i},{k}]");
                    reverse[i, k].ShouldBeClose(expected[i, k], 1e-14, $"{rule.GetType().Name} reverse J[{i},{k}]");
                }
            }
        }
    }

    [Test]
    public void LinearSolve_ConstantMatrix_GradientFlowsToRightHandSideOnly()
    {
        // y = A⁻¹b with A data: ∂(Σy)/∂b = A⁻ᵀ·1, and a data matrix takes no part
        Matrix<double> inverse = Matrix<double>.Build.DenseOfRowMajor(N, N, s_x[..(N * N)]).Inverse();
        double[] expected = [.. inverse.ColumnSums()];
        double[] gradient = Reverse.Gradient<double>(b =>
        {
            var x = new Var<double>[(N * N) + N];
            for (int i = 0; i < N * N; i++)
            {
                x[i] = s_x[i];
            }

            b.CopyTo(x, N * N);
            Var<double>[] y = Rule.Apply<Var<double>>(new LinearSolve(), x);
            return y[0] + y[1] + y[2];
        }, s_x[(N * N)..]);
        for (int k = 0; k < N; k++)
        {
            gradient[k].ShouldBeClose(expected[k], 1e-15, $"∂/∂b{k}");
        }
    }

    [Test]
    public void LinearSolve_Tape_RecordsOneRecordPerOutputPlusOne()
    {
        var tape = new Tape<double>();
        using (tape.Record())
        {
            Var<double>[] x = [.. s_x.Select(tape.Variable)];
            int before = tape.Count;
            Rule.Apply<Var<double>>(new LinearSolve(), x);
            tape.Count.ShouldBe(before + N + 1);
        }
    }

    [Test]
    public void GenericLinearSolve_SecondOrder_AllRoutesAgreeWithFiniteDifferences()
    {
        var f = new SquaredSolution(new LinearSolve());
        double[] v = [.. s_x.Select((_, i) => Math.Cos(i))];
        double[] reference = global::DualAutodiff.Hvp.Compute(f, s_x, v, HvpMethod.FiniteDifference);
        foreach (HvpMethod method in new[] { HvpMethod.ForwardOverReverse, HvpMethod.ReverseOverForward, HvpMethod.ReverseOverReverse })
        {
            double[] hv = global::DualAutodiff.Hvp.Compute(f, s_x, v, method);
            for (int i = 0; i < hv.Length; i++)
            {
                hv[i].ShouldBeClose(reference[i], 1e-6, $"{method} (H·v)[{i}]");
            }
        }

        // forward-over-forward: vᵀHv from Dual<Dual>
        double exact = global::DualAutodiff.Hvp.Compute(f, s_x, v).Zip(v, (a, b) => a * b).Sum();
        Dual<Dual<double>>[] input = [.. s_x.Select((p, i) => new Dual<Dual<double>>(new Dual<double>(p, v[i]), new Dual<double>(v[i], 0)))];
        f.Evaluate<Dual<Dual<double>>>(input).Tangent.Tangent.ShouldBeClose(exact, 1e-13, "forward-over-forward vᵀHv");
    }

    [Test]
    public void DoubleOnlyRule_SecondOrder_ThrowsNamingWhatIsMissing()
    {
        var f = new SquaredSolution(new DoubleOnlySolve());
        double[] v = [.. s_x.Select(_ => 1.0)];
        foreach (HvpMethod method in new[] { HvpMethod.ForwardOverReverse, HvpMethod.ReverseOverForward, HvpMethod.ReverseOverReverse })
        {
            var e = Should.Throw<NotSupportedException>(() => global::DualAutodiff.Hvp.Compute(f, s_x, v, method), method.ToString());
            e.Message.ShouldContain("DoubleOnlySolve");
            e.Message.ShouldContain("IGenericVectorRule");
        }

        // first order still works, and the library is ready for the next call
        Reverse.Gradient(f, s_x).ShouldBe(Reverse.Gradient(new SquaredSolution(new LinearSolve()), s_x), tolerance: 1e-14);
        Tape<double>.Active.ShouldBeNull();
        Tape<Dual<double>>.Active.ShouldBeNull();
    }

    [Test]
    public void Apply_WrongOutputLength_ThrowsNamingY()
    {
        var e = Should.Throw<ArgumentException>(() => Rule.Apply<double>(new LinearSolve(), s_x, new double[N + 1]));
        e.ParamName.ShouldBe("y");
    }

    [Test]
    public void Apply_OverlappingSpans_ThrowsNamingY()
    {
        double[] buffer = [.. s_x, 0, 0, 0];
        var e = Should.Throw<ArgumentException>(() => Rule.Apply<double>(new LinearSolve(), buffer.AsSpan(0, s_x.Length), buffer.AsSpan(s_x.Length - 1, N)));
        e.ParamName.ShouldBe("y");
    }

    [Test]
    public void Apply_Float_EvaluatesAtDouble()
    {
        float[] x = [.. s_x.Select(p => (float)p)];
        float[] y = Rule.Apply<float>(new LinearSolve(), x);
        double[] reference = Rule.Apply<double>(new LinearSolve(), [.. x.Select(p => (double)p)]);
        y.ShouldBe([.. reference.Select(p => (float)p)]);
        Forward.Jvp<float>(v => Rule.Apply(new LinearSolve(), v), x, [.. x.Select(_ => 1f)]).Tangent.Length.ShouldBe(N);
    }
}
