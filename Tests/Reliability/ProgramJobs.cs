using System.Numerics;

namespace DualAutodiff.Tests.Reliability;

/// <summary>Everything the library computes for one random program, as one array of doubles, so runs on different
/// threads or after a failure can be compared with a reference bit for bit; and the program made to throw.</summary>
public static class ProgramJobs
{
    /// <summary>Programs 0 … count−1 from a fixed seed that stay in range, with their points.</summary>
    /// <param name="count">How many.</param>
    /// <returns>The cases.</returns>
    public static ProgramCase[] Cases(int count)
    {
        var cases = new List<ProgramCase>(count);
        for (int seed = 4711; cases.Count < count; seed++)
        {
            ProgramCase c = ProgramCase.From(seed);
            if (!double.IsNaN(ProgramChecks.Scale(c.Program, c.X)) && !c.Program.ReachesSingularity(c.X))
            {
                cases.Add(c);
            }
        }

        return [.. cases];
    }

    /// <summary>f, ∇f, ∇f·v, J (forward and reverse), uᵀJ, H·v by all four routes and the Hessian, concatenated.</summary>
    /// <param name="c">The case.</param>
    /// <returns>All results.</returns>
    public static double[] Everything(ProgramCase c)
    {
        RandomProgram f = c.Program;
        double[] u = c.U[..f.OutputCount];
        (double value, double[] gradient) = Reverse.ValueAndGradient<double>((IScalarFunction)f, c.X);
        var all = new List<double> { value };
        all.AddRange(gradient);
        all.Add(Forward.Jvp<double>((IScalarFunction)f, c.X, c.V).Tangent);
        all.AddRange(Forward.Jacobian<double>(f, c.X).Cast<double>());
        all.AddRange(Reverse.Jacobian<double>(f, c.X).Cast<double>());
        all.AddRange(Reverse.Vjp<double>(f, c.X, u).Vjp);
        foreach (HvpMethod method in Enum.GetValues<HvpMethod>())
        {
            all.AddRange(global::DualAutodiff.Hvp.Compute(f, c.X, c.V, method));
        }

        all.AddRange(global::DualAutodiff.Hvp.Hessian(f, c.X).Cast<double>());
        return [.. all];
    }

    /// <summary>Whether two result arrays are equal bit for bit (NaN payloads included).</summary>
    public static bool SameBits(double[] a, double[] b) =>
        a.Length == b.Length && a.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.Select(BitConverter.DoubleToInt64Bits));

    /// <summary>Whether no tape of any type the library uses is left active on this thread.</summary>
    public static bool NoTapeActive() =>
        Tape<double>.Active is null && Tape<Dual<double>>.Active is null && Tape<Var<double>>.Active is null;
}

/// <summary>The exception a <see cref="ThrowingProgram"/> throws: the user's own, which must reach the caller as is.</summary>
public sealed class UserFaultException : Exception
{
    /// <summary>Creates the fault.</summary>
    public UserFaultException()
        : base("thrown by the user's function")
    {
    }

    /// <summary>Creates the fault with a message.</summary>
    /// <param name="message">The message.</param>
    public UserFaultException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the fault with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UserFaultException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>A random program that runs its first <paramref name="after"/> instructions (recording them in whatever
/// mode it is differentiated) and then throws a <see cref="UserFaultException"/>.</summary>
/// <param name="program">The program.</param>
/// <param name="after">How many instructions run before the throw; 0 throws before any operation.</param>
public sealed class ThrowingProgram(RandomProgram program, int after) : IScalarFunction, IVectorFunction
{
    private readonly RandomProgram _prefix = program with { Code = [.. program.Code.Take(after)] };

    /// <inheritdoc/>
    public int OutputLength(int inputLength) => program.OutputCount;

    /// <inheritdoc/>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        _ = _prefix.Run(x);
        throw new UserFaultException($"thrown after {after} instructions");
    }

    /// <inheritdoc/>
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T> => y[0] = Evaluate(x);
}
