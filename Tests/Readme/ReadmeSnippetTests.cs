using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Readme;

/// <summary>Every <c>```csharp</c> block of README.md compiles as written, as the Program.cs of a new console
/// project (with the SDK's implicit usings) that references the DualAutodiff assemblies and MathNet, and runs
/// without throwing, so the docs cannot drift from the API.</summary>
[TestFixture]
public partial class ReadmeSnippetTests
{
    // the SDK's implicit global usings for a console project (ImplicitUsings = enable)
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly Lazy<MetadataReference[]> s_references = new(References);

    private static IEnumerable<TestCaseData> Snippets()
    {
        string readme = File.ReadAllText(ReadmePath());
        int index = 0;
        foreach (Match m in CSharpBlock().Matches(readme))
        {
            int line = readme[..m.Index].Count(c => c == '\n') + 1;
            yield return new TestCaseData(m.Groups[1].Value, line).SetName($"{{m}}(block{++index}_line{line})");
        }
    }

    [Test]
    public void Readme_HasCSharpBlocks()
    {
        Snippets().Count().ShouldBeGreaterThanOrEqualTo(4);
    }

    [TestCaseSource(nameof(Snippets))]
    public void Snippet_AsProgram_CompilesAndRuns(string code, int line)
    {
        CSharpCompilation compilation = CSharpCompilation.Create(
            $"ReadmeSnippet{line}",
            [CSharpSyntaxTree.ParseText(ImplicitUsings), CSharpSyntaxTree.ParseText(code, path: $"README.md:{line}")],
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = compilation.Emit(image);
        string errors = string.Join(Environment.NewLine, emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        emitted.Success.ShouldBeTrue($"The ```csharp block at README.md line {line} does not compile:{Environment.NewLine}{errors}");

        Assembly assembly = Assembly.Load(image.ToArray());
        TextWriter console = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            MethodInfo main = assembly.EntryPoint!;
            main.Invoke(null, main.GetParameters().Length == 0 ? null : [Array.Empty<string>()]);
        }
        finally
        {
            Console.SetOut(console);
        }

        TestContext.Out.WriteLine(output.ToString());
    }

    private static MetadataReference[] References()
    {
        string[] platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        Assembly[] ours = [typeof(Dual<>).Assembly, typeof(Var<>).Assembly, typeof(NewtonCg).Assembly, typeof(MathNet.Numerics.Control).Assembly];
        return [.. platform.Concat(ours.Select(a => a.Location)).Distinct().Select(p => MetadataReference.CreateFromFile(p))];
    }

    private static string ReadmePath()
    {
        for (DirectoryInfo? d = new(TestContext.CurrentContext.TestDirectory); d is not null; d = d.Parent)
        {
            string candidate = Path.Combine(d.FullName, "README.md");
            if (File.Exists(candidate) && File.Exists(Path.Combine(d.FullName, "DualAutodiff.sln")))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("README.md next to DualAutodiff.sln was not found above the test directory.");
    }

    [GeneratedRegex(@"```csharp\r?\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
