using System.Globalization;
using System.Numerics;
using System.Text;

namespace DualAutodiff.Tests.Reliability;

/// <summary>The operations a random program is made of. Each is written in a form that keeps its argument inside
/// the function's domain for every real input (log of 1 + a², asin of tanh a, …), so any program is defined
/// everywhere except where a branch or a kink makes it non-smooth.</summary>
public enum Kind
{
    // Unary: r = f(a).
    Negate, AddConstant, MultiplyConstant, Square, Cube, PowConstant,
    Exp, ExpM1, Exp2, Log, LogP1, Log2, Log10, Sqrt, Cbrt, RootN,
    Sin, Cos, Tan, SinPi, CosPi, Asin, Acos, Atan,
    Sinh, Cosh, Tanh, Asinh, Acosh, Atanh,
    Abs, GuardedSqrt, GuardedLog, Floor, Clamp, Exp10, TanPi, AsinPi,
    Erf, Erfc, ErfInv, NormalCdf, InverseNormalCdf, LogGamma, Gamma, Digamma, Trigamma,
    Sigmoid, Logit, Softplus, CustomRule,

    // Binary: r = f(a, b).
    Add, Subtract, Multiply, Divide, Pow, Hypot, Atan2, Min, Max, LogBase,
    CopySign, MaxMagnitude, Remainder, Atan2Pi, LogBeta, Xlogy,

    // Ternary: r = a·b + c, a + (b − a)·sin c, and ln(eᵃ + eᵇ + eᶜ).
    FusedMultiplyAdd, Lerp, LogSumExp,

    // Array kernels over (a, b, c), each one register (RandomProgram.Kernels.cs): together they draw every kernel.
    KernelDot, KernelLogSumExp, KernelSoftMax, KernelTanhSigmoid, KernelSoftplus, KernelMatrix, KernelArithmetic,

    // Control flow: r = a < b ? Then(c) : Else(c), or a < K when B is −1; only the branch taken runs.
    Branch,
}

/// <summary>One instruction: appends register r = Kind(A, B, C) with constant <paramref name="K"/>.</summary>
/// <param name="Kind">The operation.</param>
/// <param name="A">The first operand register.</param>
/// <param name="B">The second operand register (binary, ternary, a branch's comparison), or −1.</param>
/// <param name="C">The third operand register (ternary, a branch's body operand), or −1.</param>
/// <param name="K">The instruction's constant, an exactly representable double.</param>
/// <param name="Then">A branch's body when the condition holds (a unary kind).</param>
/// <param name="Else">A branch's body otherwise (a unary kind).</param>
public sealed record Instruction(Kind Kind, int A, int B, int C, double K, Kind Then = Kind.Negate, Kind Else = Kind.Negate);

/// <summary>
/// A random straight-line or branching program over the whole function set: registers 0 … n−1 hold the inputs,
/// each instruction appends one register, and the outputs are the last <see cref="Outputs"/> registers (the
/// scalar function returns the last one). Interpreted generically, so the same program runs as <c>double</c>,
/// <c>Dual</c>, <c>Var</c> and every nesting of them, and prints itself as the equivalent C# method.
/// </summary>
/// <param name="Inputs">n, the number of inputs.</param>
/// <param name="Outputs">m, the number of outputs as a vector function.</param>
/// <param name="Code">The instructions.</param>
public sealed partial record RandomProgram(int Inputs, int Outputs, IReadOnlyList<Instruction> Code) : IScalarFunction, IVectorFunction
{
    /// <summary>The number of registers: inputs plus one per instruction.</summary>
    public int Registers => Inputs + Code.Count;

    /// <summary>The number of outputs actually available (a shrunk program may have fewer registers).</summary>
    public int OutputCount => Math.Min(Outputs, Registers);

    /// <inheritdoc/>
    public int OutputLength(int inputLength) => OutputCount;

    /// <summary>The last register.</summary>
    public T Evaluate<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T> => Run(x)[^1];

