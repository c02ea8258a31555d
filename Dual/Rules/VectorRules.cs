using System.Buffers;
using System.Numerics;

namespace DualAutodiff;

/// <summary>Evaluation, J·v and uᵀ·J of an <see cref="IVectorRule"/> at any scalar type: the rule's double members
/// for plain types, its generic members (<see cref="IGenericVectorRule"/>) for differentiable ones.</summary>
internal static class VectorRules
{
    /// <summary>Throws unless the rule's J·v and uᵀ·J can be taken at <typeparamref name="T"/>.</summary>
    /// <remarks>Called when the rule is applied, before anything is recorded, so a missing generic rule fails
    /// before it could give a derivative that ignores how J depends on x.</remarks>
    public static void RequireDerivativesAt<T>(IVectorRule rule)
        where T : IFloatingPointIeee754<T>
    {
        if (RuleDispatch<T>.IsDifferentiable && rule is not IGenericVectorRule)
        {
            throw new NotSupportedException($"The vector rule {rule.GetType().Name} gives J·v and uᵀ·J at double only, but is differentiated at {TypeNames.Of<T>()}, which needs them at a differentiable scalar (a second or higher derivative through the rule). Implement IGenericVectorRule (generic Jvp<T> and Vjp<T>) to make it exact at every order.");
        }
    }

    /// <summary>y = f(x) at a plain type.</summary>
    public static void Evaluate<T>(IVectorRule rule, ReadOnlySpan<T> x, Span<T> y)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            rule.Evaluate(PlainSpans.AsDouble(x), PlainSpans.AsDouble(y));
            return;
        }

        double[] buffer = ArrayPool<double>.Shared.Rent(x.Length + y.Length);
        try
        {
            Span<double> xd = buffer.AsSpan(0, x.Length);
            Span<double> yd = buffer.AsSpan(x.Length, y.Length);
            PlainSpans.ToDouble(x, xd);
            rule.Evaluate(xd, yd);
            PlainSpans.FromDouble<T>(yd, y);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    /// <summary>J(x)·v at <typeparamref name="T"/>.</summary>
    public static void Jvp<T>(IVectorRule rule, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> v, Span<T> jv)
        where T : IFloatingPointIeee754<T> => Product(rule, x, y, v, jv, forward: true);

    /// <summary>uᵀ·J(x) at <typeparamref name="T"/>.</summary>
    public static void Vjp<T>(IVectorRule rule, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> u, Span<T> vjp)
        where T : IFloatingPointIeee754<T> => Product(rule, x, y, u, vjp, forward: false);

    private static void Product<T>(IVectorRule rule, ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> seed, Span<T> result, bool forward)
        where T : IFloatingPointIeee754<T>
    {
        if (RuleDispatch<T>.IsDifferentiable)
        {
            RequireDerivativesAt<T>(rule);
            var generic = (IGenericVectorRule)rule;
            if (forward)
            {
                generic.Jvp(x, y, seed, result);
            }
            else
            {
                generic.Vjp(x, y, seed, result);
            }

            return;
        }

        if (typeof(T) == typeof(double))
        {
            if (forward)
            {
                rule.Jvp(PlainSpans.AsDouble(x), PlainSpans.AsDouble(y), PlainSpans.AsDouble(seed), PlainSpans.AsDouble(result));
            }
            else
            {
                rule.Vjp(PlainSpans.AsDouble(x), PlainSpans.AsDouble(y), PlainSpans.AsDouble(seed), PlainSpans.AsDouble(result));
            }

            return;
        }

        int total = x.Length + y.Length + seed.Length + result.Length;
        double[] buffer = ArrayPool<double>.Shared.Rent(total);
        try
        {
            Span<double> all = buffer.AsSpan(0, total);
            Span<double> xd = all[..x.Length];
            Span<double> yd = all.Slice(x.Length, y.Length);
            Span<double> sd = all.Slice(x.Length + y.Length, seed.Length);
            Span<double> rd = all[(x.Length + y.Length + seed.Length)..];
            PlainSpans.ToDouble(x, xd);
            PlainSpans.ToDouble(y, yd);
            PlainSpans.ToDouble(seed, sd);
            if (forward)
            {
                rule.Jvp(xd, yd, sd, rd);
            }
            else
            {
                rule.Vjp(xd, yd, sd, rd);
            }

            PlainSpans.FromDouble<T>(rd, result);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }
}

/// <summary>Readable names of scalar types for messages: <c>Var&lt;Dual&lt;Double&gt;&gt;</c>.</summary>
internal static class TypeNames
{
    public static string Of<T>() => Of(typeof(T));

    public static string Of(Type type) => type.IsGenericType
        ? $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>"
        : type.Name;
}
