namespace DualAutodiff.Tests.ArrayKernels;

/// <summary>A lane type of a user's own: three double lanes stored in reverse order (lane 0 last in memory), so
/// that the lane kernels must read it through <see cref="ITangents{T, TSelf}.Get"/> and <c>Set</c>, never as
/// consecutive scalars.</summary>
public struct ReversedTangents3 : ITangents<double, ReversedTangents3>
{
    private double _lane2, _lane1, _lane0;

    public static int Count => 3;

    public static double Get(in ReversedTangents3 lanes, int lane) => lane switch
    {
        0 => lanes._lane0,
        1 => lanes._lane1,
        2 => lanes._lane2,
        _ => throw new ArgumentOutOfRangeException(nameof(lane)),
    };

    public static void Set(ref ReversedTangents3 lanes, int lane, double value)
    {
        switch (lane)
        {
            case 0: lanes._lane0 = value; break;
            case 1: lanes._lane1 = value; break;
            case 2: lanes._lane2 = value; break;
            default: throw new ArgumentOutOfRangeException(nameof(lane));
        }
    }

    public static ReversedTangents3 Add(in ReversedTangents3 a, in ReversedTangents3 b) => Map(a, b, static (x, y) => x + y);

    public static ReversedTangents3 Subtract(in ReversedTangents3 a, in ReversedTangents3 b) => Map(a, b, static (x, y) => x - y);

    public static ReversedTangents3 Negate(in ReversedTangents3 a) => Map(a, a, static (x, _) => -x);

    public static ReversedTangents3 Multiply(in ReversedTangents3 a, double s) => Map(a, a, (x, _) => x * s);

    public static ReversedTangents3 Multiply(in ReversedTangents3 a, double s, in ReversedTangents3 b, double t) => Map(a, b, (x, y) => (x * s) + (y * t));

    public static ReversedTangents3 Scale(in ReversedTangents3 a, double s) => Map(a, a, (x, _) => Propagation.Scale(x, s));

    public static ReversedTangents3 Scale(in ReversedTangents3 a, double s, in ReversedTangents3 b, double t) =>
        Map(a, b, (x, y) => Propagation.Scale(x, s) + Propagation.Scale(y, t));

    public static ReversedTangents3 Scale(in ReversedTangents3 a, double s, in ReversedTangents3 b, double t, in ReversedTangents3 c, double u)
    {
        ReversedTangents3 ab = Scale(a, s, b, t);
        return Map(ab, c, (x, y) => x + Propagation.Scale(y, u));
    }

    public static bool AnyNaN(in ReversedTangents3 a) => double.IsNaN(a._lane0) || double.IsNaN(a._lane1) || double.IsNaN(a._lane2);

    private static ReversedTangents3 Map(in ReversedTangents3 a, in ReversedTangents3 b, Func<double, double, double> f) =>
        new() { _lane0 = f(a._lane0, b._lane0), _lane1 = f(a._lane1, b._lane1), _lane2 = f(a._lane2, b._lane2) };
}
