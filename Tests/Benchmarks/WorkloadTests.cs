using DualAutodiff.Benchmarks;
using DualAutodiff.Benchmarks.Workloads;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Benchmarks;

/// <summary>The C# workloads compute exactly the functions of <c>Benchmarks/WORKLOADS.md</c> at exactly its points, so
/// their times compare with the peers'.</summary>
[TestFixture]
public class WorkloadTests
{
    private const double Tolerance = 1e-12;

    /// <summary>The peers' correctness lines (<c>Benchmarks/peers/results/adolc.log</c>; PyTorch agrees to ~1e-14):
    /// f, ∇f·v, ∇f[0..3] and (H·v)[0..3] at the workload's point and direction.</summary>
    private static IEnumerable<TestCaseData> PeerValues()
    {
        yield return new TestCaseData("logistic", 693.15212471984273, 4.2826511479705678,
            new[] { 0.57572611289802356, 0.67837833165418315, 0.77283044604069429 },
            new[] { -1074.735332263517, -937.56026037088088, -789.05214373150682 }).SetName("{m}(logistic)");
        yield return new TestCaseData("mlp", 0.50894255654055898, 0.010860968627311972,
            new[] { 2.5218589740734117e-05, -1.2241645916047977e-05, -4.3944444217518995e-05 },
            new[] { -0.001159817021064755, 0.0019018844135557638, 0.0040690998907173233 }).SetName("{m}(mlp)");
        yield return new TestCaseData("advection", 5.4494313185936418, 2.4582578930101642,
            new[] { 0.035832015937258939, 0.036129190084782825, 0.036420007339624735 },
            new[] { -0.14556693957646391, -0.14599600205901667, -0.14639135165904957 }).SetName("{m}(advection)");
    }

    [TestCaseSource(nameof(PeerValues))]
    public void Workload_AtItsPoint_MatchesThePeers(string name, double value, double jvp, double[] gradient, double[] hvp)
    {
        Workload w = Workload.Create(name, 0);
        w.Function.Evaluate<double>(w.Point).ShouldBeClose(value, Tolerance, "f");
        Forward.Jvp(w.Function, w.Point, w.Direction).Tangent.ShouldBeClose(jvp, 1e-11, "∇f·v");
        double[] g = Reverse.Gradient(w.Function, w.Point);
        double[] hv = DualAutodiff.Hvp.Compute(w.Function, w.Point, w.Direction);
        for (int i = 0; i < 3; i++)
        {
            // relative to the largest of the three entries, as the peers' cross-check does
            Math.Abs(g[i] - gradient[i]).ShouldBeLessThanOrEqualTo(Tolerance * gradient.Max(Math.Abs), $"∇f[{i}]");
            Math.Abs(hv[i] - hvp[i]).ShouldBeLessThanOrEqualTo(Tolerance * hvp.Max(Math.Abs), $"(H·v)[{i}]");
        }
    }

    [Test]
    public void Rosenbrock_N10_ValueIs2057AndHvpIsTridiagonalRowSums()
    {
        Workload w = Workload.Rosenbrock(10);
        // x = (−1.2, 1, …): 5 terms 100·(1 − 1.44)² + 2.2² = 24.2 and 4 terms 100·(−1.2 − 1)² + 0² = 484: 121 + 1936
        w.Function.Evaluate<double>(w.Point).ShouldBe(2057, Tolerance * 2057);
        // H·1 row 0: H₀₀ + H₀₁ = (1200·1.44 − 400·1 + 2) + (−400·(−1.2)) = 1330 + 480 = 1810
        // row 1: H₁₀ + H₁₁ + H₁₂ = 480 + (1200·1 + 480 + 2 + 200) + (−400) = 1962
        double[] hv = DualAutodiff.Hvp.Compute(w.Function, w.Point, w.Direction);
        hv[0].ShouldBe(1810, 1e-9);
        hv[1].ShouldBe(1962, 1e-9);
    }

    [Test]
    public void Logistic_GradientAndHvp_EqualTheClosedForms()
    {
        // ∇f = Aᵀ(σ(z) − y) and H·v = Aᵀ·diag(σ(z)(1 − σ(z)))·A·v with z = A·w, written here without autodiff
        const int m = 1000, n = 100;
        Workload w = Workload.Logistic();
        double[] g = new double[n];
        double[] hv = new double[n];
        for (int j = 0; j < m; j++)
        {
            double[] a = [.. Enumerable.Range(0, n).Select(k => Math.Sin((0.37 * j) + (0.11 * k) + 0.5))];
            double z = 0, av = 0;
            for (int k = 0; k < n; k++)
            {
                z += a[k] * w.Point[k];
                av += a[k] * w.Direction[k];
            }

            double s = 1 / (1 + Math.Exp(-z));
            double y = j % 2 == 0 ? 1 : 0;
            for (int k = 0; k < n; k++)
            {
                g[k] += (s - y) * a[k];
                hv[k] += s * (1 - s) * av * a[k];
            }
        }

        double[] gradient = Reverse.Gradient(w.Function, w.Point);
        double[] product = DualAutodiff.Hvp.Compute(w.Function, w.Point, w.Direction);
        for (int k = 0; k < n; k++)
        {
            gradient[k].ShouldBeClose(g[k], 1e-10, $"∇f[{k}]");
            product[k].ShouldBeClose(hv[k], 1e-10, $"(H·v)[{k}]");
        }
    }

