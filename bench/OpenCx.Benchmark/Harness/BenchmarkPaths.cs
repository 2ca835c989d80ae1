using System;
using System.IO;
using System.Linq;
using System.Reflection;

namespace OpenCx.Benchmark.Harness;

/// <summary>Where the build put what the benchmark runs: written into this assembly by the project file.</summary>
internal static class BenchmarkPaths
{
    public static string ModuleManifest { get; } = Metadata("ModuleManifestPath");

    public static string SandboxServer { get; } = Metadata("SandboxServerPath");

    /// <summary>The command line that starts this program again, for the probes that need a fresh process.</summary>
    public static (string FileName, string[] Prefix) Self()
    {
        string process = Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");
        // Under "dotnet OpenCx.Benchmark.dll" the process is the host; under the apphost it is the program.
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, new[] { typeof(BenchmarkPaths).Assembly.Location })
            : (process, Array.Empty<string>());
    }

    private static string Metadata(string key)
    {
        string path = typeof(BenchmarkPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build the solution in the same configuration first.", path);
    }
}
