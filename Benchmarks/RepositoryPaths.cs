namespace DualAutodiff.Benchmarks;

/// <summary>Where the benchmark reads and writes files, found from the repository root (the folder holding
/// <c>DualAutodiff.sln</c>), so the program works from any current directory inside the repository.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => s_root.Value;

    /// <summary><c>Benchmarks/peers/results</c>: every implementation's result file and the peers' logs.</summary>
    public static string PeerResults => Path.Combine(Root, "Benchmarks", "peers", "results");

    /// <summary><c>Benchmarks/peers/build</c> (git-ignored): full result vectors for <c>compare.py</c>.</summary>
    public static string PeerBuild => Path.Combine(Root, "Benchmarks", "peers", "build");

    /// <summary><c>Benchmarks/results</c>: the scaling plot and its data.</summary>
    public static string Results => Path.Combine(Root, "Benchmarks", "results");

    private static string FindRoot()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DualAutodiff.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("DualAutodiff.sln not found above the current directory or the program: run the benchmarks from inside the repository.");
    }
}
