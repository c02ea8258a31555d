namespace DualAutodiff;

// The rule table is the single source: Generators/RuleForwarderGenerator.cs reads these attributes from
// Rules<T> and writes, into every struct marked [GenerateRuleForwarders], the one-line members that .NET's
// generic-math interfaces demand, as DiffRules' table generates ForwardDiff's dual definitions.

/// <summary>
/// Marks a rule of <see cref="Rules{T}"/> as the derivative of the same-named static member of a generic-math
/// interface, so that every struct marked <see cref="GenerateRuleForwardersAttribute"/> gets that member,
/// generated as <c>public static S Name(S x, …) =&gt; Chain(x, …, Rules&lt;T&gt;.Name(x._value, …));</c>.
/// </summary>
/// <remarks>
/// The generated member takes its parameter names and its <c>&lt;inheritdoc cref="…"/&gt;</c> from the
/// interface member; parameters of type <c>T</c> become the struct, others (an <c>int n</c>) pass through.
/// The rule returns the value and one partial per <c>T</c> parameter (one to three).
/// </remarks>
/// <param name="interfaceType">The open generic interface that declares the member, e.g.
/// <c>typeof(IExponentialFunctions&lt;&gt;)</c>.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class ForwarderAttribute(Type interfaceType) : Attribute
{
    /// <summary>The open generic interface that declares the member.</summary>
    public Type InterfaceType { get; } = interfaceType;

    /// <summary>A <c>&lt;remarks&gt;</c> for the generated member in every mode (XML doc text; line breaks and
    /// indentation are collapsed, and the comment is wrapped anew).</summary>
    public string? Remarks { get; set; }

    /// <summary>A <c>&lt;remarks&gt;</c> for the forward-mode member only; it replaces <see cref="Remarks"/>.</summary>
    public string? ForwardRemarks { get; set; }

    /// <summary>A <c>&lt;remarks&gt;</c> for the reverse-mode member only; it replaces <see cref="Remarks"/>.</summary>
    public string? ReverseRemarks { get; set; }

    /// <summary>Whether the rule is a few instructions at a primitive <c>T</c> (no call into the math library), so the
    /// member stays inlinable even in a struct whose members keep such calls out of line
    /// (<see cref="GenerateRuleForwardersAttribute.CallsOutOfLine"/>).</summary>
    public bool InLine { get; set; }
}

/// <summary>
/// Marks a public rule of <see cref="Rules{T}"/> that has no generated member, with the reason; the generator
/// rejects a public rule that has neither this nor <see cref="ForwarderAttribute"/>.
/// </summary>
/// <param name="reason">Why no member is generated: which hand-written code consumes the rule.</param>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class NotForwardedAttribute(string reason) : Attribute
{
    /// <summary>Why no member is generated.</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// Marks a <c>partial struct S&lt;T&gt;</c> that gets a member for every <see cref="ForwarderAttribute"/> rule
/// of <see cref="Rules{T}"/>. The struct provides <c>Chain</c> overloads for the unary, binary and ternary rule
/// tuples and a <c>_value</c> field of type <c>T</c>.
/// </summary>
/// <param name="mode">Which remarks the generated members carry.</param>
[AttributeUsage(AttributeTargets.Struct, Inherited = false)]
internal sealed class GenerateRuleForwardersAttribute(DifferentiationMode mode) : Attribute
{
    /// <summary>Which remarks the generated members carry.</summary>
    public DifferentiationMode Mode { get; } = mode;

    /// <summary>Whether a member whose rule calls into the math library (every rule not marked
    /// <see cref="ForwarderAttribute.InLine"/>) is compiled out of line, its operands passed in registers.</summary>
    /// <remarks>Inlined, such a member leaves the operand's tangent live across the call with no use before it, and
    /// the JIT's register allocator then spills the tangent where it was last defined: inside the user's loop
    /// that computed it. Logistic regression's <c>z += a·w</c> then stored and reloaded its tangent accumulator in
    /// every iteration, a store-to-load chain that took the JVP from 1.8× to 4.5× the plain function (measured: 126
    /// against 322 µs; the MLP's tanh layer 242 against 509 µs; chunk-mode gradients 2.9 against 4.9 ms). Passed to a
    /// call, the tangent is used right before it, and the spill lands there, out of the loop. The price is the call
    /// itself, about 1 ns, where the function is applied element by element inside a loop (advection's JVP: 6 %).</remarks>
    public bool CallsOutOfLine { get; set; }
}

/// <summary>The mode a struct differentiates in, which selects a rule's mode-specific remarks.</summary>
internal enum DifferentiationMode
{
    /// <summary>Forward mode: tangents (<see cref="Dual{T}"/>).</summary>
    Forward,

    /// <summary>Reverse mode: a tape and adjoints (<c>Var&lt;T&gt;</c>).</summary>
    Reverse,
}
