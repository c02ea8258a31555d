using System.Numerics;

namespace DualAutodiff.Tests.Rules;

/// <summary>A scalar function written once, generically, as user code is.</summary>
public interface IUnary
{
    T Eval<T>(T x)
        where T : IFloatingPointIeee754<T>;
}

/// <summary>A unary function as an <see cref="IScalarFunction"/> of one input, for the facades.</summary>
public sealed class UnaryFunction(IUnary f) : IScalarFunction
{
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => f.Eval(x[0]);
}

/// <summary>Derivatives of every order through every mode and nesting, each labelled, so a test compares all of
/// them with one closed form.</summary>
public static class Orders
{
    /// <summary>f′(x): forward (<c>Dual</c>) and reverse (<c>Var</c>).</summary>
    public static (string Mode, double Value)[] First(IUnary f, double x) =>
    [
        ("forward", Forward.Derivative<double>(u => f.Eval(u), x)),
        ("reverse", Reverse.Derivative<double>(u => f.Eval(u), x)),
    ];

    /// <summary>f″(x): the four two-level nestings and the three exact H·v routes of the facade.</summary>
    public static (string Mode, double Value)[] Second(IUnary f, double x)
    {
        var g = new UnaryFunction(f);
        return
        [
            ("forward-over-forward", Forward.Derivative<double>(u => Forward.Derivative<Dual<double>>(w => f.Eval(w), u), x)),
            ("forward-over-reverse", Reverse.Derivative<Dual<double>>(w => f.Eval(w), new Dual<double>(x, 1.0)).Tangent),
            ("reverse-over-forward", Reverse.Derivative<double>(u => Forward.Derivative<Var<double>>(w => f.Eval(w), u), x)),
            ("reverse-over-reverse", Reverse.Derivative<double>(u => Reverse.Derivative<Var<double>>(w => f.Eval(w), u), x)),
            ("Hvp forward-over-reverse", global::DualAutodiff.Hvp.Compute(g, [x], [1.0])[0]),
            ("Hvp reverse-over-forward", global::DualAutodiff.Hvp.Compute(g, [x], [1.0], HvpMethod.ReverseOverForward)[0]),
            ("Hvp reverse-over-reverse", global::DualAutodiff.Hvp.Compute(g, [x], [1.0], HvpMethod.ReverseOverReverse)[0]),
            ("global::DualAutodiff.Hvp.Hessian", global::DualAutodiff.Hvp.Hessian(g, [x])[0, 0]),
        ];
    }

    /// <summary>f‴(x): forward³ and forward over (reverse over forward).</summary>
    public static (string Mode, double Value)[] Third(IUnary f, double x) =>
    [
        ("forward³", Forward.Derivative<double>(a => Forward.Derivative<Dual<double>>(b => Forward.Derivative<Dual<Dual<double>>>(c => f.Eval(c), b), a), x)),
        ("forward-reverse-forward", Forward.Derivative<double>(a => Reverse.Derivative<Dual<double>>(b => Forward.Derivative<Var<Dual<double>>>(c => f.Eval(c), b), a), x)),
        ("reverse³", Reverse.Derivative<double>(a => Reverse.Derivative<Var<double>>(b => Reverse.Derivative<Var<Var<double>>>(c => f.Eval(c), b), a), x)),
    ];

    /// <summary>f⁗(x): forward⁴, and forward-reverse-forward-reverse (<c>Var&lt;Dual&lt;Var&lt;Dual&lt;double&gt;&gt;&gt;&gt;</c>).</summary>
    public static (string Mode, double Value)[] Fourth(IUnary f, double x) =>
    [
        ("forward⁴", Forward.Derivative<double>(a => Forward.Derivative<Dual<double>>(b => Forward.Derivative<Dual<Dual<double>>>(c => Forward.Derivative<Dual<Dual<Dual<double>>>>(d => f.Eval(d), c), b), a), x)),
        ("forward-reverse-forward-reverse", Forward.Derivative<double>(a => Reverse.Derivative<Dual<double>>(b => Forward.Derivative<Var<Dual<double>>>(c => Reverse.Derivative<Dual<Var<Dual<double>>>>(d => f.Eval(d), c), b), a), x)),
    ];

    /// <summary>Checks every labelled result against the closed form, relative to max(1, |expected|).</summary>
    public static void ShouldAllBe(this (string Mode, double Value)[] results, double expected, double tolerance, string what)
    {
        foreach ((string mode, double value) in results)
        {
            value.ShouldBeClose(expected, tolerance, $"{what}, {mode}");
        }
    }
}
