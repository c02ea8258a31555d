using BenchmarkDotNet.Running;
using DualAutodiff.Benchmarks;

// dotnet run -c Release --project Benchmarks -- --quick        Stopwatch harness, < 60 s, writes peers/results/dualautodiff.txt
//                                                   [--repeat R]  R rounds, smallest median per case (as run-peers.sh)
// dotnet run -c Release --project Benchmarks -- --engine [--repeat R]  plain, JVP, gradient, H·v on chained Rosenbrock vs Sacado
// dotnet run -c Release --project Benchmarks -- --compiled     compiled gradient (replay) vs Reverse.Gradient, Hessian operator vs Hvp.Compute [--repeat R] [--adolc FILE]
// dotnet run -c Release --project Benchmarks -- --kernels      kernel workloads vs scalar ones vs PyTorch, Kernels vs TensorPrimitives
//                                                   [--repeat R]  writes peers/results/kernels.txt
// dotnet run -c Release --project Benchmarks -- --special      special functions: double vs Var<double> per call
// dotnet run -c Release --project Benchmarks -- --chunks [--repeat R]  chunk mode: forward gradient and k H·v, n = 1000
// dotnet run -c Release --project Benchmarks -- --jvp [--repeat R]     Forward.Jvp / plain on chained Rosenbrock
// dotnet run -c Release --project Benchmarks -- --sparse [--repeat R]  sparse Hessians: Prepare, Evaluate vs one H·v
// dotnet run -c Release --project Benchmarks -- --sparse-patterns DIR  patterns + colour counts for peers/colpack_peer.cpp
// dotnet run -c Release --project Benchmarks -- --plot         Rosenbrock scaling, writes results/scaling.{txt,png}
// dotnet run -c Release --project Benchmarks -- --redraw       scaling.png again from scaling.txt and the peers' files
// dotnet run -c Release --project Benchmarks -- --report       README tables (summary, targets) from the result files
// dotnet run -c Release --project Benchmarks [-- --filter ...] BenchmarkDotNet (MemoryDiagnoser), all classes or a filter
if (args.Contains("--quick"))
{
    int at = Array.IndexOf(args, "--repeat");
    return QuickMode.Run(Console.Out, at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 1);
}

if (args.Contains("--chunks"))
{
    int at = Array.IndexOf(args, "--repeat");
    ChunkCost.Run(Console.Out, at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 1);
    return 0;
}

if (args.Contains("--jvp"))
{
    int at = Array.IndexOf(args, "--repeat");
    JvpCost.Run(Console.Out, at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 1);
    return 0;
}

if (args.Contains("--engine"))
{
    int at = Array.IndexOf(args, "--repeat");
    EngineCost.Run(Console.Out, at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 1);
    return 0;
}

if (args.Contains("--compiled"))
{
    int at = Array.IndexOf(args, "--repeat");
    int peer = Array.IndexOf(args, "--adolc");
    CompiledCost.Run(Console.Out, at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 1, peer >= 0 && peer + 1 < args.Length ? args[peer + 1] : null);
    return 0;
}

if (args.Contains("--kernels"))
{
    int at = Array.IndexOf(args, "--repeat");
    return KernelComparison.Run(Console.Out, at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 1);
}

if (args.Contains("--special"))
{
    SpecialCost.Run(Console.Out);
    return 0;
}

if (args.Contains("--sparse-patterns"))
{
    int at = Array.IndexOf(args, "--sparse-patterns");
    SparsePatterns.Write(at + 1 < args.Length ? args[at + 1] : "patterns", Console.Out);
    return 0;
}

if (args.Contains("--sparse"))
{
    int at = Array.IndexOf(args, "--repeat");
    SparseCost.Run(Console.Out, at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 1);
    return 0;
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
    Summary.PrintSacado(Load("dualautodiff"), Load("sacado"), Console.Out);
    Console.WriteLine();
    Targets.Print(Load("dualautodiff"), Load("torch"), Load("adolc"), Console.Out);
    return 0;
}

// With no arguments, run every class instead of asking interactively which one.
BenchmarkSwitcher.FromAssembly(typeof(WorkloadBenchmarks).Assembly).Run(args.Length == 0 ? ["--filter", "*"] : args);
return 0;

static ResultSet Load(string name) => ResultSet.Load(Path.Combine(RepositoryPaths.PeerResults, name + ".txt"));