    [Test]
    public void DenseHessian_Rosenbrock_EqualsHvpHessianAndIsSymmetric()
    {
        Workload w = Workload.Rosenbrock(6);
        double[,] naive = DenseHessian.ByGradientOfGradient(w.Function, w.Point);
        double[,] byHvps = DualAutodiff.Hvp.Hessian(w.Function, w.Point);
        // H₀₀ = 1200·1.44 − 400·1 + 2 = 1330, H₀₁ = −400·(−1.2) = 480, H₀₂ = 0 (chained: only neighbours couple)
        naive[0, 0].ShouldBe(1330, 1e-9);
        naive[0, 1].ShouldBe(480, 1e-9);
        naive[0, 2].ShouldBe(0);
        for (int i = 0; i < w.N; i++)
        {
            for (int j = 0; j < w.N; j++)
            {
                naive[i, j].ShouldBeClose(byHvps[i, j], Tolerance, $"H[{i},{j}]");
                naive[i, j].ShouldBe(naive[j, i], $"H[{i},{j}] = H[{j},{i}]");
            }
        }
    }

    [Test]
    public void SmallWorkloads_SameCodeAtATinySize_AgreeAcrossModes()
    {
        // The JIT warm-up runs these; they must be the same functions, only smaller: JVP = ∇f·v and all HVP routes agree.
        foreach (Workload w in Workload.All().Select(w => w.Small ?? w).DistinctBy(w => w.Name))
        {
            double[] g = Reverse.Gradient(w.Function, w.Point);
            double dot = g.Zip(w.Direction, (a, b) => a * b).Sum();
            Forward.Jvp(w.Function, w.Point, w.Direction).Tangent.ShouldBeClose(dot, 1e-10, $"{w.Name}: ∇f·v");
            double[] reference = DualAutodiff.Hvp.Compute(w.Function, w.Point, w.Direction);
            double[] other = DualAutodiff.Hvp.Compute(w.Function, w.Point, w.Direction, HvpMethod.ReverseOverReverse);
            PeerCheck.RelErr(other, reference).ShouldBeLessThan(1e-12, $"{w.Name}: reverse-over-reverse = forward-over-reverse");
        }
    }
}

/// <summary>The workloads written with kernels compute the same functions as the scalar ones, in every mode.</summary>
[TestFixture]
public class KernelWorkloadTests
{
    private static IEnumerable<TestCaseData> Pairs()
    {
        yield return new TestCaseData(Workload.RosenbrockKernels(1000), Workload.Rosenbrock(1000)).SetName("{m}(rosenbrock 1000)");
        yield return new TestCaseData(Workload.RosenbrockKernels(100_000), Workload.Rosenbrock(100_000)).SetName("{m}(rosenbrock 100000)");
        yield return new TestCaseData(Workload.LogisticKernels(), Workload.Logistic()).SetName("{m}(logistic)");
        yield return new TestCaseData(Workload.MlpKernels(), Workload.Mlp()).SetName("{m}(mlp)");
        yield return new TestCaseData(Workload.MlpKernels(3), Workload.Mlp(3)).SetName("{m}(mlp B=3)");
    }

    [TestCaseSource(nameof(Pairs))]
    public void KernelWorkload_EveryMode_MatchesScalarWorkload(Workload kernels, Workload scalars)
    {
        kernels.Point.ShouldBe(scalars.Point);
        kernels.Function.Evaluate<double>(kernels.Point).ShouldBeClose(scalars.Function.Evaluate<double>(scalars.Point), 1e-12, "f");
        Forward.Jvp(kernels.Function, kernels.Point, kernels.Direction).Tangent
            .ShouldBeClose(Forward.Jvp(scalars.Function, scalars.Point, scalars.Direction).Tangent, 1e-11, "∇f·v");
        Close(Reverse.Gradient(kernels.Function, kernels.Point), Reverse.Gradient(scalars.Function, scalars.Point), 1e-11, "∇f");
        double[] hv = DualAutodiff.Hvp.Compute(scalars.Function, scalars.Point, scalars.Direction);
        foreach (HvpMethod method in new[] { HvpMethod.ForwardOverReverse, HvpMethod.ReverseOverForward, HvpMethod.ReverseOverReverse })
        {
            Close(DualAutodiff.Hvp.Compute(kernels.Function, kernels.Point, kernels.Direction, method), hv, 1e-10, $"H·v by {method}");
        }
    }

    [Test]
    public void KernelWorkloads_SteadyState_AllocateOnlyTheirResults()
    {
        foreach (Workload w in Workload.WithKernels())
        {
            // warm up (pools, tape growth), then measure one call each
            Reverse.Gradient(w.Function, w.Point);
            DualAutodiff.Hvp.Compute(w.Function, w.Point, w.Direction);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Reverse.Gradient(w.Function, w.Point);
            long gradient = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            DualAutodiff.Hvp.Compute(w.Function, w.Point, w.Direction);
            long hvp = GC.GetAllocatedBytesForCurrentThread() - before;

            // the result array: a 24-byte header and 8 bytes per entry
            long result = 24 + (8L * w.N);
            gradient.ShouldBe(result, $"{w.Name}: gradient bytes");
            hvp.ShouldBe(result, $"{w.Name}: H·v bytes");
        }
    }

    private static void Close(double[] actual, double[] expected, double tolerance, string what)
    {
        actual.Length.ShouldBe(expected.Length);
        double scale = Math.Max(1, expected.Max(Math.Abs));
        for (int i = 0; i < actual.Length; i++)
        {
            // relative to the largest entry, as the peers' cross-check does
            Math.Abs(actual[i] - expected[i]).ShouldBeLessThanOrEqualTo(tolerance * scale, $"{what}[{i}]");
        }
    }
}
