using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading.Tasks;
using OpenCx.Benchmark.Harness;

namespace OpenCx.Benchmark.Scenarios;

/// <summary>
/// 1. The cmdlet's sessions per second against the plain C# loop's, over the same N sessions, and
/// the module's walk driven from C# beside them (how much of the gap is PowerShell's).
/// </summary>
internal static class FloorScenario
{
    private const double Goal = 0.95;

    public static async Task RunAsync(BenchmarkRun run, SandboxProcess server, HostedModule module)
    {
        BenchmarkRun.Heading($"1. Floor: Get-OpenCxSession | Out-Null vs a plain C# loop, N = {run.Sessions:N0}");
        using var loop = new PlainLoop(server.BaseUri);
        var sides = new List<(string Name, Func<Task<long>> ReadAll)>
        {
            ("floor", () => loop.ReadAllAsync(PlainLoop.NewestFirst(), 100)),
            ("walk", () => ModuleWalk.ReadAllAsync(server.BaseUri, 100)),
            ("cmdlet", () => Task.FromResult(Convert.ToInt64(module.Run("(Get-OpenCxSession | Measure-Object).Count")[0].BaseObject))),
        };

        // The first pass of each warms up both processes and checks that each reads all N.
        foreach ((string name, Func<Task<long>> readAll) in sides)
        {
            long count = await readAll();
            if (count != run.Sessions)
            {
                throw new InvalidOperationException($"Expected {run.Sessions} sessions; the {name} read {count}.");
            }
        }

        Task<long> Cmdlet()
        {
            module.Run("Get-OpenCxSession | Out-Null");
            return Task.FromResult((long)run.Sessions);
        }

        sides[2] = ("cmdlet", Cmdlet);

        var rates = new Dictionary<string, Samples> { ["floor"] = new(), ["walk"] = new(), ["cmdlet"] = new() };

        // The client's processor time per pass (the server is another process): steadier than the
        // rates, and it says what each side costs, whether or not read-ahead hides it.
        var cpu = new Dictionary<string, Samples> { ["floor"] = new(), ["walk"] = new(), ["cmdlet"] = new() };
        var serverCpu = new Dictionary<string, Samples> { ["floor"] = new(), ["walk"] = new(), ["cmdlet"] = new() };
        var ratios = new Samples();
        var walkRatios = new Samples();
        for (int i = 0; i < run.Repeats; i++)
        {
            // Every other pass the other way round: a side measured right after another meets the
            // machine as that one left it (the server's garbage, the clock of the cores).
            var pass = new Dictionary<string, double>();
            for (int s = 0; s < sides.Count; s++)
            {
                (string name, Func<Task<long>> readAll) = sides[i % 2 == 0 ? s : sides.Count - 1 - s];
                BenchmarkRun.Settle();
                TimeSpan processorBefore = Process.GetCurrentProcess().TotalProcessorTime;
                TimeSpan serverBefore = server.ProcessorTime;
                var watch = Stopwatch.StartNew();
                await readAll();
                pass[name] = run.Sessions / watch.Elapsed.TotalSeconds;
                rates[name].Add(pass[name]);
                cpu[name].Add((Process.GetCurrentProcess().TotalProcessorTime - processorBefore).TotalMilliseconds);
                serverCpu[name].Add((server.ProcessorTime - serverBefore).TotalMilliseconds);
            }

            ratios.Add(pass["cmdlet"] / pass["floor"]);
            walkRatios.Add(pass["walk"] / pass["floor"]);
            BenchmarkRun.Detail($"run {i + 1}: floor {pass["floor"]:N0} sessions/s, walk {pass["walk"]:N0} ({BenchmarkRun.Percent(pass["walk"] / pass["floor"])}), cmdlet {pass["cmdlet"]:N0} sessions/s, ratio {BenchmarkRun.Percent(pass["cmdlet"] / pass["floor"])}");
        }

        run.Results.Add(new Result(
            "1. Floor (sessions/s)",
            $"cmdlet {rates["cmdlet"].Format("N0", "")}vs floor {rates["floor"].Format("N0", "")}",
            $"{BenchmarkRun.Percent(ratios.Median)} ({BenchmarkRun.Percent(ratios.Min)}-{BenchmarkRun.Percent(ratios.Max)})",
            $">= {BenchmarkRun.Percent(Goal)}",
            ratios.Median >= Goal));
        BenchmarkRun.Detail($"client processor time per pass (median): floor {cpu["floor"].Median:N0} ms, walk {cpu["walk"].Median:N0} ms, cmdlet {cpu["cmdlet"].Median:N0} ms");
        BenchmarkRun.Detail($"server processor time per pass (median): floor {serverCpu["floor"].Median:N0} ms, walk {serverCpu["walk"].Median:N0} ms, cmdlet {serverCpu["cmdlet"].Median:N0} ms");
        run.Results.Add(new Result(
            "1b. The walk from C#, no PowerShell",
            $"walk {rates["walk"].Format("N0", "")}vs floor {rates["floor"].Format("N0", "")}",
            $"{BenchmarkRun.Percent(walkRatios.Median)} ({BenchmarkRun.Percent(walkRatios.Min)}-{BenchmarkRun.Percent(walkRatios.Max)})",
            "(for reference)",
            null));
    }
}
