using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using OpenCx.Benchmark.Harness;
using OpenCx.Benchmark.Probes;
using OpenCx.Benchmark.Scenarios;

namespace OpenCx.Benchmark;

/// <summary>
/// dotnet run -c Release --project bench/OpenCx.Benchmark [-- [--sessions N] [--repeat K] [--only 1,3]]
/// Every scenario runs against the sandbox server started as a child process on 127.0.0.1,
/// and prints its details as it goes, then the table of ratios.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Usage: dotnet run -c Release --project bench/OpenCx.Benchmark [-- options]
          --sessions N   N for the floor and the large memory run (default 100000)
          --repeat K     timed passes per measurement (default 5)
          --only LIST    run only these scenarios, such as 1,3 (default: all six)
        """;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == MemoryProbe.Name)
        {
            return MemoryProbe.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == HeldProbe.Name)
        {
            return HeldProbe.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == ImportProbe.Name)
        {
            return ImportProbe.Run();
        }

        int sessions = 100_000;
        int repeats = 5;
        var only = new HashSet<int>();
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
                case "--only" when i + 1 < args.Length:
                    only.UnionWith(args[++i].Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)));
                    break;
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }

        bool Wants(int scenario) => only.Count == 0 || only.Contains(scenario);
        var run = new BenchmarkRun(sessions, repeats);
        using var module = new HostedModule();
        MachineReport.Print(run, module);
        if (Wants(1) || Wants(3) || Wants(4))
        {
            using SandboxProcess server = await SandboxProcess.StartAsync(new SandboxSettings(sessions));
            module.Connect(server.BaseUri);
            if (Wants(1))
            {
                await FloorScenario.RunAsync(run, server, module);
            }

            if (Wants(4))
            {
                await FirstObjectScenario.RunAsync(run, server, module);
            }

            if (Wants(3))
            {
                MemoryScenario.Run(run, server);
            }
        }

        if (Wants(2))
        {
            await ReadAheadScenario.RunAsync(run, module);
        }

        if (Wants(5))
        {
            await RateLimitScenario.RunAsync(run, module);
        }

        if (Wants(6))
        {
            ImportScenario.Run(run);
        }

        BenchmarkRun.Heading($"Summary (load average now {MachineReport.LoadAverage()})");
        run.Results.Sort((a, b) => string.CompareOrdinal(a.Scenario, b.Scenario));
        ResultTable.Print(run.Results);
        return 0;
    }
}
