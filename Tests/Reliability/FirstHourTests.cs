using System.Text.RegularExpressions;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Reliability;

/// <summary>The rough edges a new user met in the first hour, each pinned down.</summary>
[TestFixture]
public partial class FirstHourTests
{
    [Test]
    public void Adjoint_StaleVariable_ThrowsInvalidOperationLikeCombiningIt()
    {
        var tape = new Tape<double>();
        Var<double> old;
        using (tape.Record())
        {
            old = tape.Variable(1.0);
        }

        using (tape.Record())
        {
            Should.Throw<InvalidOperationException>(() => old * old);
            Should.Throw<InvalidOperationException>(() => tape.Adjoint(old));
        }
    }

    [Test]
    public void NewtonCgOptions_BadSetting_ParamNameIsTheSetting()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => NewtonCg.Minimize(ChainedRosenbrock.Instance, [1.0], new NewtonCgOptions { MaxCgIterations = 0 })).ParamName.ShouldBe("options.MaxCgIterations");
        Should.Throw<ArgumentOutOfRangeException>(() => NewtonCg.Minimize(ChainedRosenbrock.Instance, [1.0], new NewtonCgOptions { TypicalMagnitude = 0 })).ParamName.ShouldBe("options.TypicalMagnitude");
    }

    [Test]
    public void StationaryPoint_ToString_ShowsEigenvalues()
    {
        // x² + 3y² at the origin: H = diag(2, 6)
        string text = StationaryPoint.Classify(new Bowl(), [0.0, 0.0]).ToString();
        text.ShouldBe("Minimum (eigenvalues 2, 6; ‖∇f‖ = 0)");
        text.ShouldNotContain("System.Double[]");
    }

    [Test]
    public void ForwardJvp_ThrowingLambda_BindsToScalarOverload()
    {
        // `v => throw …` fits both the scalar and the vector overload; the scalar one is preferred, so this compiles
        Should.Throw<NotSupportedException>(() => Forward.Jvp<double>(v => throw new NotSupportedException(), [1.0], [1.0]));
    }

    [Test]
    public void Tour_ExponentFormats_AreTwoDigit()
    {
        // "E4" prints 2.2839E+004; the tour uses custom formats such as 0.0000e+00 (2.2839e+04)
        foreach (string file in Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "Examples"), "*.cs"))
        {
            ExponentFormat().IsMatch(File.ReadAllText(file)).ShouldBeFalse(file);
        }

        22839.0.ToString("0.0000e+00", System.Globalization.CultureInfo.InvariantCulture).ShouldBe("2.2839e+04");
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? d = new(TestContext.CurrentContext.TestDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "DualAutodiff.sln")))
            {
                return d.FullName;
            }
        }

        throw new DirectoryNotFoundException("DualAutodiff.sln not found above the test directory.");
    }

    [GeneratedRegex(@":E[0-9]+[})]")]
    private static partial Regex ExponentFormat();

    private sealed class Bowl : IScalarFunction
    {
        public T Evaluate<T>(ReadOnlySpan<T> x)
            where T : System.Numerics.IFloatingPointIeee754<T> => x[0] * x[0] + T.CreateChecked(3) * x[1] * x[1];
    }
}
