using System.Globalization;
using System.Numerics;

namespace DualAutodiff.Benchmarks;

/// <summary>The special functions' cost (<c>-- --special</c>): per function, the plain <see cref="double"/> evaluation
/// and the recording of the same call on <see cref="Var{T}"/> of double (value, partial and one record), against the
/// cost of one record of a trivial operation (negation), so the ratio (Var − record)/double says what the rule adds
/// beyond its value and one record (the target: at most 1.5).</summary>
public static class SpecialCost
{
    private const int N = 1000;

    private static readonly double[] s_x = [.. Enumerable.Range(0, N).Select(i => 0.3 + (0.6 * ((i % 97) / 97.0)))];

    private static readonly (string Name, Func<double, double> Plain, Func<Var<double>, Var<double>> Recorded)[] s_functions =
    [
        ("erf", Special.Erf, Special.Erf),
        ("erfc", Special.Erfc, Special.Erfc),
        ("erfinv", Special.ErfInv, Special.ErfInv),
        ("normcdf", Special.NormalCdf, Special.NormalCdf),
        ("norminv", Special.InverseNormalCdf, Special.InverseNormalCdf),
        ("lgamma", Special.LogGamma, Special.LogGamma),
        ("gamma", Special.Gamma, Special.Gamma),
        ("digamma", Special.Digamma, Special.Digamma),
        ("trigamma", Special.Trigamma, Special.Trigamma),
        ("sigmoid", Special.Sigmoid, Special.Sigmoid),
        ("logit", Special.Logit, Special.Logit),
        ("softplus", Special.Softplus, Special.Softplus),
    ];

    /// <summary>Prints one line per function: <c>name double_ns var_ns record_ns ratio</c>.</summary>
    /// <param name="output">Where the lines go.</param>
    public static void Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var tape = new Tape<double>();
        double record = PerCall(() => Record(tape, static v => -v));
        output.WriteLine(FormattableString.Invariant($"# special functions over {N} points in [0.3, 0.9]; one record (negation on Var<double>) = {record:F2} ns"));
        output.WriteLine("# function double_ns var_ns (var_ns - record_ns)/double_ns");
        foreach ((string name, Func<double, double> plain, Func<Var<double>, Var<double>> recorded) in s_functions)
        {
            double d = PerCall(() => Plain(plain));
            double v = PerCall(() => Record(tape, recorded));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-9} {d,8:F2} {v,8:F2} {(v - record) / d,6:F2}"));
        }
    }

    private static double Plain(Func<double, double> f)
    {
        double sum = 0;
        foreach (double x in s_x)
        {
            sum += f(x);
        }

        return sum;
    }

    private static double Record(Tape<double> tape, Func<Var<double>, Var<double>> f)
    {
        double sum = 0;
        using (tape.Record())
        {
            Var<double> x = tape.Variable(0.5);
            foreach (double xi in s_x)
            {
                sum += f(x + xi).Value;
            }
        }

        return sum;
    }

    /// <summary>Nanoseconds per element, the smallest median of three measurements.</summary>
    private static double PerCall(Func<double> call)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < 3; i++)
        {
            best = Math.Min(best, Timing.Measure(call, 0.2, 5).MedianMicroseconds * 1000 / N);
        }

        return best;
    }
}
