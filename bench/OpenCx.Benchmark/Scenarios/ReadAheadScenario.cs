using System;
using System.Diagnostics;
using System.Threading.Tasks;
using OpenCx.Benchmark.Harness;

namespace OpenCx.Benchmark.Scenarios;

/// <summary>2. A slow server and a slow downstream: reading the next page while this one flows down should overlap them.</summary>
internal static class ReadAheadScenario
{
    private const double Goal = 0.6;
    private const int LatencyMs = 50;
    private const int Pages = 20;
    private const int PageSize = 100;

    // About 50 ms of downstream work per page: a pause after every page's last session.
    private static readonly string Script =
        $"Get-OpenCxSession -First {Pages * PageSize} | ForEach-Object -Begin {{ $n = 0 }} -Process {{ if ((++$n % {PageSize}) -eq 0) {{ Start-Sleep -Milliseconds {LatencyMs} }} }}";

    public static async Task RunAsync(BenchmarkRun run, HostedModule module)
    {
        BenchmarkRun.Heading($"2. Read-ahead: {LatencyMs} ms server latency per page, ~{LatencyMs} ms downstream per page, {Pages} pages, with vs without");
        using SandboxProcess server = await SandboxProcess.StartAsync(new SandboxSettings(Pages * PageSize * 2) { LatencyMs = LatencyMs });
        module.Connect(server.BaseUri);
        Time(module, readAhead: true);
        Time(module, readAhead: false);

        var with = new Samples();
        var without = new Samples();
        var ratios = new Samples();
        for (int i = 0; i < run.Repeats; i++)
        {
            double on = Time(module, readAhead: true);
            double off = Time(module, readAhead: false);
            with.Add(on);
            without.Add(off);
            ratios.Add(on / off);
        }

        BenchmarkRun.Detail($"with read-ahead {with.Format("N0", "ms")}; without {without.Format("N0", "ms")}");
        BenchmarkRun.Detail($"ideal with read-ahead: {Pages} x {LatencyMs} + {LatencyMs} = {(Pages + 1) * LatencyMs:N0} ms; without: {Pages} x {2 * LatencyMs} = {Pages * 2 * LatencyMs:N0} ms (ratio {(Pages + 1) / (2.0 * Pages):0.00})");
        run.Results.Add(new Result(
            "2. Read-ahead (ms)",
            $"with {with.Format("N0", "")}vs without {without.Format("N0", "")}",
            $"{ratios.Median:0.00} ({ratios.Min:0.00}-{ratios.Max:0.00})",
            $"<= {Goal:0.0}",
            ratios.Median <= Goal));
    }

    private static double Time(HostedModule module, bool readAhead)
    {
        var connection = (OpenCxConnection)module.Run("Get-OpenCxConnection")[0].BaseObject;
        connection.ReadAhead = readAhead;
        try
        {
            BenchmarkRun.Settle();
            var watch = Stopwatch.StartNew();
            module.Run(Script);
            return watch.Elapsed.TotalMilliseconds;
        }
        finally
        {
            connection.ReadAhead = true;
        }
    }
}
