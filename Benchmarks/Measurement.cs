namespace DualAutodiff.Benchmarks;

/// <summary>One timed case.</summary>
/// <param name="MedianMicroseconds">The median time per call, in µs.</param>
/// <param name="Calls">How many calls were timed.</param>
/// <param name="BytesPerCall">Bytes allocated per call in steady state (result arrays included).</param>
public readonly record struct Measurement(double MedianMicroseconds, long Calls, long BytesPerCall);