    /// <summary>The last <see cref="OutputCount"/> registers.</summary>
    public void Evaluate<T>(ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        T[] r = Run(x);
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = r[Registers - y.Length + i];
        }
    }

    /// <summary>Every register's value.</summary>
    public T[] Run<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        var r = new T[Registers];
        x.CopyTo(r);
        for (int i = 0; i < Code.Count; i++)
        {
            Instruction s = Code[i];
            r[Inputs + i] = s.Kind switch
            {
                Kind.FusedMultiplyAdd => T.FusedMultiplyAdd(r[s.A], r[s.B], r[s.C]),
                Kind.Lerp => T.Lerp(r[s.A], r[s.B], T.Sin(r[s.C])),
                Kind.LogSumExp => Special.LogSumExp<T>([r[s.A], r[s.B], r[s.C]]),
                >= Kind.KernelDot and <= Kind.KernelArithmetic => Kernel(s.Kind, r[s.A], r[s.B], r[s.C], s.K),
                Kind.Branch => (s.B < 0 ? r[s.A] < T.CreateChecked(s.K) : r[s.A] < r[s.B]) ? Unary(s.Then, r[s.C], s.K) : Unary(s.Else, r[s.C], s.K),
                >= Kind.Add => Binary(s.Kind, r[s.A], r[s.B], s.K),
                _ => Unary(s.Kind, r[s.A], s.K),
            };
        }

        return r;
    }

    /// <summary>Whether the run at x evaluates a function exactly at a point where its slope is infinite or
    /// undefined: ∛0, or atan2 (or atan2π) at the origin. Random inputs get there only through exact cancellation
    /// (x − x), where forward and reverse mode differ by design (README, "Conventions").</summary>
    /// <param name="x">The point.</param>
    /// <returns>True if some instruction run hits such a point.</returns>
    public bool ReachesSingularity(double[] x)
    {
        double[] r = Run<double>(x);
        foreach (Instruction s in Code)
        {
            Kind kind = s.Kind == Kind.Branch
                ? (s.B < 0 ? r[s.A] < s.K : r[s.A] < r[s.B]) ? s.Then : s.Else
                : s.Kind;
            int operand = s.Kind == Kind.Branch ? s.C : s.A;
            if ((kind == Kind.Cbrt && r[operand] == 0) || ((kind is Kind.Atan2 or Kind.Atan2Pi) && r[s.A] == 0 && r[s.B] == 0))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The fastest rate, in radians per unit of xⱼ, at which the phase of any periodic function run at x
    /// turns: |∂(argument)/∂xⱼ| of sin and cos (π times that for sinπ, cosπ). Finite differences with a step h resolve
    /// the program only if h times this is small.</summary>
    /// <param name="x">The point.</param>
    /// <param name="j">The input varied.</param>
    /// <returns>The rate (0 when no periodic function runs).</returns>
    public double PhaseRate(double[] x, int j)
    {
        Dual<double>[] r = Run<Dual<double>>([.. x.Select((xi, k) => new Dual<double>(xi, k == j ? 1 : 0))]);
        double rate = 0;
        foreach (Instruction s in Code)
        {
            Kind kind = s.Kind == Kind.Branch
                ? (s.B < 0 ? r[s.A].Value < s.K : r[s.A].Value < r[s.B].Value) ? s.Then : s.Else
                : s.Kind;
            double turn = kind switch
            {
                Kind.Sin or Kind.Cos => Math.Abs(r[s.Kind == Kind.Branch ? s.C : s.A].Tangent),
                Kind.SinPi or Kind.CosPi => Math.PI * Math.Abs(r[s.Kind == Kind.Branch ? s.C : s.A].Tangent),
                Kind.Pow => Math.Abs(r[s.B].Tangent),
                Kind.Lerp => Math.Abs(r[s.C].Tangent),
                _ => 0,
            };
            rate = Math.Max(rate, turn);
        }

        return rate;
    }

    /// <summary>How far x can move along <paramref name="direction"/> before some branch, kink or jump run at x
    /// switches (a branch condition, abs, min/max, clamp, copysign, floor, remainder, the cut of atan2): the smallest
    /// |margin| / |rate of the margin| over them, and 0 for a tie within rounding (r &lt; lerp(r, r, t)). Finite
    /// differences over a wider stencil straddle it and measure an average of both sides.</summary>
    /// <param name="x">The point.</param>
    /// <param name="direction">The direction of the step.</param>
    /// <returns>The distance (+∞ when nothing switches).</returns>
    public double KinkDistance(double[] x, double[] direction)
    {
        Dual<double>[] r = Run<Dual<double>>([.. x.Select((xi, k) => new Dual<double>(xi, direction[k]))]);
        double distance = double.PositiveInfinity;
        void Margin(double margin, double rate, double size)
        {
            distance = Math.Min(distance, Math.Abs(margin) <= 1e-9 * Math.Max(1, Math.Abs(size)) ? 0 : Math.Abs(margin / rate));
        }

        void Unary(Kind kind, Dual<double> a, double k)
        {
            double p = Math.Abs(k);
            switch (kind)
            {
                case Kind.Abs or Kind.Log2 or Kind.GuardedSqrt or Kind.GuardedLog:
                    Margin(a.Value, a.Tangent, a.Value);
                    break;
                case Kind.Clamp:
                    Margin(Math.Abs(a.Value) - p, a.Tangent, p);
                    break;
                case Kind.Floor:
                    double q = a.Value * k;
                    Margin(q - Math.Round(q), k * a.Tangent, q);
                    break;
            }
        }

        foreach (Instruction s in Code)
        {
            Dual<double> a = r[s.A];
            Dual<double> b = s.B >= 0 ? r[s.B] : new Dual<double>(s.K, 0);
            switch (s.Kind)
            {
                case Kind.Branch or Kind.Min or Kind.Max or Kind.MaxMagnitude when s.A == s.B:
                    // A register compared with itself never switches: r < r is false and max(r, r) is r everywhere.
                    if (s.Kind == Kind.Branch)
                    {
                        Unary(s.Else, r[s.C], s.K);
                    }

                    break;
                case Kind.Branch:
                    Margin(a.Value - b.Value, a.Tangent - b.Tangent, Math.Max(Math.Abs(a.Value), Math.Abs(b.Value)));
                    Unary((s.B < 0 ? a.Value < s.K : a.Value < b.Value) ? s.Then : s.Else, r[s.C], s.K);
                    break;
                case Kind.Min or Kind.Max:
                    Margin(a.Value - b.Value, a.Tangent - b.Tangent, Math.Max(Math.Abs(a.Value), Math.Abs(b.Value)));
                    break;
                case Kind.MaxMagnitude:
                    Margin(Math.Abs(a.Value) - Math.Abs(b.Value), (Math.Sign(a.Value) * a.Tangent) - (Math.Sign(b.Value) * b.Tangent), Math.Max(Math.Abs(a.Value), Math.Abs(b.Value)));
                    break;
                case Kind.CopySign:
                    Margin(b.Value, b.Tangent, b.Value);
                    break;
                case Kind.Atan2 or Kind.Atan2Pi when b.Value < 0:
                    Margin(a.Value, a.Tangent, a.Value);
                    break;
                case Kind.Remainder:
                    double m = Math.Abs(s.K) + (b.Value * b.Value);
                    double q = a.Value / m;
                    Margin((q - Math.Round(q)) * m, a.Tangent, a.Value);
                    break;
                case < Kind.Add:
                    Unary(s.Kind, a, s.K);
                    break;
            }
        }

        return distance;
    }

    /// <summary>The program as a C# method (and the point it failed at), to paste into a test.</summary>
    public string ToCSharp()
    {
        var code = new StringBuilder();
        code.AppendLine(OutputCount == 1 || Outputs == 1
            ? "static T F<T>(ReadOnlySpan<T> x) where T : IFloatingPointIeee754<T>"
            : "static void F<T>(ReadOnlySpan<T> x, Span<T> y) where T : IFloatingPointIeee754<T>");
        code.AppendLine("{");
        code.AppendLine("    static T C(double v) => T.CreateChecked(v);");
        for (int i = 0; i < Code.Count; i++)
        {
            Instruction s = Code[i];
            string text = s.Kind switch
            {
                Kind.FusedMultiplyAdd => $"T.FusedMultiplyAdd({Name(s.A)}, {Name(s.B)}, {Name(s.C)})",
                Kind.Lerp => $"T.Lerp({Name(s.A)}, {Name(s.B)}, T.Sin({Name(s.C)}))",
                Kind.LogSumExp => $"Special.LogSumExp<T>([{Name(s.A)}, {Name(s.B)}, {Name(s.C)}])",
                >= Kind.KernelDot and <= Kind.KernelArithmetic => $"RandomProgram.Kernel(Kind.{s.Kind}, {Name(s.A)}, {Name(s.B)}, {Name(s.C)}, {s.K.ToString("R", CultureInfo.InvariantCulture)})",
                Kind.Branch => $"{Name(s.A)} < {(s.B < 0 ? Literal(s.K) : Name(s.B))} ? {UnaryText(s.Then, Name(s.C), s.K)} : {UnaryText(s.Else, Name(s.C), s.K)}",
                >= Kind.Add => BinaryText(s.Kind, Name(s.A), Name(s.B), s.K),
                _ => UnaryText(s.Kind, Name(s.A), s.K),
            };
            code.AppendLine(CultureInfo.InvariantCulture, $"    T r{Inputs + i} = {text};");
        }

        if (OutputCount == 1 || Outputs == 1)
        {
            code.AppendLine(CultureInfo.InvariantCulture, $"    return {Name(Registers - 1)};");
        }
        else
        {
            for (int i = 0; i < OutputCount; i++)
            {
                code.AppendLine(CultureInfo.InvariantCulture, $"    y[{i}] = {Name(Registers - OutputCount + i)};");
            }
        }

        code.Append('}');
        return code.ToString();
    }

    /// <summary>The number formatted so that it parses back to the same double.</summary>
    public static string Literal(double k) => $"C({k.ToString("R", CultureInfo.InvariantCulture)})";

    /// <summary>A unary operation in its domain-safe form. Keep in step with <see cref="UnaryText"/>.</summary>
    private static T Unary<T>(Kind kind, T a, double k)
        where T : IFloatingPointIeee754<T>
    {
        T p = T.CreateChecked(Math.Abs(k));
        return kind switch
        {
            Kind.Negate => -a,
            Kind.AddConstant => a + T.CreateChecked(k),
            Kind.MultiplyConstant => a * T.CreateChecked(k),
            Kind.Square => a * a,
            Kind.Cube => T.Pow(a, T.CreateChecked(3)),
            Kind.PowConstant => T.Pow(T.One + a * a, T.CreateChecked(k)),
            Kind.Exp => T.Exp(a),
            Kind.ExpM1 => T.ExpM1(a),
            Kind.Exp2 => T.Exp2(a),
            Kind.Log => T.Log(T.One + a * a),
            Kind.LogP1 => T.LogP1(a * a),
            Kind.Log2 => T.Log2(p + T.Abs(a)),
            Kind.Log10 => T.Log10(p + a * a),
            Kind.Sqrt => T.Sqrt(p + a * a),
            Kind.Cbrt => T.Cbrt(a),
            Kind.RootN => T.RootN(p + a * a, 4),
            Kind.Sin => T.Sin(a),
            Kind.Cos => T.Cos(a),
            Kind.Tan => T.Tan(T.Tanh(a)),
            Kind.SinPi => T.SinPi(a),
            Kind.CosPi => T.CosPi(a),
            Kind.Asin => T.Asin(T.Tanh(a)),
            Kind.Acos => T.Acos(T.Tanh(a) * T.CreateChecked(0.5)),
            Kind.Atan => T.Atan(a),
            Kind.Sinh => T.Sinh(a),
            Kind.Cosh => T.Cosh(a),
            Kind.Tanh => T.Tanh(a),
            Kind.Asinh => T.Asinh(a),
            Kind.Acosh => T.Acosh(T.One + p + a * a),
            Kind.Atanh => T.Atanh(T.Tanh(a) * T.CreateChecked(0.5)),
            Kind.Abs => T.Abs(a),
            Kind.GuardedSqrt => a > T.Zero ? T.Sqrt(a) : -a,
            Kind.GuardedLog => a > T.Zero ? T.Log(a) : a,
            Kind.Floor => T.Floor(a * T.CreateChecked(k)) + a,
            Kind.Clamp => T.Clamp(a, -p, p),
            Kind.Exp10 => T.Exp10(T.Tanh(a)),
            Kind.TanPi => T.TanPi(T.Tanh(a) * T.CreateChecked(0.25)),
            Kind.AsinPi => T.AsinPi(T.Tanh(a)),
            Kind.Erf => Special.Erf(a),
            Kind.Erfc => Special.Erfc(a),
            Kind.ErfInv => Special.ErfInv(T.Tanh(a) * T.CreateChecked(0.5)),
            Kind.NormalCdf => Special.NormalCdf(a),
            Kind.InverseNormalCdf => Special.InverseNormalCdf(T.CreateChecked(0.5) + T.Tanh(a) * T.CreateChecked(0.375)),
            Kind.LogGamma => Special.LogGamma(T.CreateChecked(0.5) + a * a),
            Kind.Gamma => Special.Gamma(T.CreateChecked(1.5) + T.Tanh(a)),
            Kind.Digamma => Special.Digamma(T.CreateChecked(0.5) + a * a),
            Kind.Trigamma => Special.Trigamma(T.CreateChecked(0.5) + a * a),
            Kind.Sigmoid => Special.Sigmoid(a),
            Kind.Logit => Special.Logit(T.CreateChecked(0.5) + T.Tanh(a) * T.CreateChecked(0.375)),
            Kind.Softplus => Special.Softplus(a),
            Kind.CustomRule => Rule.Apply<XAtanX, T>(a),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a unary kind."),
        };
    }

    /// <summary>The C# text of <see cref="Unary"/>.</summary>
    private static string UnaryText(Kind kind, string a, double k)
    {
        string c = Literal(k);
        string p = Literal(Math.Abs(k));
        return kind switch
        {
            Kind.Negate => $"-{a}",
            Kind.AddConstant => $"{a} + {c}",
            Kind.MultiplyConstant => $"{a} * {c}",
            Kind.Square => $"{a} * {a}",
            Kind.Cube => $"T.Pow({a}, C(3))",
            Kind.PowConstant => $"T.Pow(T.One + {a} * {a}, {c})",
            Kind.Exp => $"T.Exp({a})",
            Kind.ExpM1 => $"T.ExpM1({a})",
            Kind.Exp2 => $"T.Exp2({a})",
            Kind.Log => $"T.Log(T.One + {a} * {a})",
            Kind.LogP1 => $"T.LogP1({a} * {a})",
            Kind.Log2 => $"T.Log2({p} + T.Abs({a}))",
            Kind.Log10 => $"T.Log10({p} + {a} * {a})",
            Kind.Sqrt => $"T.Sqrt({p} + {a} * {a})",
            Kind.Cbrt => $"T.Cbrt({a})",
            Kind.RootN => $"T.RootN({p} + {a} * {a}, 4)",
            Kind.Sin => $"T.Sin({a})",
            Kind.Cos => $"T.Cos({a})",
            Kind.Tan => $"T.Tan(T.Tanh({a}))",
            Kind.SinPi => $"T.SinPi({a})",
            Kind.CosPi => $"T.CosPi({a})",
            Kind.Asin => $"T.Asin(T.Tanh({a}))",
            Kind.Acos => $"T.Acos(T.Tanh({a}) * C(0.5))",
            Kind.Atan => $"T.Atan({a})",
            Kind.Sinh => $"T.Sinh({a})",
            Kind.Cosh => $"T.Cosh({a})",
            Kind.Tanh => $"T.Tanh({a})",
            Kind.Asinh => $"T.Asinh({a})",
            Kind.Acosh => $"T.Acosh(T.One + {p} + {a} * {a})",
            Kind.Atanh => $"T.Atanh(T.Tanh({a}) * C(0.5))",
            Kind.Abs => $"T.Abs({a})",
            Kind.GuardedSqrt => $"({a} > T.Zero ? T.Sqrt({a}) : -{a})",
            Kind.GuardedLog => $"({a} > T.Zero ? T.Log({a}) : {a})",
            Kind.Floor => $"T.Floor({a} * {c}) + {a}",
            Kind.Clamp => $"T.Clamp({a}, -{p}, {p})",
            Kind.Exp10 => $"T.Exp10(T.Tanh({a}))",
            Kind.TanPi => $"T.TanPi(T.Tanh({a}) * C(0.25))",
            Kind.AsinPi => $"T.AsinPi(T.Tanh({a}))",
            Kind.Erf => $"Special.Erf({a})",
            Kind.Erfc => $"Special.Erfc({a})",
            Kind.ErfInv => $"Special.ErfInv(T.Tanh({a}) * C(0.5))",
            Kind.NormalCdf => $"Special.NormalCdf({a})",
            Kind.InverseNormalCdf => $"Special.InverseNormalCdf(C(0.5) + T.Tanh({a}) * C(0.375))",
            Kind.LogGamma => $"Special.LogGamma(C(0.5) + {a} * {a})",
            Kind.Gamma => $"Special.Gamma(C(1.5) + T.Tanh({a}))",
            Kind.Digamma => $"Special.Digamma(C(0.5) + {a} * {a})",
            Kind.Trigamma => $"Special.Trigamma(C(0.5) + {a} * {a})",
            Kind.Sigmoid => $"Special.Sigmoid({a})",
            Kind.Logit => $"Special.Logit(C(0.5) + T.Tanh({a}) * C(0.375))",
            Kind.Softplus => $"Special.Softplus({a})",
            Kind.CustomRule => $"Rule.Apply<XAtanX, T>({a})",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a unary kind."),
        };
    }

    /// <summary>A binary operation in its domain-safe form. Keep in step with <see cref="BinaryText"/>.</summary>
    private static T Binary<T>(Kind kind, T a, T b, double k)
        where T : IFloatingPointIeee754<T>
    {
        T p = T.CreateChecked(Math.Abs(k));
        return kind switch
        {
            Kind.Add => a + b,
            Kind.Subtract => a - b,
            Kind.Multiply => a * b,
            Kind.Divide => a / (p + b * b),
            Kind.Pow => T.Pow(p + a * a, T.Sin(b)),
            Kind.Hypot => T.Hypot(a, b),
            Kind.Atan2 => T.Atan2(a, b),
            Kind.Min => T.Min(a, b),
            Kind.Max => T.Max(a, b),
            Kind.LogBase => T.Log(T.One + a * a, T.One + p + b * b),
            Kind.CopySign => T.CopySign(a, b),
            Kind.MaxMagnitude => T.MaxMagnitude(a, b),
            Kind.Remainder => a % (p + b * b),
            Kind.Atan2Pi => T.Atan2Pi(a, b),
            Kind.LogBeta => Special.LogBeta(T.CreateChecked(0.5) + a * a, T.CreateChecked(0.5) + b * b),
            Kind.Xlogy => Special.Xlogy(a, T.One + b * b),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a binary kind."),
        };
    }

    /// <summary>The C# text of <see cref="Binary"/>.</summary>
    private static string BinaryText(Kind kind, string a, string b, double k)
    {
        string p = Literal(Math.Abs(k));
        return kind switch
        {
            Kind.Add => $"{a} + {b}",
            Kind.Subtract => $"{a} - {b}",
            Kind.Multiply => $"{a} * {b}",
            Kind.Divide => $"{a} / ({p} + {b} * {b})",
            Kind.Pow => $"T.Pow({p} + {a} * {a}, T.Sin({b}))",
            Kind.Hypot => $"T.Hypot({a}, {b})",
            Kind.Atan2 => $"T.Atan2({a}, {b})",
            Kind.Min => $"T.Min({a}, {b})",
            Kind.Max => $"T.Max({a}, {b})",
            Kind.LogBase => $"T.Log(T.One + {a} * {a}, T.One + {p} + {b} * {b})",
            Kind.CopySign => $"T.CopySign({a}, {b})",
            Kind.MaxMagnitude => $"T.MaxMagnitude({a}, {b})",
            Kind.Remainder => $"{a} % ({p} + {b} * {b})",
            Kind.Atan2Pi => $"T.Atan2Pi({a}, {b})",
            Kind.LogBeta => $"Special.LogBeta(C(0.5) + {a} * {a}, C(0.5) + {b} * {b})",
            Kind.Xlogy => $"Special.Xlogy({a}, T.One + {b} * {b})",
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a binary kind."),
        };
    }

    /// <summary>A custom rule in every program's reach: f(x) = x·atan x from a black box at double, with
    /// f′(x) = atan x + x/(1 + x²) written generically.</summary>
    public readonly struct XAtanX : IScalarRule
    {
        public static double Value(double x) => x * Math.Atan(x);

        public static T Derivative<T>(T x)
            where T : IFloatingPointIeee754<T> => T.Atan(x) + (x / (T.One + (x * x)));
    }

    private string Name(int register) => register < Inputs ? $"x[{register}]" : $"r{register}";
}
