using System;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading.Tasks;
using OpenCx.Benchmark.Harness;

namespace OpenCx.Benchmark.Scenarios;

/// <summary>
/// 4. How long after Enter the first session reaches the end of the pipeline, against one bare
/// request: on bare loopback, where a round trip is well under a millisecond and fixed costs
/// dominate, and behind a server that takes <see cref="NetworkLatencyMs"/> to answer, as a real API does.
/// </summary>
internal static class FirstObjectScenario
{
    private const double Goal = 1.2;
    private const int Rounds = 25;
    private const int NetworkLatencyMs = 20;
    private const string Script = "Get-OpenCxSession | Select-Object -First 1";

    // The same pipeline with a command that sends nothing: what PowerShell itself costs.
    private const string PowerShellFloor = "Get-OpenCxConnection | Select-Object -First 1";

    public static async Task RunAsync(BenchmarkRun run, SandboxProcess loopback, HostedModule module)
    {
        BenchmarkRun.Heading($"4. Time to first object: '{Script}' vs one request's round trip (POST, whole 100-session body read), {Rounds} rounds");
        await MeasureAsync(run, module, loopback, "loopback");

        using SandboxProcess slow = await SandboxProcess.StartAsync(new SandboxSettings(10_000) { LatencyMs = NetworkLatencyMs });
        module.Connect(slow.BaseUri);
        try
        {
            await MeasureAsync(run, module, slow, $"{NetworkLatencyMs} ms server");
        }
        finally
        {
            module.Connect(loopback.BaseUri);
        }
    }

    private static async Task MeasureAsync(BenchmarkRun run, HostedModule module, SandboxProcess server, string label)
    {
        using var loop = new PlainLoop(server.BaseUri);
        for (int i = 0; i < 5; i++)
        {
            await loop.RoundTripAsync(PlainLoop.NewestFirst(), 100);
            FirstObject(module, Script);
            FirstObject(module, PowerShellFloor);
        }

        var roundTrips = new Samples();
        var firstObjects = new Samples();
        var powerShell = new Samples();
        for (int i = 0; i < Rounds; i++)
        {
            roundTrips.Add((await loop.RoundTripAsync(PlainLoop.NewestFirst(), 100)).TotalMilliseconds);
            firstObjects.Add(FirstObject(module, Script).TotalMilliseconds);
            powerShell.Add(FirstObject(module, PowerShellFloor).TotalMilliseconds);
        }

        double ratio = firstObjects.Median / roundTrips.Median;
        BenchmarkRun.Detail($"{label}: round trip {roundTrips.Format("0.00", "ms")}; first object {firstObjects.Format("0.00", "ms")}; ratio of medians {ratio:0.00}x");
        BenchmarkRun.Detail($"{label}: fixed cost (medians) {firstObjects.Median - roundTrips.Median:0.00} ms, of which PowerShell's own pipeline ('{PowerShellFloor}') {powerShell.Median:0.00} ms");
        run.Results.Add(new Result(
            $"4. Time to first object, {label} (ms)",
            $"first object {firstObjects.Format("0.00", "")}vs round trip {roundTrips.Format("0.00", "")}",
            $"{ratio:0.00}x",
            $"<= {Goal:0.0}x",
            ratio <= Goal));
    }

    private static TimeSpan FirstObject(HostedModule module, string script)
    {
        var output = new PSDataCollection<PSObject>();
        long first = 0;
        output.DataAdded += (_, _) =>
        {
            if (first == 0)
            {
                first = Stopwatch.GetTimestamp();
            }
        };
        long start = Stopwatch.GetTimestamp();
        module.Run(script, output);
        return first != 0
            ? Stopwatch.GetElapsedTime(start, first)
            : throw new InvalidOperationException($"'{script}' wrote nothing, so there is no first object to time.");
    }
}
