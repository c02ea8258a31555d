namespace DualAutodiff.Tests.Reliability;

/// <summary>Random programs and random points from a seed, and shrinking of a failing program.</summary>
public static class ProgramGenerator
{
    // Exactly representable and nonzero, so the printed program is the program run.
    private static readonly double[] s_constants = [-2, -0.75, -0.5, 0.25, 0.5, 1.5, 2, 3];

    private static readonly Kind[] s_kinds = Enum.GetValues<Kind>();

    private static readonly Kind[] s_unaryKinds = [.. s_kinds.Where(k => k < Kind.Add)];

    /// <summary>A program of 1–4 inputs, 1–12 instructions and 1–3 outputs, every kind equally likely.</summary>
    /// <param name="random">The generator, seeded by the caller so the program can be reproduced.</param>
    /// <returns>The program.</returns>
    public static RandomProgram Program(Random random)
    {
        int n = random.Next(1, 5);
        int length = random.Next(1, 13);
        var code = new List<Instruction>(length);
        for (int i = 0; i < length; i++)
        {
            int registers = n + i;
            Kind kind = s_kinds[random.Next(s_kinds.Length)];
            double k = s_constants[random.Next(s_constants.Length)];
            int a = Operand(random, registers);
            code.Add(kind switch
            {
                Kind.Branch => new Instruction(kind, a, random.Next(3) == 0 ? -1 : Operand(random, registers), Operand(random, registers), k,
                    s_unaryKinds[random.Next(s_unaryKinds.Length)], s_unaryKinds[random.Next(s_unaryKinds.Length)]),
                Kind.FusedMultiplyAdd or Kind.Lerp or Kind.LogSumExp or (>= Kind.KernelDot and <= Kind.KernelArithmetic) => new Instruction(kind, a, Operand(random, registers), Operand(random, registers), k),
                >= Kind.Add => new Instruction(kind, a, Operand(random, registers), -1, k),
                _ => new Instruction(kind, a, -1, -1, k),
            });
        }

        return new RandomProgram(n, random.Next(1, 4), code);
    }

    /// <summary>n values uniform in [−<paramref name="scale"/>, <paramref name="scale"/>].</summary>
    /// <param name="random">The generator.</param>
    /// <param name="n">The length.</param>
    /// <param name="scale">The half-width of the interval.</param>
    /// <returns>The vector.</returns>
    public static double[] Vector(Random random, int n, double scale)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++)
        {
            v[i] = scale * (2 * random.NextDouble() - 1);
        }

        return v;
    }

    /// <summary>Drops instructions while the program still fails, to a program where no single instruction
    /// can be dropped. A dropped register is replaced, wherever it was read, by its own first operand.</summary>
    /// <param name="program">A failing program.</param>
    /// <param name="fails">Whether a candidate still fails (the same check, at the same point).</param>
    /// <returns>The smallest failing program found.</returns>
    public static RandomProgram Shrink(RandomProgram program, Func<RandomProgram, bool> fails)
    {
        bool progress = true;
        while (progress)
        {
            progress = false;
            for (int i = program.Code.Count - 1; i >= 0; i--)
            {
                RandomProgram candidate = Drop(program, i);
                if (candidate.Code.Count > 0 && Fails(fails, candidate))
                {
                    program = candidate;
                    progress = true;
                }
            }
        }

        return program;
    }

    /// <summary>The program without instruction <paramref name="index"/>.</summary>
    public static RandomProgram Drop(RandomProgram program, int index)
    {
        int removed = program.Inputs + index;
        int replacement = program.Code[index].Kind == Kind.Branch ? program.Code[index].C : program.Code[index].A;
        int Map(int r) => r < 0 ? r : r == removed ? replacement : r > removed ? r - 1 : r;
        var code = new List<Instruction>(program.Code.Count - 1);
        for (int i = 0; i < program.Code.Count; i++)
        {
            if (i != index)
            {
                Instruction s = program.Code[i];
                code.Add(s with { A = Map(s.A), B = Map(s.B), C = Map(s.C) });
            }
        }

        return program with { Code = code };
    }

    /// <summary>A candidate that throws fails too: an exception is a failure worth keeping.</summary>
    private static bool Fails(Func<RandomProgram, bool> fails, RandomProgram candidate)
    {
        try
        {
            return fails(candidate);
        }
#pragma warning disable CA1031 // any exception from the library counts as a failure of the candidate
        catch (Exception)
#pragma warning restore CA1031
        {
            return true;
        }
    }

    /// <summary>Half the time the latest register, so programs are deep; otherwise any earlier one.</summary>
    private static int Operand(Random random, int registers) => random.Next(2) == 0 ? registers - 1 : random.Next(registers);
}
