using DualAutodiff.Benchmarks;
using NUnit.Framework;
using Shouldly;

namespace DualAutodiff.Tests.Benchmarks;

/// <summary>The result files, correctness lines and target table that tie the C# benchmarks to the peers.</summary>
[TestFixture]
public class HarnessTests
{
    [Test]
    public void ResultSetLoad_PeerAndOwnFormats_ReadsTimesAndBytes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"dualautodiff-{Guid.NewGuid():N}.txt");
        File.WriteAllLines(path,
        [
            "# a comment line",
            "rosenbrock gradient 1000 51.186",
            "rosenbrock hvp 1000 155.9 1.56 8024",
            "",
            "broken line",
            "rosenbrock plain notanumber 1.0",
        ]);
        try
        {
            ResultSet set = ResultSet.Load(path);
            set.Name.ShouldStartWith("dualautodiff-");
            set.Get("rosenbrock", "gradient", 1000).ShouldBe(51.186);
            set.Get("rosenbrock", "hvp", 1000).ShouldBe(155.9);
            set.Bytes("rosenbrock", "hvp", 1000).ShouldBe(8024);
            set.Bytes("rosenbrock", "gradient", 1000).ShouldBeNull();
            set.Get("rosenbrock", "plain", 1000).ShouldBeNull();
            set.Sizes("rosenbrock", "gradient").ShouldBe([1000]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void PeerCheckLoad_AdolcAndTorchLines_ParseAndRoundTrip()
    {
        string path = Path.Combine(Path.GetTempPath(), $"peers-{Guid.NewGuid():N}.log");
        File.WriteAllLines(path,
        [
            "tape rosenbrock ops=97 locs=255 vals=18",
            "check adolc rosenbrock n=10 f=2057.0000000000005 f_tape=2057.0000000000005 jvp=242.00000000000068 grad[0:3]=-215.59999999999997,792.00000000000011,-655.60000000000002 hvp[0:3]=1810,1962,1610",
            "check torch rosenbrock n=10 f=2057.0000000000005 jvp=242.00000000000068 grad[0:3]=-215.59999999999997,792.0000000000001,-655.6 hvp[0:3]=1810.0,1962.0,1610.0",
        ]);
        try
        {
            IReadOnlyList<PeerCheck> checks = PeerCheck.Load(path);
            checks.Count.ShouldBe(2);
            checks[0].Implementation.ShouldBe("adolc");
            checks[0].N.ShouldBe(10);
            checks[0].Hvp.ShouldBe([1810.0, 1962.0, 1610.0]);
            checks[1].Gradient[0].ShouldBe(-215.59999999999997);
            // the same doubles written with 17 digits (ADOL-C) and shortest round-trip (PyTorch)
            checks[0].RelativeDifference(checks[1]).ShouldBe(0);
            // DualAutodiff's own line reads back to the same numbers
            File.WriteAllText(path, checks[0].ToString());
            PeerCheck back = PeerCheck.Load(path).Single();
            back.ToString().ShouldBe(checks[0].ToString());
            back.RelativeDifference(checks[0]).ShouldBe(0);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void RelErr_VectorsOfDifferentScale_IsRelativeToTheLargestEntry()
    {
        // max |aᵢ − bᵢ| = 0.5, max magnitude = 100 -> 0.005
        PeerCheck.RelErr([100.0, 1.0], [100.0, 1.5]).ShouldBe(0.005, 1e-15);
        PeerCheck.RelErr([0.0], [0.0]).ShouldBe(0);
        PeerCheck.RelErr([1.0], [1.0, 2.0]).ShouldBe(double.PositiveInfinity);
    }

    [Test]
    public void TargetsEvaluate_RatiosAtTheLimitsAndMissingPeers_MetUnmetOrNotMeasured()
    {
        var ours = new ResultSet("dualautodiff");
        ours.Add("rosenbrock", "plain", 1000, 1.0);
        ours.Add("rosenbrock", "jvp", 1000, 2.5);      // 2.5× plain: exactly at the limit, met
        ours.Add("rosenbrock", "gradient", 1000, 30);  // 30× plain > 25: not met
        ours.Add("rosenbrock", "hvp", 1000, 60);       // 2× gradient ≤ 3: met
        ours.AddBytes("rosenbrock", "gradient", 1000, 24 + 8000);  // exactly one double[1000]
        ours.AddBytes("rosenbrock", "hvp", 1000, 24 + 8000 + 32);  // 32 bytes more
        var torch = new ResultSet("torch");
        torch.Add("rosenbrock", "gradient", 1000, 60); // 30/60 = 0.5: met

        var rows = Targets.Evaluate(ours, torch, new ResultSet("adolc")).ToDictionary(r => r.Target, r => r.Met);

        rows["JVP ≤ 2.5× plain (Rosenbrock n = 1000)"].ShouldBe(true);
        rows["gradient ≤ 25× plain (Rosenbrock n = 1000)"].ShouldBe(false);
        rows["HVP ≤ 3× gradient (Rosenbrock n = 1000)"].ShouldBe(true);
        rows["gradient ≤ 0.5× PyTorch (n = 1000)"].ShouldBe(true);
        rows["gradient ≤ 1.0× ADOL-C reused tape (n = 1000)"].ShouldBeNull();
        rows["HVP ≤ 0.5× PyTorch (n = 1000)"].ShouldBeNull();
        rows["gradient: 0 bytes allocated per call beyond the result array (all workloads)"].ShouldBe(true);
        rows["hvp: 0 bytes allocated per call beyond the result array (all workloads)"].ShouldBe(false);
    }

    [Test]
    public void ModeNames_AreThePeersNamesAndUnique()
    {
        string[] names = [.. Mode.All.Select(m => m.Name)];
        names.ShouldBeUnique();
        names.ShouldBe(["plain", "jvp", "gradient", "compiled-gradient", "hvp", "hvp-reverse-over-forward", "hvp-reverse-over-reverse", "hvp-finite-difference", "hvp-operator", "hvp-operator-create", "hessian-dense", "hessian-hvp"]);
    }
}
