using Microsoft.CodeAnalysis;

namespace DualAutodiff.Generators;

/// <summary>The generator's errors: a rule table it cannot read fails the build, naming the rule.</summary>
internal static class Descriptors
{
    private const string Category = "DualAutodiff.Generators";

    public static readonly DiagnosticDescriptor NoRuleTable = new(
        "DAG001",
        "No rule table to forward",
        "{0} is marked [GenerateRuleForwarders], but {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor Unmarked = new(
        "DAG002",
        "Rule without [Forwarder] or [NotForwarded]",
        "Rules<T>.{0} has neither [Forwarder(typeof(IInterface<>))] nor [NotForwarded(\"reason\")]: name the interface that declares {1}, or say which hand-written code uses the rule",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MarkedTwice = new(
        "DAG003",
        "Rule with both [Forwarder] and [NotForwarded]",
        "Rules<T>.{0} has both [Forwarder] and [NotForwarded]; keep one",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor BadShape = new(
        "DAG004",
        "Rule that cannot be forwarded",
        "Rules<T>.{0} is marked [Forwarder], but {1}; a forwarded rule returns (T Value, T D1, …) with one partial per T parameter, for one to three T parameters",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NoInterfaceMember = new(
        "DAG005",
        "Interface without the forwarded member",
        "Rules<T>.{0} is marked [Forwarder(typeof({1}))], but {1} declares no static {2}({3})",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor HandWritten = new(
        "DAG006",
        "Forwarded member also hand-written",
        "{0}.{1} is hand-written and would also be generated from Rules<T>.{1}: delete the hand-written member, or mark the rule [NotForwarded(\"reason\")]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);
}
