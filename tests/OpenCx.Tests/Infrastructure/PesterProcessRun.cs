using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// The Pester suite, run once per test process in a real pwsh (PowerShell 7.6.10 from
/// .config/dotnet-tools.json, restored by the build of this project) with Pester from its NuGet
/// package, through tests/Invoke-PesterSuite.ps1: what became of each Pester test, read from the
/// result file it writes, and everything the process printed, for the failures.
/// </summary>
/// <remarks>
/// The run takes minutes (build.ps1 builds a copy of the repository), and most of it is the
/// process's own: <see cref="PesterFirstOrderer"/> starts it in the background as soon as the run's
/// order is settled, so that it runs beside the xunit classes, and this fixture waits for it.
/// </remarks>
public sealed class PesterProcessRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    private static readonly object Gate = new();

    private static Task<(int ExitCode, string Output, IReadOnlyList<PesterResult> Results)>? Started;

    public PesterProcessRun()
    {
        (ExitCode, Output, Results) = Start().GetAwaiter().GetResult();
    }

    /// <summary>Starts the run in the background, once per process; later calls return the same run.</summary>
    public static Task<(int ExitCode, string Output, IReadOnlyList<PesterResult> Results)> Start()
    {
        lock (Gate)
        {
            return Started ??= Task.Factory.StartNew(Execute, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    private static (int ExitCode, string Output, IReadOnlyList<PesterResult> Results) Execute()
    {
        string resultPath = Path.Combine(Path.GetTempPath(), $"opencx-pester-{Guid.NewGuid():N}.json");
        try
        {
            (int exitCode, string output) = Pwsh.Run(
                Timeout, "-File", Path.Combine(RepoPaths.Root, "tests", "Invoke-PesterSuite.ps1"),
                "-PesterManifest", PesterManifest, "-ResultPath", resultPath);
            return (exitCode, output, File.Exists(resultPath) ? Read(resultPath) : Array.Empty<PesterResult>());
        }
        finally
        {
            File.Delete(resultPath);
        }
    }

    /// <summary>Pester's manifest in the NuGet package the build downloaded (the version is pinned in OpenCx.Tests.csproj).</summary>
    public static string PesterManifest { get; } = typeof(PesterProcessRun).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "PesterManifest").Value!;

    public int ExitCode { get; }

    /// <summary>What pwsh printed: Pester's detailed output, then any error.</summary>
    public string Output { get; }

    public IReadOnlyList<PesterResult> Results { get; }

    private static PesterResult[] Read(string path)
    {
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        return JsonSerializer.Deserialize<PesterResult[]>(File.ReadAllText(path, Encoding.UTF8), options) ?? Array.Empty<PesterResult>();
    }
}

/// <summary>One entry of the result file: a test, or a block or file that failed outside any test.</summary>
public sealed record PesterResult(string Kind, string File, int Line, string Name, string Path, string Result, string Error);

/// <summary>The pwsh of .config/dotnet-tools.json, run as `dotnet pwsh` from the repository root.</summary>
public static class Pwsh
{
    public static (int ExitCode, string Output) Run(TimeSpan timeout, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotNet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (string argument in new[] { "pwsh", "-NoProfile", "-NonInteractive" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        // The build that runs this test set MSBuild's variables for its children: a dotnet build
        // that a Pester test starts must find its own SDK, not this one's state.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Append(output, $"pwsh was stopped after {timeout}.");
            return (-1, output.ToString());
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    /// <summary>The dotnet that runs these tests, so that the tool is the one its SDK restored.</summary>
    private static string DotNet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
