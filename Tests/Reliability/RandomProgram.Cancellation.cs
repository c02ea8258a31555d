namespace DualAutodiff.Tests.Reliability;

public sealed partial record RandomProgram
{
    /// <summary>How large the local derivatives are that cancel in the instructions reading one register twice
    /// (atan2(r, r) is constant, yet near r = 0 its partials are ±1/(2r) and its second partials ±1/(2r²)): for
    /// each such instruction, (|∂ₚ| + |∂_q|)·|ṙ| + (|∂ₚₚ| + 2|∂ₚ_q| + |∂_q_q|)·ṙ² for the register's tangent ṙ along
    /// <paramref name="direction"/>, summed. Forward-over-reverse adds the two partials to the register's adjoint one
    /// after the other, so a term added in between can be lost to rounding of this size (times the adjoint), where a
    /// forward route cancels them first.</summary>
    /// <param name="x">The point.</param>
    /// <param name="direction">The direction of H·v.</param>
    /// <returns>The sum (0 when no instruction reads a register twice).</returns>
    public double SameOperandMagnitude(double[] x, double[] direction)
    {
        Dual<double>[] r = Run<Dual<double>>([.. x.Select((xi, k) => new Dual<double>(xi, direction[k]))]);
        double sum = 0;
        foreach (Instruction s in Code)
        {
            if (s.Kind is < Kind.Add or > Kind.Xlogy || s.A != s.B)
            {
                continue;
            }

            double a = r[s.A].Value, t = r[s.A].Tangent;
            (double dp, double dpp) = Partials(s, Operand(a, 1), Operand(a, 0));
            (double dq, double dqq) = Partials(s, Operand(a, 0), Operand(a, 1));
            double dpq = Binary(s.Kind, new Dual<Dual<double>>(new(a, 1), new(0, 0)), new Dual<Dual<double>>(new(a, 0), new(1, 0)), s.K).Tangent.Tangent;
            sum += ((Math.Abs(dp) + Math.Abs(dq)) * Math.Abs(t)) + ((Math.Abs(dpp) + (2 * Math.Abs(dpq)) + Math.Abs(dqq)) * t * t);
        }

        return sum;
    }

    /// <summary>Whether a second derivative along <paramref name="direction"/> overflows at some register whose value
    /// is finite (∛r at r = 10⁻²⁴⁷ has a second derivative of 10⁴¹⁰). Past such a register the routes to H·v may
    /// meet ∞ in one order of operations and not in another.</summary>
    /// <param name="x">The point.</param>
    /// <param name="direction">The direction.</param>
    /// <returns>True if forward-over-forward finds such a register.</returns>
    public bool SecondOrderOverflows(double[] x, double[] direction)
    {
        Dual<Dual<double>>[] r = Run<Dual<Dual<double>>>([.. x.Select((xi, k) => new Dual<Dual<double>>(new(xi, direction[k]), new(direction[k], 0)))]);
        return r.Any(ri => double.IsFinite(ri.Value.Value) && !double.IsFinite(ri.Tangent.Tangent));
    }

    /// <summary>The operand a seeded (1) or not (0) in both levels of a second-order dual.</summary>
    private static Dual<Dual<double>> Operand(double a, double seed) => new(new(a, seed), new(seed, 0));

    /// <summary>The first and second partial of the instruction's function along the seeded operand.</summary>
    private static (double First, double Second) Partials(Instruction s, Dual<Dual<double>> p, Dual<Dual<double>> q)
    {
        Dual<Dual<double>> y = Binary(s.Kind, p, q, s.K);
        return (y.Value.Tangent, y.Tangent.Tangent);
    }
}
