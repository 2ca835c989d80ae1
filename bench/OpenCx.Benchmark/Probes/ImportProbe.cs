using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using OpenCx.Benchmark.Harness;

namespace OpenCx.Benchmark.Probes;

/// <summary>Import-Module of the built module, timed in a runspace of a fresh process or of this one.</summary>
internal static class ImportProbe
{
    public const string Name = "probe-import";

    /// <summary>In a fresh process: prints the milliseconds of the first import.</summary>
    public static int Run()
    {
        ChildProbe.Report(TimeImport());
        return 0;
    }

    /// <summary>
    /// Opens a runspace and runs one unrelated command first (the engine is up, as it is in a
    /// shell), then times Import-Module alone.
    /// </summary>
    public static double TimeImport()
    {
        using Runspace runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        Invoke(runspace, "$null = Get-Date");
        var watch = Stopwatch.StartNew();
        Invoke(runspace, $"Import-Module '{BenchmarkPaths.ModuleManifest}' -ErrorAction Stop");
        return watch.Elapsed.TotalMilliseconds;
    }

    private static void Invoke(Runspace runspace, string script)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script).Invoke();
    }
}
