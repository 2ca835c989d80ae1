using System;
using System.Globalization;
using System.Threading.Tasks;
using OpenCx.Benchmark.Harness;
using OpenCx.Benchmark.Probes;
using OpenCx.Benchmark.Scenarios;

namespace OpenCx.Benchmark;

/// <summary>
/// dotnet run -c Release --project bench/OpenCx.Benchmark [-- --sessions N] [--repeat K]
/// Every scenario runs against the sandbox server started as a child process on 127.0.0.1,
/// and prints its details as it goes, then the table of ratios.
/// </summary>
internal static class Program
{
    private const string Usage = "Usage: dotnet run -c Release --project bench/OpenCx.Benchmark [-- [--sessions N] [--repeat K]]";

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == MemoryProbe.Name)
        {
            return MemoryProbe.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == ImportProbe.Name)
        {
            return ImportProbe.Run();
        }

        int sessions = 100_000;
        int repeats = 5;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sessions" when i + 1 < args.Length:
                    sessions = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--repeat" when i + 1 < args.Length:
                    repeats = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        var run = new BenchmarkRun(sessions, repeats);
        using var module = new HostedModule();
        MachineReport.Print(run, module);
        using (SandboxProcess server = await SandboxProcess.StartAsync(new SandboxSettings(sessions)))
        {
            module.Connect(server.BaseUri, 100_000, TimeSpan.FromMinutes(1));
            await FloorScenario.RunAsync(run, server, module);
            await FirstObjectScenario.RunAsync(run, server, module);
            MemoryScenario.Run(run, server);
        }

        await ReadAheadScenario.RunAsync(run, module);
        await RateLimitScenario.RunAsync(run, module);
        ImportScenario.Run(run);

        BenchmarkRun.Heading($"Summary (load average now {MachineReport.LoadAverage()})");
        run.Results.Sort((a, b) => string.CompareOrdinal(a.Scenario, b.Scenario));
        ResultTable.Print(run.Results);
        return 0;
    }
}
