using System.Numerics;
using Shouldly;

namespace DualAutodiff.Tests;

/// <summary>Comparisons for derivatives: relative tolerances that respect NaN and ±∞, and per-type defaults.</summary>
public static class Approx
{
    /// <summary>Checks |actual − expected| ≤ tolerance·max(1, |expected|); NaN and ±∞ must match exactly.</summary>
    public static void ShouldBeClose(this double actual, double expected, double tolerance, string what)
    {
        if (double.IsNaN(expected))
        {
            double.IsNaN(actual).ShouldBeTrue($"{what}: expected NaN, got {actual}");
        }
        else if (double.IsInfinity(expected))
        {
            actual.ShouldBe(expected, $"{what}: expected {expected}");
        }
        else
        {
            Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual}");
        }
    }

    /// <summary>A relative tolerance for results computed in <typeparamref name="T"/>: a few hundred ulps.</summary>
    public static double For<T>()
        where T : IFloatingPointIeee754<T> => typeof(T) == typeof(float) ? 1e-5 : 1e-12;

    /// <summary>The value in double, for comparing with an analytic result.</summary>
    public static double D<T>(T x)
        where T : IFloatingPointIeee754<T> => double.CreateChecked(x);

    /// <summary>The points as <typeparamref name="T"/> sees them, back in double, so analytic values use the same inputs.</summary>
    public static double[] Rounded<T>(double[] point)
        where T : IFloatingPointIeee754<T> => [.. point.Select(p => double.CreateChecked(T.CreateChecked(p)))];
}
