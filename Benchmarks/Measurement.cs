namespace DualAutodiff.Benchmarks;

/// <summary>One timed case.</summary>
/// <param name="MedianMicroseconds">The median time per call, in µs.</param>
/// <param name="Calls">How many calls were timed.</param>
/// <param name="BytesPerCall">Bytes allocated per call in steady state (result arrays included).</param>
public readonly record struct Measurement(double MedianMicroseconds, long Calls, long BytesPerCall)
{
    /// <summary>The size of a result array <c>double[n]</c> on 64-bit .NET: 24 bytes of header and length, then 8n.</summary>
    /// <param name="n">The length.</param>
    /// <returns>24 + 8n.</returns>
    public static long ResultArrayBytes(int n) => 24 + (8L * n);
}
