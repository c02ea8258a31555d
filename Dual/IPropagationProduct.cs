using System.Numerics;

namespace DualAutodiff;

/// <summary>A nested scalar (a <see cref="Dual{T}"/> or a <c>Var&lt;T&gt;</c>) whose value part follows the
/// propagation product's 0·∞ = 0 rule, level by level.</summary>
/// <typeparam name="TSelf">The nested scalar type.</typeparam>
internal interface IPropagationProduct<TSelf>
    where TSelf : IFloatingPointIeee754<TSelf>
{
    /// <summary>This product a·b with its value part replaced by <see cref="Propagation.Scale{T}"/> of the two
    /// value parts; every other part (tangents, the record on a tape) stays that of the ordinary product.</summary>
    /// <param name="left">The factor a.</param>
    /// <param name="right">The factor b.</param>
    /// <returns>The propagation product.</returns>
    TSelf WithPropagatedValue(TSelf left, TSelf right);
}
