using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Reliability;

/// <summary>
/// Careless use: a variable kept past its recording, variables of two tapes mixed, a constant function, inputs the
/// function ignores, and a single input, in every mode and HVP route. Misuse fails with a clear exception and leaves
/// the next call correct; legitimate edge cases give zeros, not errors.
/// </summary>
[TestFixture]
public class CarelessUseTests
{
    private static readonly double[] s_x = [0.5, -1.5, 2.0, 0.25];
    private static readonly double[] s_v = [1.0, 2.0, -1.0, 0.5];

    [Test]
    public void VarKeptFromAnEarlierCall_UsedLater_ThrowsClearlyAndNextCallCorrect()
    {
        Var<double> kept = default;
        Reverse.Gradient<double>(v => kept = v[0] * v[1], s_x);

        // in a later recording: "different recordings"; with no recording at all: "no recording active"
        Should.Throw<InvalidOperationException>(() => Reverse.Gradient<double>(v => v[0] * kept, s_x)).Message.ShouldContain("different recordings");
        Should.Throw<InvalidOperationException>(() => kept * kept).Message.ShouldContain("no recording active");
        ProgramJobs.NoTapeActive().ShouldBeTrue();

        // ∇(x₀x₁) = (x₁, x₀, 0, 0)
        Reverse.Gradient<double>(v => v[0] * v[1], s_x).ShouldBe([-1.5, 0.5, 0.0, 0.0]);
    }

    [Test]
    public void VariablesOfTwoTapes_Combined_ThrowClearlyAndOuterRecordingContinues()
    {
        var outer = new Tape<double>();
        using (outer.Record())
        {
            Var<double> a = outer.Variable(3.0);
            var inner = new Tape<double>();
            using (inner.Record())
            {
                Var<double> b = inner.Variable(2.0);
                Should.Throw<InvalidOperationException>(() => a * b).Message.ShouldContain("different recordings");
                Should.Throw<InvalidOperationException>(() => inner.Backward(a)).Message.ShouldContain("another recording");
            }

            // d/da a² = 2a = 6 at 3
            outer.Backward(a * a);
            outer.Adjoint(a).ShouldBe(6.0);
        }
    }

    [Test]
    public void ConstantFunction_EveryMode_ZerosNotErrors()
    {
        // f(x) = 3: every first and second derivative is 0, and the value is 3
        AllModes(new Constant(), s_x, s_v, gradient: [0, 0, 0, 0], hv: [0, 0, 0, 0], hessianDiagonal: [0, 0, 0, 0]);
    }

    [Test]
    public void FunctionIgnoringInputs_EveryMode_ZeroEntries()
    {
        // f(x) = x₁³: ∇f = (0, 3x₁², 0, 0) = (0, 6.75, 0, 0); H = 6x₁ at [1,1] only, so H·v = (0, −9·2, 0, 0) = (0, −18, 0, 0)
        AllModes(new CubeOfSecond(), s_x, s_v, gradient: [0, 6.75, 0, 0], hv: [0, -18, 0, 0], hessianDiagonal: [0, -9, 0, 0]);
    }

    [Test]
    public void SingleInput_EveryMode_MatchesAnalytic()
    {
        // f(x) = x·sin x at 0.5: f′ = sin x + x cos x, f″ = 2 cos x − x sin x
        double x = 0.5;
        double d1 = Math.Sin(x) + (x * Math.Cos(x));
        double d2 = (2 * Math.Cos(x)) - (x * Math.Sin(x));
        AllModes(new XSinX(), [x], [1.0], gradient: [d1], hv: [d2], hessianDiagonal: [d2], tolerance: 1e-14);
    }

    /// <summary>Value, gradient (reverse and forward), Jacobians, all four HVP routes and the Hessian's diagonal.</summary>
    private static void AllModes(Function f, double[] x, double[] v, double[] gradient, double[] hv, double[] hessianDiagonal, double tolerance = 0)
    {
        (double value, double[] g) = Reverse.ValueAndGradient<double>((IScalarFunction)f, x);
        value.ShouldBe(f.Plain(x), tolerance);
        g.ShouldBe(gradient, tolerance);
        for (int j = 0; j < x.Length; j++)
        {
            double[] e = [.. x.Select((_, k) => k == j ? 1.0 : 0.0)];
            Forward.Jvp<double>((IScalarFunction)f, x, e).Tangent.ShouldBe(gradient[j], tolerance);
            Forward.Jacobian<double>(f, x)[0, j].ShouldBe(gradient[j], tolerance);
            Reverse.Jacobian<double>(f, x)[0, j].ShouldBe(gradient[j], tolerance);
        }

        foreach (HvpMethod method in new[] { HvpMethod.ForwardOverReverse, HvpMethod.ReverseOverForward, HvpMethod.ReverseOverReverse })
        {
            global::DualAutodiff.Hvp.Compute(f, x, v, method).ShouldBe(hv, Math.Max(tolerance, 1e-15), method.ToString());
        }

        global::DualAutodiff.Hvp.Compute(f, x, v, HvpMethod.FiniteDifference).ShouldBe(hv, 1e-7);
        double[,] hessian = global::DualAutodiff.Hvp.Hessian(f, x);
        for (int i = 0; i < x.Length; i++)
        {
            hessian[i, i].ShouldBe(hessianDiagonal[i], Math.Max(tolerance, 1e-15));
        }
    }

    /// <summary>A scalar function that is also a vector function with one output.</summary>
    private abstract class Function : IScalarFunction, IVectorFunction
    {
        public double Plain(double[] x) => Evaluate<double>(x);

        public int OutputLength(int inputLength) => 1;

        public abstract T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T>;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T> => y[0] = Evaluate(x);
    }

    private sealed class Constant : Function
    {
        public override T Evaluate<T>(ReadOnlySpan<T> x) => T.CreateChecked(3);
    }

    private sealed class CubeOfSecond : Function
    {
        public override T Evaluate<T>(ReadOnlySpan<T> x) => x[1] * x[1] * x[1];
    }

    private sealed class XSinX : Function
    {
        public override T Evaluate<T>(ReadOnlySpan<T> x) => x[0] * T.Sin(x[0]);
    }
}
