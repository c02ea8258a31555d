using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DualAutodiff.Generators;

/// <summary>
/// Writes, into every <c>partial struct</c> marked <c>[GenerateRuleForwarders]</c>, one member per
/// <c>[Forwarder]</c> rule of <c>Rules&lt;T&gt;</c> (Dual/Rules.cs): the generic-math interface member of the
/// same name, <c>public static S Exp(S x) =&gt; Chain(x, Rules&lt;T&gt;.Exp(x._value));</c>, with the interface's
/// parameter names and an <c>&lt;inheritdoc cref="…"/&gt;</c> to it. The rule table is thus the single source,
/// as DiffRules' table is for ForwardDiff's dual definitions.
/// </summary>
/// <remarks>
/// The table is read from the compilation: from source in Dual, from the referenced assembly's metadata in
/// Reverse. Every public rule must say whether it is forwarded, and a forwarded rule must have the shape and
/// the interface member it claims; otherwise the build fails naming the rule (see <see cref="Descriptors"/>).
/// </remarks>
[Generator(LanguageNames.CSharp)]
public sealed class RuleForwarderGenerator : IIncrementalGenerator
{
    private const string MarkerName = "DualAutodiff.GenerateRuleForwardersAttribute";
    private const string RulesName = "DualAutodiff.Rules`1";
    private const string ForwarderName = "DualAutodiff.ForwarderAttribute";
    private const string NotForwardedName = "DualAutodiff.NotForwardedAttribute";
    private const int LineWidth = 120;

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // The marked structs come from syntax; the rules and the hand-written members from the whole compilation,
        // since an edit to Rules.cs or to another partial file changes the output without touching the marker.
        IncrementalValuesProvider<Target> targets = context.SyntaxProvider.ForAttributeWithMetadataName(
            MarkerName,
            static (node, _) => node is StructDeclarationSyntax,
            static (syntax, cancellationToken) => Target.From(syntax, cancellationToken));
        IncrementalValuesProvider<Output> outputs = targets
            .Combine(context.CompilationProvider)
            .Select(static (pair, cancellationToken) => Build(pair.Left, pair.Right, cancellationToken));
        context.RegisterSourceOutput(outputs, static (production, output) =>
        {
            foreach (Diagnostic diagnostic in output.Diagnostics)
            {
                production.ReportDiagnostic(diagnostic);
            }

            if (output.Source is not null)
            {
                production.AddSource(output.HintName, output.Source);
            }
        });
    }

    private static Output Build(Target target, Compilation compilation, CancellationToken cancellationToken)
    {
        List<Diagnostic> diagnostics = [];
        INamedTypeSymbol? host = compilation.GetTypeByMetadataName(target.MetadataName);
        INamedTypeSymbol? rules = compilation.GetTypeByMetadataName(RulesName);
        // S<T> or S<T, …>: the rules are taken at the first type parameter (Dual<T, TTangents> has its lanes as the second).
        if (host is null || host.Arity < 1 || rules is null)
        {
            string why = rules is null ? "DualAutodiff.Rules<T> is not visible in this compilation" : "it is not a generic struct S<T, …>";
            diagnostics.Add(Diagnostic.Create(Descriptors.NoRuleTable, target.Location, target.MetadataName, why));
            return new Output(target.MetadataName, null, diagnostics);
        }

        ITypeParameterSymbol ruleT = rules.TypeParameters[0];
        List<Member> members = [];
        foreach (ISymbol symbol in rules.GetMembers())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (symbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: true, DeclaredAccessibility: Accessibility.Public } rule)
            {
                continue;
            }

            Location location = rule.Locations.FirstOrDefault(l => l.IsInSource && compilation.ContainsSyntaxTree(l.SourceTree!)) ?? target.Location;
            AttributeData? forwarder = FindAttribute(rule, ForwarderName);
            AttributeData? notForwarded = FindAttribute(rule, NotForwardedName);
            if (forwarder is null && notForwarded is null)
            {
                diagnostics.Add(Diagnostic.Create(Descriptors.Unmarked, location, Signature(rule), rule.Name));
                continue;
            }

            if (forwarder is not null && notForwarded is not null)
            {
                diagnostics.Add(Diagnostic.Create(Descriptors.MarkedTwice, location, Signature(rule)));
                continue;
            }

            if (forwarder is null)
            {
                continue;
            }

            string? badShape = ShapeProblem(rule, ruleT);
            if (badShape is not null)
            {
                diagnostics.Add(Diagnostic.Create(Descriptors.BadShape, location, Signature(rule), badShape));
                continue;
            }

            INamedTypeSymbol? face = (forwarder.ConstructorArguments.FirstOrDefault().Value as INamedTypeSymbol)?.OriginalDefinition;
            IMethodSymbol? implemented = face?.GetMembers(rule.Name).OfType<IMethodSymbol>().FirstOrDefault(m => Implements(m, rule, ruleT));
            if (face is null || implemented is null)
            {
                string parameters = string.Join(", ", rule.Parameters.Select(p => SymbolEqualityComparer.Default.Equals(p.Type, ruleT) ? "TSelf" : p.Type.ToDisplayString()));
                diagnostics.Add(Diagnostic.Create(Descriptors.NoInterfaceMember, location, Signature(rule), face?.ToDisplayString() ?? "?", rule.Name, parameters));
                continue;
            }

            IMethodSymbol? handWritten = host.GetMembers(rule.Name).OfType<IMethodSymbol>().FirstOrDefault(m => HasSignature(m, rule, ruleT, host));
            if (handWritten is not null)
            {
                string self = host.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
                diagnostics.Add(Diagnostic.Create(Descriptors.HandWritten, handWritten.Locations.FirstOrDefault() ?? target.Location, self, rule.Name));
                continue;
            }

            string? remarks = Remarks(forwarder, target.Reverse);
            bool outOfLine = target.CallsOutOfLine && !forwarder.NamedArguments.Any(a => a.Key == "InLine" && a.Value.Value is true);
            members.Add(new Member(face.Name, rule.Name, rule.Parameters.Length, WriteMember(host, rule, ruleT, face, implemented, remarks, target.Reverse, outOfLine)));
        }

        return new Output(target.MetadataName, WriteFile(host, members, target.Reverse), diagnostics);
    }

    private static AttributeData? FindAttribute(IMethodSymbol rule, string metadataName) =>
        rule.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == metadataName);

    private static string Signature(IMethodSymbol rule) => $"{rule.Name}({string.Join(", ", rule.Parameters.Select(p => $"{p.Type.ToDisplayString()} {p.Name}"))})";

    /// <summary>Null if the rule returns the value and one partial per <c>T</c> parameter, for one to three of them; else why not.</summary>
    private static string? ShapeProblem(IMethodSymbol rule, ITypeParameterSymbol ruleT)
    {
        int operands = rule.Parameters.Count(p => SymbolEqualityComparer.Default.Equals(p.Type, ruleT));
        if (operands is < 1 or > 3)
        {
            return $"it has {operands} parameters of type T";
        }

        if (rule.ReturnType is not INamedTypeSymbol { IsTupleType: true } tuple
            || !tuple.TupleElements.All(e => SymbolEqualityComparer.Default.Equals(e.Type, ruleT)))
        {
            return $"it returns {rule.ReturnType.ToDisplayString()}, not a tuple of T";
        }

        return tuple.TupleElements.Length == operands + 1 ? null : $"it returns {tuple.TupleElements.Length} values for {operands} parameters of type T";
    }

    /// <summary>Whether the interface method takes what the rule takes, with the interface's TSelf for the rule's T.</summary>
    private static bool Implements(IMethodSymbol member, IMethodSymbol rule, ITypeParameterSymbol ruleT) =>
        member.IsStatic
        && member.Parameters.Length == rule.Parameters.Length
        && member.Parameters.Zip(rule.Parameters, (m, r) => SymbolEqualityComparer.Default.Equals(r.Type, ruleT)
            ? SymbolEqualityComparer.Default.Equals(m.Type, member.ContainingType.TypeParameters[0])
            : SymbolEqualityComparer.Default.Equals(m.Type, r.Type)).All(same => same);

    /// <summary>Whether a hand-written member of the host has the signature the rule's member would have.</summary>
    private static bool HasSignature(IMethodSymbol member, IMethodSymbol rule, ITypeParameterSymbol ruleT, INamedTypeSymbol host) =>
        member.IsStatic
        && member.Parameters.Length == rule.Parameters.Length
        && member.Parameters.Zip(rule.Parameters, (m, r) => SymbolEqualityComparer.Default.Equals(m.Type, SymbolEqualityComparer.Default.Equals(r.Type, ruleT) ? host : r.Type)).All(same => same);

    private static string? Remarks(AttributeData forwarder, bool reverse)
    {
        string? shared = null;
        string? own = null;
        foreach (KeyValuePair<string, TypedConstant> argument in forwarder.NamedArguments)
        {
            if (argument.Key == "Remarks")
            {
                shared = argument.Value.Value as string;
            }
            else if (argument.Key == (reverse ? "ReverseRemarks" : "ForwardRemarks"))
            {
                own = argument.Value.Value as string;
            }
        }

        // A remark may span lines in Rules.cs (a raw string); the generated comment is wrapped anew.
        string? remarks = own ?? shared;
        return remarks is null ? null : string.Join(" ", remarks.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// <c>/// &lt;inheritdoc cref="IFace{TSelf}.Name"/&gt;</c>, the remarks, and
    /// <c>public static S Name(S a, int n) =&gt; Chain(a, Rules&lt;T&gt;.Name(a._value, n));</c>. In reverse mode the
    /// rule itself is passed on too (<c>&amp;Rules&lt;T&gt;.Name</c>, then the other arguments), so a recording for replay
    /// can call it again at a new point. An <paramref name="outOfLine"/> member is marked <c>NoInlining</c> (see
    /// <c>GenerateRuleForwardersAttribute.CallsOutOfLine</c>).
    /// </summary>
    private static string WriteMember(INamedTypeSymbol host, IMethodSymbol rule, ITypeParameterSymbol ruleT, INamedTypeSymbol face, IMethodSymbol implemented, string? remarks, bool reverse, bool outOfLine)
    {
        string self = host.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        string cref = $"{face.Name}{{{string.Join(", ", face.TypeParameters.Select(t => t.Name))}}}.{rule.Name}";
        if (face.GetMembers(rule.Name).OfType<IMethodSymbol>().Skip(1).Any())
        {
            cref += $"({string.Join(", ", implemented.Parameters.Select(p => p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)))})";
        }

        List<string> parameters = [];
        List<string> operands = [];
        List<string> arguments = [];
        List<string> others = [];
        for (int i = 0; i < rule.Parameters.Length; i++)
        {
            string name = Identifier(implemented.Parameters[i].Name);
            if (SymbolEqualityComparer.Default.Equals(rule.Parameters[i].Type, ruleT))
            {
                parameters.Add($"{self} {name}");
                operands.Add(name);
                arguments.Add($"{name}._value");
            }
            else
            {
                parameters.Add($"{rule.Parameters[i].Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)} {name}");
                arguments.Add(name);
                others.Add(name);
            }
        }

        StringBuilder text = new();
        text.Append("    /// <inheritdoc cref=\"").Append(cref).Append("\"/>\n");
        if (remarks is not null)
        {
            AppendWrapped(text, $"<remarks>{remarks}</remarks>");
        }

        if (outOfLine)
        {
            text.Append("    [global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]\n");
        }

        text.Append("    public static ").Append(self).Append(' ').Append(rule.Name)
            .Append('(').Append(string.Join(", ", parameters)).Append(") => Chain(")
            .Append(string.Join(", ", operands)).Append(", Rules<").Append(host.TypeParameters[0].Name).Append(">.")
            .Append(rule.Name).Append('(').Append(string.Join(", ", arguments)).Append(')');
        if (reverse)
        {
            text.Append(", &Rules<").Append(host.TypeParameters[0].Name).Append(">.").Append(rule.Name);
            foreach (string other in others)
            {
                text.Append(", ").Append(other);
            }
        }

        text.Append(");\n");
        return text.ToString();
    }

    private static string Identifier(string name) => SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None ? name : "@" + name;

    /// <summary>A doc comment broken at spaces outside XML tags, so each line stays within <see cref="LineWidth"/>.</summary>
    private static void AppendWrapped(StringBuilder text, string doc)
    {
        const string Prefix = "    /// ";
        int start = 0;
        while (Prefix.Length + doc.Length - start > LineWidth)
        {
            int cut = -1;
            int depth = 0;
            for (int i = start; i < doc.Length && (cut < 0 || Prefix.Length + i - start <= LineWidth); i++)
            {
                depth += doc[i] == '<' ? 1 : doc[i] == '>' ? -1 : 0;
                if (doc[i] == ' ' && depth == 0)
                {
                    cut = i;
                }
            }

            if (cut < 0)
            {
                break;
            }

            text.Append(Prefix).Append(doc, start, cut - start).Append('\n');
            start = cut + 1;
        }

        text.Append(Prefix).Append(doc, start, doc.Length - start).Append('\n');
    }

    /// <summary>The partial struct with the members grouped by interface under the three-line banners, each
    /// group and its members in alphabetical order, as in the hand-written files.</summary>
    private static string WriteFile(INamedTypeSymbol host, List<Member> members, bool reverse)
    {
        StringBuilder text = new();
        text.Append("// <auto-generated/>\n")
            .Append("// Written by Generators/RuleForwarderGenerator.cs from the [Forwarder] rules of Dual/Rules.cs:\n")
            .Append("// one generic-math member per rule. Change the rule, not this file.\n")
            .Append("#nullable enable\n\n")
            .Append("using System.Numerics;\n\n")
            .Append("namespace ").Append(host.ContainingNamespace.ToDisplayString()).Append(";\n\n")
            .Append(SyntaxFacts.GetText(host.DeclaredAccessibility)).Append(host.IsReadOnly ? " readonly" : string.Empty).Append(reverse ? " unsafe" : string.Empty)
            .Append(" partial struct ").Append(host.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)).Append("\n{\n");
        bool first = true;
        foreach (IGrouping<string, Member> group in members.GroupBy(m => m.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.Append(first ? string.Empty : "\n").Append("    //\n    // ").Append(group.Key).Append("\n    //\n");
            first = false;
            foreach (Member member in group.OrderBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Arity))
            {
                text.Append('\n').Append(member.Text);
            }
        }

        return text.Append("}\n").ToString();
    }

    /// <summary>A struct marked for forwarders: its metadata name, its mode, where the marker is.</summary>
    private sealed class Target(string metadataName, bool reverse, bool callsOutOfLine, Location location) : IEquatable<Target>
    {
        public string MetadataName { get; } = metadataName;

        public bool Reverse { get; } = reverse;

        public bool CallsOutOfLine { get; } = callsOutOfLine;

        public Location Location { get; } = location;

        public static Target From(GeneratorAttributeSyntaxContext syntax, CancellationToken cancellationToken)
        {
            INamedTypeSymbol symbol = (INamedTypeSymbol)syntax.TargetSymbol;
            AttributeData marker = syntax.Attributes[0];
            string space = symbol.ContainingNamespace.IsGlobalNamespace ? string.Empty : symbol.ContainingNamespace.ToDisplayString() + ".";

            // DifferentiationMode.Reverse is 1.
            bool reverse = marker.ConstructorArguments.FirstOrDefault().Value is int mode && mode == 1;
            Location location = marker.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? syntax.TargetNode.GetLocation();
            bool callsOutOfLine = marker.NamedArguments.Any(a => a.Key == "CallsOutOfLine" && a.Value.Value is true);
            return new Target(space + symbol.MetadataName, reverse, callsOutOfLine, location);
        }

        public bool Equals(Target? other) => other is not null && MetadataName == other.MetadataName && Reverse == other.Reverse && CallsOutOfLine == other.CallsOutOfLine && Location.Equals(other.Location);

        public override bool Equals(object? obj) => Equals(obj as Target);

        public override int GetHashCode() => MetadataName.GetHashCode();
    }

    /// <summary>One generated member: its interface, its name and arity (for the order), its text.</summary>
    private sealed class Member(string group, string name, int arity, string text)
    {
        public string Group { get; } = group;

        public string Name { get; } = name;

        public int Arity { get; } = arity;

        public string Text { get; } = text;
    }

    /// <summary>What one struct gets: its file (null when the table cannot be read) and the errors.</summary>
    private sealed class Output(string metadataName, string? source, List<Diagnostic> diagnostics) : IEquatable<Output>
    {
        // Dual`1 → Dual.Forwarders.g.cs, Dual`2 → Dual2.Forwarders.g.cs: one file per struct, also for same-named structs.
        public string HintName { get; } = metadataName.Substring(metadataName.LastIndexOf('.') + 1).Replace("`1", string.Empty).Replace("`", string.Empty) + ".Forwarders.g.cs";

        public string? Source { get; } = source;

        public EquatableArray<Diagnostic> Diagnostics { get; } = new([.. diagnostics]);

        public bool Equals(Output? other) => other is not null && HintName == other.HintName && Source == other.Source && Diagnostics.Equals(other.Diagnostics);

        public override bool Equals(object? obj) => Equals(obj as Output);

        public override int GetHashCode() => HintName.GetHashCode();
    }
}
