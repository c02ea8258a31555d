using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Dual;

/// <summary>Bad input to <see cref="Forward"/>: each problem throws an <see cref="ArgumentException"/> naming the parameter.</summary>
[TestFixture]
public class ForwardArgumentTests
{
    private static readonly double[] s_x = [1.0, 2.0];
    private static readonly double[] s_v = [1.0, 0.0];

    private static Dual<double> Sum(Dual<double>[] x) => x[0] + x[1];

    private static Dual<double>[] Pair(Dual<double>[] x) => [x[0] * x[1], x[0] + x[1]];

    private sealed class Scalar : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : IFloatingPointIeee754<T> => x[0];
    }

    private sealed class Vector(int outputs) : IVectorFunction
    {
        public int OutputLength(int inputLength) => outputs;

        public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
            where T : IFloatingPointIeee754<T>
        {
            for (int i = 0; i < y.Length; i++)
            {
                y[i] = x[0];
            }
        }
    }

    private static void ShouldThrowFor<TException>(Action call, string parameter)
        where TException : ArgumentException =>
        Should.Throw<TException>(call).ParamName.ShouldBe(parameter);

    [Test]
    public void EveryOverload_NullFunction_ThrowsArgumentNullExceptionForF()
    {
        ShouldThrowFor<ArgumentNullException>(() => Forward.Derivative<double>(null!, 1.0), "f");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jvp<double>((Func<Dual<double>[], Dual<double>>)null!, s_x, s_v), "f");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jvp<double>((Func<Dual<double>[], Dual<double>[]>)null!, s_x, s_v), "f");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jacobian<double>((Func<Dual<double>[], Dual<double>[]>)null!, s_x), "f");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jvp<double>((IScalarFunction)null!, s_x, s_v), "f");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jvp<double>((IVectorFunction)null!, s_x, s_v), "f");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jacobian<double>((IVectorFunction)null!, s_x), "f");
    }

    [Test]
    public void EveryOverload_NullX_ThrowsArgumentNullExceptionForX()
    {
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jvp<double>(Sum, null!, s_v), "x");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jvp<double>(Pair, null!, s_v), "x");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jacobian<double>(Pair, null!), "x");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jvp<double>(new Scalar(), null!, s_v), "x");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jvp<double>(new Vector(2), null!, s_v), "x");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jacobian<double>(new Vector(2), null!), "x");
    }

    [Test]
    public void EveryJvp_NullV_ThrowsArgumentNullExceptionForV()
    {
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jvp<double>(Sum, s_x, null!), "v");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jvp<double>(Pair, s_x, null!), "v");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jvp<double>(new Scalar(), s_x, null!), "v");
        ShouldThrowFor<ArgumentNullException>(() => Forward.Jvp<double>(new Vector(2), s_x, null!), "v");
    }

    [TestCase(1)]
    [TestCase(3)]
    public void EveryJvp_VLengthDiffersFromX_ThrowsForV(int length)
    {
        double[] v = new double[length];
        ShouldThrowFor<ArgumentException>(() => Forward.Jvp<double>(Sum, s_x, v), "v");
        ShouldThrowFor<ArgumentException>(() => Forward.Jvp<double>(Pair, s_x, v), "v");
        ShouldThrowFor<ArgumentException>(() => Forward.Jvp<double>(new Scalar(), s_x, v), "v");
        ShouldThrowFor<ArgumentException>(() => Forward.Jvp<double>(new Vector(2), s_x, v), "v");
    }

    [Test]
    public void JacobianDelegate_OutputCountChangesBetweenColumns_ThrowsForF()
    {
        // column 0 sees two outputs, column 1 three: the Jacobian has no consistent shape
        int calls = 0;
        Dual<double>[] Unstable(Dual<double>[] x) => ++calls == 1 ? [x[0], x[1]] : [x[0], x[1], x[0]];
        ShouldThrowFor<ArgumentException>(() => Forward.Jacobian<double>(Unstable, s_x), "f");
    }

    [Test]
    public void VectorDelegate_ReturnsNull_ThrowsForF()
    {
        ShouldThrowFor<ArgumentException>(() => Forward.Jvp<double>(x => (Dual<double>[])null!, s_x, s_v), "f");
        ShouldThrowFor<ArgumentException>(() => Forward.Jacobian<double>(x => (Dual<double>[])null!, s_x), "f");
    }

    [TestCase(-1)]
    public void VectorFunction_OutputLengthNegative_ThrowsForF(int outputs)
    {
        ShouldThrowFor<ArgumentException>(() => Forward.Jvp<double>(new Vector(outputs), s_x, s_v), "f");
        ShouldThrowFor<ArgumentException>(() => Forward.Jacobian<double>(new Vector(outputs), s_x), "f");
    }

    [Test]
    public void Jvp_NaNAndInfinityInInputs_FlowThroughAsIeee()
    {
        // f = 2x₀ + x₁: tangent 2·v₀ + v₁, so ∞ in v gives ∞, NaN in x gives a NaN value and a finite tangent
        static Dual<double> Linear(Dual<double>[] x) => 2.0 * x[0] + x[1];
        Forward.Jvp<double>(Linear, s_x, [double.PositiveInfinity, 0]).Tangent.ShouldBe(double.PositiveInfinity);
        (double value, double tangent) = Forward.Jvp<double>(Linear, [double.NaN, 1], [1, 1]);
        value.ShouldBe(double.NaN);
        tangent.ShouldBe(3.0);
        Forward.Jvp<double>(x => Dual<double>.Exp(x[0]), [double.PositiveInfinity], [1]).ShouldBe((double.PositiveInfinity, double.PositiveInfinity));
        double.IsNaN(Forward.Jvp<double>(x => x[0] * x[0], [double.NaN], [1]).Tangent).ShouldBeTrue(); // 2·NaN
    }
}
