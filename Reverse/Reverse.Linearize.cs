using System.Numerics;

namespace DualAutodiff;

public static partial class Reverse
{
    /// <summary>Records f: Rⁿ → Rᵐ once at x and keeps the recording for any number of J·v and uᵀ·J (JAX's
    /// <c>linearize</c> and <c>vjp</c>).</summary>
    /// <typeparam name="T">The scalar type.</typeparam>
    /// <param name="f">The function.</param>
    /// <param name="x">The point, length n; copied.</param>
    /// <returns>The linearization; dispose it to give its tape back.</returns>
    public static Linearization<T> Linearize<T>(IVectorFunction f, T[] x)
        where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(f);
        Guard.Input(x, nameof(x));
        int m = Guard.OutputLength(f, x.Length, nameof(f));
        Tape<T> tape = Tape<T>.Rent();
        try
        {
            // The tape's own input buffer is reused by its next recording; the linearization keeps a copy.
            Var<T>[] input = [.. tape.Inputs(x)];
            var y = new Var<T>[m];
            f.Evaluate<Var<T>>(input, y);
            tape.End();
            return new Linearization<T>(tape, input, y);
        }
        catch
        {
            tape.Return();
            throw;
        }
    }
}
