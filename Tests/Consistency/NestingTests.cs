using System.Numerics;
using DualAutodiff.Tests.ReverseMode;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Consistency;

/// <summary>Nesting in every order on f(x) = x₀²x₁ + x₀·sin x₂ + e^(x₁x₂), whose Hessian is known:
/// H = [[2x₁, 2x₀, cos x₂], [2x₀, x₂²e, (1 + x₁x₂)e], [cos x₂, (1 + x₁x₂)e, −x₀ sin x₂ + x₁²e]] with e = e^(x₁x₂).
/// Every route to H·v must give it: forward-over-reverse (<c>Var&lt;Dual&gt;</c>), reverse-over-forward
/// (<c>Dual&lt;Var&gt;</c>), reverse-over-reverse (<c>Var&lt;Var&gt;</c>); forward-over-forward gives vᵀHw.</summary>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class NestingTests<T>
    where T : IFloatingPointIeee754<T>
{
    private static readonly IScalarFunction s_f = new KnownHessian();
    private static readonly T[] s_x = TestFunctions.Cast<T>([0.5, -0.3, 0.8]);
    private static readonly T[] s_v = TestFunctions.Cast<T>([1.0, 2.0, -1.0]);
    private static readonly T[] s_w = TestFunctions.Cast<T>([-0.5, 0.25, 1.5]);

    [Test]
    public void ForwardOverReverse_GradientFacadeOnDual_TangentsAreHv()
    {
        Dual<T>[] x = [.. s_x.Zip(s_v, (xi, vi) => new Dual<T>(xi, vi))];

        Dual<T>[] g = Reverse.Gradient(s_f, x);

        ShouldMatch([.. g.Select(d => d.Value)], Gradient());
        ShouldMatch([.. g.Select(d => d.Tangent)], Hv(s_v));
    }

    [Test]
    public void ForwardOverReverse_ImperativeTape_AdjointTangentsAreHv()
    {
        var tape = new Tape<Dual<T>>();
        var x = new Var<Dual<T>>[s_x.Length];
        using (tape.Record())
        {
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = tape.Variable(new Dual<T>(s_x[i], s_v[i]));
            }

            tape.Backward(s_f.Evaluate<Var<Dual<T>>>(x));
        }

        ShouldMatch([.. x.Select(xi => tape.Adjoint(xi).Tangent)], Hv(s_v));
    }

    [Test]
    public void ReverseOverForward_GradientOfJvp_IsHv()
    {
        Var<T>[] v = [.. s_v.Select(vi => (Var<T>)vi)];

        // grad(x ↦ ∇f(x)·v): Stan's fvar<var>
        (T value, T[] hv) = Reverse.ValueAndGradient<T>(x => Forward.Jvp(s_f, x, v).Tangent, s_x);

        double gv = Dot(Gradient(), s_v);
        double.CreateChecked(value).ShouldBe(gv, Tolerance(gv));
        ShouldMatch(hv, Hv(s_v));
    }

    [Test]
    public void ReverseOverReverse_GradientOfGradientDotV_IsHv()
    {
        // grad(x ↦ ∇f(x)·v) with the inner gradient taken in Var<Var<T>>: its sweep is recorded on the outer tape
        T[] hv = Reverse.Gradient<T>(x => Dot(Reverse.Gradient(s_f, x), s_v), s_x);

        ShouldMatch(hv, Hv(s_v));
    }

    [Test]
    public void ReverseOverReverse_JacobianOfGradient_IsHessian()
    {
        T[,] h = Reverse.Jacobian<T>(x => Reverse.Gradient(s_f, x), s_x);

        for (int j = 0; j < s_x.Length; j++)
        {
            var e = new T[s_x.Length];
            e[j] = T.One;
            ShouldMatch([.. Enumerable.Range(0, s_x.Length).Select(i => h[i, j])], Hv(e));
        }
    }

    [Test]
    public void ReverseOverReverse_ImperativeTapes_InnerSweepRecordedOnOuterTape()
    {
        var outer = new Tape<T>();
        var inner = new Tape<Var<T>>();
        var x = new Var<T>[s_x.Length];
        using (outer.Record())
        {
            var xx = new Var<Var<T>>[s_x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                x[i] = outer.Variable(s_x[i]);
            }

            using (inner.Record())
            {
                for (int i = 0; i < x.Length; i++)
                {
                    xx[i] = inner.Variable(x[i]);
                }

                inner.Backward(s_f.Evaluate<Var<Var<T>>>(xx));
            }

            int before = outer.Count;
            Var<T> gv = T.Zero;
            for (int i = 0; i < x.Length; i++)
            {
                Var<T> gi = inner.Adjoint(xx[i]);
                gi.IsRecorded.ShouldBeTrue();
                gv += gi * s_v[i];
            }

            outer.Count.ShouldBeGreaterThan(before);
            outer.Backward(gv);
        }

        ShouldMatch([.. x.Select(outer.Adjoint)], Hv(s_v));
    }

    [Test]
    public void ForwardOverForward_JvpOfJvp_IsVtHw()
    {
        Dual<T>[] w = [.. s_w.Select(wi => (Dual<T>)wi)];

        T vhw = Forward.Jvp<T>(x => Forward.Jvp(s_f, x, w).Tangent, s_x, s_v).Tangent;

        double expected = Dot(Hv(s_w), s_v);
        double.CreateChecked(vhw).ShouldBe(expected, Tolerance(expected));
    }

    [Test]
    public void PerturbationConfusion_ReverseInsideReverse_Is10()
    {
        // d/dx [x · d/dy (x·y) at y=3] at x=5 = d/dx x² = 2x = 10
        T d = Reverse.Derivative<T>(x => x * Reverse.Derivative<Var<T>>(y => (Var<Var<T>>)x * y, Three<Var<T>>()), Five());
        d.ShouldBe(T.CreateChecked(10));
    }

    [Test]
    public void PerturbationConfusion_ForwardInsideReverse_Is10()
    {
        // as above, the inner derivative forward (Dual<Var<T>>): 2x = 10
        T d = Reverse.Derivative<T>(x => x * Forward.Derivative<Var<T>>(y => (Dual<Var<T>>)x * y, Three<Var<T>>()), Five());
        d.ShouldBe(T.CreateChecked(10));
    }

    [Test]
    public void PerturbationConfusion_ReverseInsideForward_Is10()
    {
        // as above, the outer derivative forward, the inner reverse (Var<Dual<T>>): 2x = 10
        T d = Forward.Derivative<T>(x => x * Reverse.Derivative<Dual<T>>(y => (Var<Dual<T>>)x * y, Three<Dual<T>>()), Five());
        d.ShouldBe(T.CreateChecked(10));
    }

    [Test]
    public void PerturbationConfusion_ForwardInsideForward_Is10()
    {
        // Dual<Dual<T>>: 2x = 10
        T d = Forward.Derivative<T>(x => x * Forward.Derivative<Dual<T>>(y => (Dual<Dual<T>>)x * y, Three<Dual<T>>()), Five());
        d.ShouldBe(T.CreateChecked(10));
    }

    [Test]
    public void ThirdOrder_ReverseThreeDeep_IsExact()
    {
        // d³/dx³ x⁴ at 2 = 24x = 48
        T d = Reverse.Derivative<T>(
            x => Reverse.Derivative<Var<T>>(
                y => Reverse.Derivative<Var<Var<T>>>(z => z * z * z * z, y),
                x),
            T.CreateChecked(2));
        d.ShouldBe(T.CreateChecked(48));
    }

    [Test]
    public void SameTypeNested_InnerIgnoresOuter_Works()
    {
        // inner: d/dy y² at 3 = 6, a true constant in x; outer: d/dx 6x = 6
        T d = Reverse.Derivative<T>(x => x * Reverse.Derivative<T>(y => y * y, T.CreateChecked(3)), Five());
        d.ShouldBe(T.CreateChecked(6));
    }

    private static T Five() => T.CreateChecked(5);

    private static TS Three<TS>()
        where TS : IFloatingPointIeee754<TS> => TS.CreateChecked(3);

    private static Var<T> Dot(Var<T>[] g, T[] v)
    {
        Var<T> sum = T.Zero;
        for (int i = 0; i < g.Length; i++)
        {
            sum += g[i] * v[i];
        }

        return sum;
    }

    private static double Dot(double[] a, T[] b) => a.Zip(b, (p, q) => p * double.CreateChecked(q)).Sum();

    private static double Tolerance(double scale) => TestFunctions.Ulps<T>(64) * Math.Max(1, Math.Abs(scale));

    private static void ShouldMatch(T[] actual, double[] expected)
    {
        actual.Length.ShouldBe(expected.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double.CreateChecked(actual[i]).ShouldBe(expected[i], Tolerance(expected[i]), $"component {i}");
        }
    }

    /// <summary>∇f = (2x₀x₁ + sin x₂, x₀² + x₂e, x₀ cos x₂ + x₁e), e = e^(x₁x₂), at <see cref="s_x"/> in double.</summary>
    private static double[] Gradient()
    {
        (double x0, double x1, double x2) = (double.CreateChecked(s_x[0]), double.CreateChecked(s_x[1]), double.CreateChecked(s_x[2]));
        double e = Math.Exp(x1 * x2);
        return [2 * x0 * x1 + Math.Sin(x2), x0 * x0 + x2 * e, x0 * Math.Cos(x2) + x1 * e];
    }

    /// <summary>H·v with the analytic Hessian in the fixture summary, at <see cref="s_x"/> in double.</summary>
    private static double[] Hv(T[] direction)
    {
        (double x0, double x1, double x2) = (double.CreateChecked(s_x[0]), double.CreateChecked(s_x[1]), double.CreateChecked(s_x[2]));
        double e = Math.Exp(x1 * x2);
        double[,] h =
        {
            { 2 * x1, 2 * x0, Math.Cos(x2) },
            { 2 * x0, x2 * x2 * e, (1 + x1 * x2) * e },
            { Math.Cos(x2), (1 + x1 * x2) * e, -x0 * Math.Sin(x2) + x1 * x1 * e },
        };
        double[] v = TestFunctions.ToDouble(direction);
        return [.. Enumerable.Range(0, 3).Select(i => h[i, 0] * v[0] + h[i, 1] * v[1] + h[i, 2] * v[2])];
    }

    /// <summary>f(x) = x₀²x₁ + x₀·sin x₂ + e^(x₁x₂).</summary>
    private sealed class KnownHessian : IScalarFunction
    {
        public TS Evaluate<TS>(ReadOnlySpan<TS> x)
            where TS : IFloatingPointIeee754<TS> => x[0] * x[0] * x[1] + x[0] * TS.Sin(x[2]) + TS.Exp(x[1] * x[2]);
    }
}
