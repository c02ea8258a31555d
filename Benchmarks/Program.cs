using BenchmarkDotNet.Running;
using DualAutodiff.Benchmarks;

// dotnet run -c Release --project Benchmarks -- --quick        Stopwatch harness, < 60 s, writes peers/results/dualautodiff.txt
// dotnet run -c Release --project Benchmarks -- --plot         Rosenbrock scaling, writes results/scaling.{txt,png}
// dotnet run -c Release --project Benchmarks -- --redraw       scaling.png again from scaling.txt and the peers' files
// dotnet run -c Release --project Benchmarks -- --report       README tables (summary, targets) from the result files
// dotnet run -c Release --project Benchmarks [-- --filter ...] BenchmarkDotNet (MemoryDiagnoser), all classes or a filter
if (args.Contains("--quick"))
{
    return QuickMode.Run(Console.Out);
}

if (args.Contains("--plot"))
{
    ScalingPlot.Run(Console.Out);
    return 0;
}

if (args.Contains("--redraw"))
{
    ScalingPlot.Redraw(Console.Out);
    return 0;
}

if (args.Contains("--report"))
{
    Summary.Print(Load("dualautodiff"), Load("torch"), Load("adolc"), Console.Out);
    Console.WriteLine();
    Targets.Print(Load("dualautodiff"), Load("torch"), Load("adolc"), Console.Out);
    return 0;
}

// With no arguments, run every class instead of asking interactively which one.
BenchmarkSwitcher.FromAssembly(typeof(WorkloadBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
return 0;

static ResultSet Load(string name) => ResultSet.Load(Path.Combine(RepositoryPaths.PeerResults, name + ".txt"));
