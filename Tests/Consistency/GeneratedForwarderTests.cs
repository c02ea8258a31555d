using System.Reflection;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Consistency;

/// <summary>
/// The generic-math members of <see cref="Dual{T}"/> and <see cref="Var{T}"/> are generated from the
/// <see cref="ForwarderAttribute"/> rules of <see cref="Rules{T}"/>: every such rule has its member in both
/// modes, with the interface's parameter names, and every public rule says whether it is forwarded.
/// </summary>
[TestFixture]
public class GeneratedForwarderTests
{
    private static readonly MethodInfo[] s_rules = typeof(Rules<double>).GetMethods(BindingFlags.Public | BindingFlags.Static);

    public static IEnumerable<TestCaseData> ForwardedRules() =>
        s_rules.Where(r => r.GetCustomAttribute<ForwarderAttribute>() is not null)
            .Select(r => new TestCaseData(r).SetArgDisplayNames($"{r.Name}/{r.GetParameters().Length}"));

    [Test]
    public void Rules_EveryPublicRule_IsForwardedOrSaysWhyNot()
    {
        // The generator fails the build on these too (DAG002, DAG003); this names them from the assembly.
        s_rules.Where(r => (r.GetCustomAttribute<ForwarderAttribute>() is null) == (r.GetCustomAttribute<NotForwardedAttribute>() is null))
            .Select(r => r.Name)
            .ShouldBeEmpty();
    }

    [Test]
    public void Rules_ForwardedRules_AreMostOfTheTable()
    {
        // All but a handful of rules are forwarded; without this, losing the attribute would pass the tests below vacuously.
        ForwardedRules().Count().ShouldBeGreaterThan(40);
    }

    [TestCaseSource(nameof(ForwardedRules))]
    public void Dual_ForwardedRule_HasTheInterfaceMember(MethodInfo rule) => ShouldForward(typeof(Dual<double>), rule);

    [TestCaseSource(nameof(ForwardedRules))]
    public void MultiTangentDual_ForwardedRule_HasTheInterfaceMember(MethodInfo rule) => ShouldForward(typeof(Dual<double, Tangents4<double>>), rule);

    [TestCaseSource(nameof(ForwardedRules))]
    public void Var_ForwardedRule_HasTheInterfaceMember(MethodInfo rule) => ShouldForward(typeof(Var<double>), rule);

    [TestCaseSource(nameof(ForwardedRules))]
    public void Dual_ForwardedRule_IsOutOfLineExactlyWhenItCallsOut(MethodInfo rule) => ShouldBeOutOfLineWhenItCallsOut(typeof(Dual<double>), rule);

    [TestCaseSource(nameof(ForwardedRules))]
    public void MultiTangentDual_ForwardedRule_IsOutOfLineExactlyWhenItCallsOut(MethodInfo rule) => ShouldBeOutOfLineWhenItCallsOut(typeof(Dual<double, Tangents4<double>>), rule);

    [Test]
    public void Dual_ExpAndSqrt_AreOutOfLineAndInLine()
    {
        // the two kinds by name, so that a table with every rule marked alike would still fail
        IsOutOfLine(typeof(Dual<double>), typeof(Rules<double>).GetMethod(nameof(Rules<double>.Exp))!).ShouldBeTrue();
        IsOutOfLine(typeof(Dual<double>), typeof(Rules<double>).GetMethod(nameof(Rules<double>.Sqrt))!).ShouldBeFalse();
    }

    [TestCaseSource(nameof(ForwardedRules))]
    public void Var_ForwardedRule_StaysInlinable(MethodInfo rule)
    {
        // only the dual numbers ask for CallsOutOfLine: a variable's index and recording stay in callee-saved integer
        // registers across the call, and its value is the call's argument
        IsOutOfLine(typeof(Var<double>), rule).ShouldBeFalse();
    }

    /// <summary>A dual number keeps a member whose rule calls into the math library out of line (GenerateRuleForwarders'
    /// CallsOutOfLine), so a user's loop does not store its tangent accumulator in every iteration; a rule of a few
    /// instructions (InLine) stays inlinable, since a call would spill every vector register live across it.</summary>
    private static void ShouldBeOutOfLineWhenItCallsOut(Type host, MethodInfo rule) =>
        IsOutOfLine(host, rule).ShouldBe(!rule.GetCustomAttribute<ForwarderAttribute>()!.InLine);

    private static bool IsOutOfLine(Type host, MethodInfo rule)
    {
        Type[] parameters = [.. rule.GetParameters().Select(p => p.ParameterType == typeof(double) ? host : p.ParameterType)];
        return host.GetMethod(rule.Name, BindingFlags.Public | BindingFlags.Static, parameters)!.MethodImplementationFlags.HasFlag(MethodImplAttributes.NoInlining);
    }

    /// <summary>The struct has a public static <c>S Name(S a, …)</c> for the rule's <c>Name(T a, …)</c>, with the
    /// parameter names of the interface member the attribute names.</summary>
    private static void ShouldForward(Type host, MethodInfo rule)
    {
        Type[] parameters = [.. rule.GetParameters().Select(p => p.ParameterType == typeof(double) ? host : p.ParameterType)];
        MethodInfo? member = host.GetMethod(rule.Name, BindingFlags.Public | BindingFlags.Static, parameters);
        member.ShouldNotBeNull($"{host.Name}.{rule.Name} with {parameters.Length} parameters");
        member.ReturnType.ShouldBe(host);

        Type face = rule.GetCustomAttribute<ForwarderAttribute>()!.InterfaceType;
        MethodInfo declared = face.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == rule.Name && m.GetParameters().Length == parameters.Length
                && m.GetParameters().Zip(parameters, (p, q) => p.ParameterType.IsGenericParameter == (q == host)).All(same => same));
        member.GetParameters().Select(p => p.Name).ShouldBe(declared.GetParameters().Select(p => p.Name));
    }
}
