using OpenCx.Benchmark.Harness;
using OpenCx.Benchmark.Probes;

namespace OpenCx.Benchmark.Scenarios;

/// <summary>6. Import-Module of out/OpenCx/OpenCx.psd1 in a fresh runspace: first in a process, and again.</summary>
internal static class ImportScenario
{
    private const int ColdRuns = 5;
    private const int WarmRuns = 10;

    public static void Run(BenchmarkRun run)
    {
        BenchmarkRun.Heading($"6. Import-Module in a fresh runspace: {ColdRuns} fresh processes, then {WarmRuns} runspaces of this process");
        var cold = new Samples();
        for (int i = 0; i < ColdRuns; i++)
        {
            cold.Add(ChildProbe.Run(ImportProbe.Name)[0]);
        }

        var warm = new Samples();
        for (int i = 0; i < WarmRuns; i++)
        {
            warm.Add(ImportProbe.TimeImport());
        }

        BenchmarkRun.Detail($"first import in a process {cold.Format("0.0", "ms")}; in a further runspace {warm.Format("0.0", "ms")}");
        run.Results.Add(new Result("6. Import-Module, fresh process (ms)", cold.Format("0.0", ""), "-", "(reported)", null));
        run.Results.Add(new Result("6. Import-Module, further runspace (ms)", warm.Format("0.0", ""), "-", "(reported)", null));
    }
}
