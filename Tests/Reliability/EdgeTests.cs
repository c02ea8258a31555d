using System.Globalization;
using System.Numerics;
using DualAutodiff.Tests.Consistency;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Reliability;

/// <summary>
/// Every elementary function (<see cref="RuleTable"/>) at every combination of edge inputs (±0, ±1, ±∞, NaN, the
/// smallest subnormals, ±MaxValue) in every mode: <c>Dual</c> (forward), <c>Var</c> (reverse),
/// <c>Var&lt;Dual&gt;</c> (forward-over-reverse) and <c>Dual&lt;Var&gt;</c> (reverse-over-forward).
/// </summary>
/// <remarks>
/// At each point: the value is the plain one in every mode; the forward tangent equals the reverse adjoint
/// (one convention, NaN matching NaN); a zero tangent gives a zero tangent and a zero seed gives zero adjoints,
/// never NaN; and the first-order parts of both second-order modes equal the plain forward and reverse results,
/// so nesting never changes a first derivative. With a zero direction, the second-order parts are 0 (H·0 = 0).
/// </remarks>
/// <typeparam name="T">The scalar type.</typeparam>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
public class EdgeTests<T>
    where T : IFloatingPointIeee754<T>
{
    private static readonly T[] s_edges =
    [
        T.Zero, T.NegativeZero, T.One, -T.One, T.PositiveInfinity, T.NegativeInfinity, T.NaN,
        T.Epsilon, -T.Epsilon, T.CreateSaturating(double.MaxValue), T.CreateSaturating(double.MinValue),
    ];

    public static IEnumerable<Op> Ops() => Enum.GetValues<Op>();

    [TestCaseSource(nameof(Ops))]
    public void EveryEdgeInput_EveryMode_OneConventionAndNoNaNFromZero(Op op)
    {
        int arity = RuleTable.Cases().First(c => c.Op == op).Point.Length;
        var problems = new List<string>();
        int points = 0;
        foreach (T[] x in Points(arity))
        {
            points++;
            Check(op, x, problems);
        }

        points.ShouldBe((int)Math.Pow(s_edges.Length, arity));
        problems.ShouldBeEmpty($"{problems.Count} problems, first ones:\n" + string.Join("\n", problems.Take(20)));
    }

    /// <summary>All the checks at one point; each problem is added as one line.</summary>
    private static void Check(Op op, T[] x, List<string> problems)
    {
        string at = $"{op}({string.Join(", ", x.Select(Text))})";
        T plain;
        try
        {
            plain = RuleTable.Apply<T>(op, x);
        }
        catch (ArgumentException)
        {
            // Clamp with min > max throws for T; every mode must throw the same way.
            if (!Throws(() => RuleTable.Apply<Dual<T>>(op, Seeded(x, -1))) || !Throws(() => Reverse.Gradient<T>(v => RuleTable.Apply<Var<T>>(op, v), x)))
            {
                problems.Add($"{at}: T throws ArgumentException but a mode does not");
            }

            return;
        }

        T[] gradient = Reverse.Gradient<T>(v => RuleTable.Apply<Var<T>>(op, v), x);
        var tangents = new T[x.Length];
        for (int j = 0; j < x.Length; j++)
        {
            Dual<T> y = RuleTable.Apply<Dual<T>>(op, Seeded(x, j));
            tangents[j] = y.Tangent;
            Expect(problems, at, $"forward value", y.Value, plain);
            Expect(problems, at, $"forward ∂/∂x{j} vs reverse", y.Tangent, gradient[j]);
        }

        Expect(problems, at, "forward tangent with zero seed", RuleTable.Apply<Dual<T>>(op, Seeded(x, -1)).Tangent, T.Zero);
        ZeroAdjointSeed(op, x, problems, at);
        for (int j = -1; j < x.Length; j++)
        {
            ForwardOverReverse(op, x, j, gradient, problems, at);
            ReverseOverForward(op, x, j, plain, gradient, j < 0 ? T.Zero : tangents[j], problems, at);
        }
    }

    /// <summary>A backward sweep seeded with 0 gives 0 for every input.</summary>
    private static void ZeroAdjointSeed(Op op, T[] x, List<string> problems, string at)
    {
        var tape = new Tape<T>();
        Var<T>[] input = new Var<T>[x.Length];
        using (tape.Record())
        {
            for (int i = 0; i < x.Length; i++)
            {
                input[i] = tape.Variable(x[i]);
            }

            tape.Backward(RuleTable.Apply(op, input), T.Zero);
        }

        for (int i = 0; i < x.Length; i++)
        {
            Expect(problems, at, $"reverse adjoint of x{i} with zero seed", tape.Adjoint(input[i]), T.Zero);
        }
    }

    /// <summary>Var&lt;Dual&gt; with direction eⱼ (or 0 when j &lt; 0): the adjoints' values are the gradient; with
    /// direction 0 their tangents are 0.</summary>
    private static void ForwardOverReverse(Op op, T[] x, int j, T[] gradient, List<string> problems, string at)
    {
        var tape = new Tape<Dual<T>>();
        var input = new Var<Dual<T>>[x.Length];
        using (tape.Record())
        {
            for (int i = 0; i < x.Length; i++)
            {
                input[i] = tape.Variable(new Dual<T>(x[i], i == j ? T.One : T.Zero));
            }

            tape.Backward(RuleTable.Apply(op, input));
        }

        for (int i = 0; i < x.Length; i++)
        {
            Dual<T> adjoint = tape.Adjoint(input[i]);
            Expect(problems, at, $"Var<Dual> gradient ∂/∂x{i} (direction e{j}) vs reverse", adjoint.Value, gradient[i]);
            if (j < 0)
            {
                Expect(problems, at, $"Var<Dual> (H·0)[{i}]", adjoint.Tangent, T.Zero);
            }
        }
    }

    /// <summary>Dual&lt;Var&gt; with tangent eⱼ (or 0): the value is plain, the tangent's value is the forward
    /// tangent, the sweep from the value gives the gradient, and with tangent 0 the sweep from the tangent gives 0.</summary>
    private static void ReverseOverForward(Op op, T[] x, int j, T plain, T[] gradient, T tangent, List<string> problems, string at)
    {
        var tape = new Tape<T>();
        var input = new Dual<Var<T>>[x.Length];
        var fromValue = new T[x.Length];
        Dual<Var<T>> y;
        using (tape.Record())
        {
            for (int i = 0; i < x.Length; i++)
            {
                input[i] = new Dual<Var<T>>(tape.Variable(x[i]), i == j ? Var<T>.One : Var<T>.Zero);
            }

            y = RuleTable.Apply(op, input);
            tape.Backward(y.Value);
            for (int i = 0; i < x.Length; i++)
            {
                fromValue[i] = tape.Adjoint(input[i].Value);
            }

            if (j < 0)
            {
                tape.Backward(y.Tangent);
            }
        }

        Expect(problems, at, $"Dual<Var> value (tangent e{j})", y.Value.Value, plain);
        Expect(problems, at, $"Dual<Var> tangent (tangent e{j}) vs forward", y.Tangent.Value, tangent);
        for (int i = 0; i < x.Length; i++)
        {
            Expect(problems, at, $"Dual<Var> gradient ∂/∂x{i} vs reverse", fromValue[i], gradient[i]);
            if (j < 0)
            {
                Expect(problems, at, $"Dual<Var> ∇(∇f·0)[{i}]", tape.Adjoint(input[i].Value), T.Zero);
            }
        }
    }

    /// <summary>Equal as values, or both NaN; records a problem otherwise.</summary>
    private static void Expect(List<string> problems, string at, string what, T actual, T expected)
    {
        if (!(actual == expected || (T.IsNaN(actual) && T.IsNaN(expected))))
        {
            problems.Add($"{at}: {what}: {Text(actual)}, expected {Text(expected)}");
        }
    }

    private static bool Throws(Action action)
    {
        try
        {
            action();
            return false;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    private static IEnumerable<T[]> Points(int arity)
    {
        if (arity == 0)
        {
            yield return [];
            yield break;
        }

        foreach (T[] rest in Points(arity - 1))
        {
            foreach (T e in s_edges)
            {
                yield return [.. rest, e];
            }
        }
    }

    private static Dual<T>[] Seeded(T[] x, int j) => [.. x.Select((p, k) => new Dual<T>(p, k == j ? T.One : T.Zero))];

    private static string Text(T x) => x.ToString("R", CultureInfo.InvariantCulture);
}
