using System;
using System.Diagnostics;
using System.Threading.Tasks;
using OpenCx.Benchmark.Harness;

namespace OpenCx.Benchmark.Scenarios;

/// <summary>1. The cmdlet's sessions per second against the plain C# loop's, over the same N sessions.</summary>
internal static class FloorScenario
{
    private const double Goal = 0.80;

    public static async Task RunAsync(BenchmarkRun run, SandboxProcess server, HostedModule module)
    {
        BenchmarkRun.Heading($"1. Floor: Get-OpenCxSession | Out-Null vs a plain C# loop, N = {run.Sessions:N0}");
        using var loop = new PlainLoop(server.BaseUri);

        // The first pass of each warms up both processes and checks that both read all N.
        long floorCount = await loop.ReadAllAsync(PlainLoop.NewestFirst(), 100);
        long cmdletCount = Convert.ToInt64(module.Run("(Get-OpenCxSession | Measure-Object).Count")[0].BaseObject);
        if (floorCount != run.Sessions || cmdletCount != run.Sessions)
        {
            throw new InvalidOperationException($"Expected {run.Sessions} sessions; the floor read {floorCount}, the cmdlet {cmdletCount}.");
        }

        var floor = new Samples();
        var cmdlet = new Samples();
        var ratios = new Samples();
        for (int i = 0; i < run.Repeats; i++)
        {
            BenchmarkRun.Settle();
            var watch = Stopwatch.StartNew();
            await loop.ReadAllAsync(PlainLoop.NewestFirst(), 100);
            double floorRate = run.Sessions / watch.Elapsed.TotalSeconds;

            BenchmarkRun.Settle();
            watch.Restart();
            module.Run("Get-OpenCxSession | Out-Null");
            double cmdletRate = run.Sessions / watch.Elapsed.TotalSeconds;

            floor.Add(floorRate);
            cmdlet.Add(cmdletRate);
            ratios.Add(cmdletRate / floorRate);
            BenchmarkRun.Detail($"run {i + 1}: floor {floorRate:N0} sessions/s, cmdlet {cmdletRate:N0} sessions/s, ratio {BenchmarkRun.Percent(cmdletRate / floorRate)}");
        }

        run.Results.Add(new Result(
            "1. Floor (sessions/s)",
            $"cmdlet {cmdlet.Format("N0", "")}vs floor {floor.Format("N0", "")}",
            $"{BenchmarkRun.Percent(ratios.Median)} ({BenchmarkRun.Percent(ratios.Min)}-{BenchmarkRun.Percent(ratios.Max)})",
            $">= {BenchmarkRun.Percent(Goal)}",
            ratios.Median >= Goal));
    }
}
