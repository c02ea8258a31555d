using System.Numerics;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Consistency;

/// <summary>
/// Every elementary function differentiated twice in all four nestings: forward-over-forward
/// (<c>Dual&lt;Dual&lt;T&gt;&gt;</c>), forward-over-reverse (<c>Var&lt;Dual&lt;T&gt;&gt;</c>, JAX's <c>jvp(grad f)</c>),
/// reverse-over-forward (<c>Dual&lt;Var&lt;T&gt;&gt;</c>, Stan's <c>fvar&lt;var&gt;</c>) and reverse-over-reverse
/// (<c>Var&lt;Var&lt;T&gt;&gt;</c>) give the same Hessian entries, because all read the one rule table.
/// </summary>
/// <typeparam name="T">The innermost scalar type.</typeparam>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class NestedRuleTests<T>
    where T : IFloatingPointIeee754<T>
{
    public static IEnumerable<RuleCase> SmoothCases() => RuleTable.Cases().Where(c => c.Smooth);

    [TestCaseSource(nameof(SmoothCases))]
    public void AllFourNestings_SmoothRule_GiveTheSameHessian(RuleCase c)
    {
        T[] x = [.. Approx.Rounded<T>(c.Point).Select(T.CreateChecked)];
        int n = x.Length;
        for (int j = 0; j < n; j++)
        {
            T[] forwardOverForward = ForwardOverForward(c.Op, x, j);
            T[] forwardOverReverse = ForwardOverReverse(c.Op, x, j);
            T[] reverseOverForward = ReverseOverForward(c.Op, x, j);
            T[] reverseOverReverse = ReverseOverReverse(c.Op, x, j);
            for (int i = 0; i < n; i++)
            {
                double expected = Approx.D(forwardOverForward[i]);
                string entry = $"H[{i},{j}]";
                Approx.D(forwardOverReverse[i]).ShouldBeClose(expected, Approx.For<T>(), $"{entry} forward-over-reverse");
                Approx.D(reverseOverForward[i]).ShouldBeClose(expected, Approx.For<T>(), $"{entry} reverse-over-forward");
                Approx.D(reverseOverReverse[i]).ShouldBeClose(expected, Approx.For<T>(), $"{entry} reverse-over-reverse");
            }
        }
    }

    [TestCase(0.0)]
    [TestCase(-0.0)]
    public void AllFourNestings_KinkSquaredAtZero_SecondDerivativeIsTwo(double at)
    {
        // |t|² is t² on the branch taken at 0 (slope +1); max(t, −t)² is t² or (−t)² on either branch: second
        // derivative 2 in every nesting (a tie rule that mixed both slopes would give 0)
        static TN AbsSquared<TN>(TN t)
            where TN : IFloatingPointIeee754<TN> => TN.Abs(t) * TN.Abs(t);
        static TN MaxSquared<TN>(TN t)
            where TN : IFloatingPointIeee754<TN> => TN.Max(t, -t) * TN.Max(t, -t);
        T x = T.CreateChecked(at);
        T two = T.CreateChecked(2);
        SecondDerivatives(x, AbsSquared, AbsSquared, AbsSquared, AbsSquared).ShouldBe([two, two, two, two]);
        SecondDerivatives(x, MaxSquared, MaxSquared, MaxSquared, MaxSquared).ShouldBe([two, two, two, two]);
    }

    /// <summary>f″(x) forward-over-forward, forward-over-reverse, reverse-over-forward and reverse-over-reverse.</summary>
    private static T[] SecondDerivatives(
        T x,
        Func<Dual<Dual<T>>, Dual<Dual<T>>> forwardOverForward,
        Func<Var<Dual<T>>, Var<Dual<T>>> forwardOverReverse,
        Func<Dual<Var<T>>, Dual<Var<T>>> reverseOverForward,
        Func<Var<Var<T>>, Var<Var<T>>> reverseOverReverse)
    {
        T fof = Forward.Derivative<T>(u => Forward.Derivative(forwardOverForward, u), x);
        T fOr = Reverse.Derivative<Dual<T>>(forwardOverReverse, new Dual<T>(x, T.One)).Tangent;
        T rof = Reverse.Derivative<T>(u => Forward.Derivative(reverseOverForward, u), x);
        T ror = Reverse.Derivative<T>(u => Reverse.Derivative(reverseOverReverse, u), x);
        return [fof, fOr, rof, ror];
    }

    /// <summary>Column j of H: the ε₁ε₂ coefficients with x + eᵢε₁ + eⱼε₂.</summary>
    private static T[] ForwardOverForward(Op op, T[] x, int j)
    {
        var column = new T[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            Dual<Dual<T>>[] input = [.. x.Select((p, k) => new Dual<Dual<T>>(new Dual<T>(p, k == i ? T.One : T.Zero), new Dual<T>(k == j ? T.One : T.Zero, T.Zero)))];
            column[i] = RuleTable.Apply<Dual<Dual<T>>>(op, input).Tangent.Tangent;
        }

        return column;
    }

    /// <summary>H·eⱼ as the tangents of the adjoints, one recording seeded with eⱼ.</summary>
    private static T[] ForwardOverReverse(Op op, T[] x, int j)
    {
        Tape<Dual<T>> tape = Tape<Dual<T>>.Rent();
        try
        {
            Var<Dual<T>>[] input = [.. x.Select((p, k) => tape.Variable(new Dual<T>(p, k == j ? T.One : T.Zero)))];
            tape.Backward(RuleTable.Apply<Var<Dual<T>>>(op, input));
            return [.. input.Select(v => tape.Adjoint(v).Tangent)];
        }
        finally
        {
            tape.Return();
        }
    }

    /// <summary>∇(∇f·eⱼ): the gradient of the directional derivative, by a backward sweep over the tangent.</summary>
    private static T[] ReverseOverForward(Op op, T[] x, int j)
    {
        Tape<T> tape = Tape<T>.Rent();
        try
        {
            Var<T>[] variables = [.. x.Select(tape.Variable)];
            Dual<Var<T>>[] input = [.. variables.Select((v, k) => new Dual<Var<T>>(v, k == j ? Var<T>.One : Var<T>.Zero))];
            tape.Backward(RuleTable.Apply<Dual<Var<T>>>(op, input).Tangent);
            return [.. variables.Select(tape.Adjoint)];
        }
        finally
        {
            tape.Return();
        }
    }

    /// <summary>∇(∂f/∂xⱼ): the gradient of a gradient entry, the inner gradient recorded on the outer tape.</summary>
    private static T[] ReverseOverReverse(Op op, T[] x, int j) =>
        Reverse.Gradient<T>(outer => Reverse.Gradient<Var<T>>(inner => RuleTable.Apply<Var<Var<T>>>(op, inner), outer)[j], x);
}
