using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime;
using System.Runtime.InteropServices;
using OpenCx.Commands;

namespace OpenCx.Benchmark.Harness;

/// <summary>The lines that say what the numbers were measured on.</summary>
internal static class MachineReport
{
    public static void Print(BenchmarkRun run, HostedModule module)
    {
        string powerShell = module.Run("$PSVersionTable.PSVersion.ToString()")[0].ToString();
        Console.WriteLine("OpenCx benchmark");
        Console.WriteLine($"  machine:    {Cpu()}, {Environment.ProcessorCount} logical cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB; {RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture}");
        Console.WriteLine($"  runtime:    {RuntimeInformation.FrameworkDescription}, PowerShell {powerShell} hosted in-process, {(GCSettings.IsServerGC ? "server" : "workstation")} GC{(GCSettings.LatencyMode == GCLatencyMode.Interactive ? " (concurrent)" : string.Empty)}");
        Console.WriteLine($"  module:     {BenchmarkPaths.ModuleManifest} ({Configuration(typeof(GetOpenCxSessionCommand).Assembly)} build); benchmark {Configuration(typeof(MachineReport).Assembly)} build");
        Console.WriteLine($"  server:     the sandbox as a separate process on 127.0.0.1 ({BenchmarkPaths.SandboxServer})");
        Console.WriteLine($"  N:          {run.Sessions:N0} sessions; timed passes repeated {run.Repeats} times (min / median / max)");
        Console.WriteLine($"  load:       {LoadAverage()} (other processes on these cores move the numbers)");
    }

    /// <summary>The 1, 5 and 15 minute load averages where the system reports them.</summary>
    public static string LoadAverage()
    {
        const string loadAverage = "/proc/loadavg";
        return File.Exists(loadAverage)
            ? string.Join(' ', File.ReadAllText(loadAverage).Split(' ').Take(3))
            : "unknown";
    }

    private static string Configuration(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "unknown";

    private static string Cpu()
    {
        const string cpuInfo = "/proc/cpuinfo";
        string? model = File.Exists(cpuInfo)
            ? File.ReadLines(cpuInfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return model ?? RuntimeInformation.ProcessArchitecture.ToString();
    }
}
