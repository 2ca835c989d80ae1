using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using OpenCx.Benchmark.Harness;
using OpenCx.Client.Wire;
using OpenCx.Sandbox;

namespace OpenCx.Benchmark.Scenarios;

/// <summary>
/// 5. A server that allows R requests per window W, and a connection told the same budget: in
/// steady state the module should turn every allowed request into a full page, never show a 429,
/// and lose or repeat no session.
/// </summary>
/// <remarks>
/// The first window's R requests go out at once (the budget starts full), so throughput is taken
/// in steady state: the sessions that arrive from the start of window 2 to the start of window
/// M + 1, over that time. The rules allow (M - 1) x R x page size of them in (M - 1) x W, no
/// faster. A window starts where the sessions stop arriving for more than half a window.
/// </remarks>
internal static class RateLimitScenario
{
    private const double Goal = 0.97;
    private const int Requests = 20;
    private const int WindowSeconds = 5;
    private const int Windows = 5;
    private const int PageSize = 100;
    private const int Pages = Windows * Requests + 1;
    private const int DataSetSize = 20_000;

    public static async Task RunAsync(BenchmarkRun run, HostedModule module)
    {
        BenchmarkRun.Heading($"5. Rate-limited throughput: server allows {Requests} requests per {WindowSeconds} s (the API's 100/min scaled up), {Pages} pages");
        using SandboxProcess server = await SandboxProcess.StartAsync(new SandboxSettings(DataSetSize)
        {
            RateLimit = Requests,
            RateWindowSeconds = WindowSeconds,
            LogRequests = true,
        });

        // Warm the server's code paths, then let its window empty.
        using (var loop = new PlainLoop(server.BaseUri))
        {
            for (int i = 0; i < 3; i++)
            {
                await loop.RoundTripAsync(PlainLoop.NewestFirst(), PageSize);
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(WindowSeconds + 1));
        server.ClearCounts();
        module.Connect(server.BaseUri, Requests, WindowSeconds);

        var output = new PSDataCollection<PSObject>();
        var arrivals = new List<TimeSpan>(Pages * PageSize);
        var watch = Stopwatch.StartNew();
        output.DataAdded += (_, _) => arrivals.Add(watch.Elapsed);
        IReadOnlyList<ErrorRecord> errors = module.RunCollectingErrors($"Get-OpenCxSession -First {Pages * PageSize}", output);
        TimeSpan total = watch.Elapsed;

        var received = output.Select(o => ((ChatSession)o.BaseObject).Id).ToList();
        var truth = Truth().Take(Pages * PageSize).ToList();
        int lost = truth.Except(received).Count();
        int repeated = received.Count - received.Distinct().Count();
        bool sameOrder = received.SequenceEqual(truth);

        int surfaced429 = errors.Count(e => e.ToString().Contains("429", StringComparison.Ordinal));
        int served429 = server.Answered("429");
        double allowed = (double)Requests * PageSize / WindowSeconds;
        List<int> windowStarts = WindowStarts(arrivals);
        double steady = double.NaN;
        if (windowStarts.Count > Windows)
        {
            int from = windowStarts[1];
            int to = windowStarts[Windows];
            steady = (to - from) / (arrivals[to] - arrivals[from]).TotalSeconds / allowed;
            BenchmarkRun.Detail($"windows began at {string.Join(", ", windowStarts.Select(i => $"{arrivals[i].TotalSeconds:0.000} s"))}");
        }

        BenchmarkRun.Detail($"{received.Count:N0} sessions in {total.TotalSeconds:0.00} s over {server.Answered("200")} requests; steady state {allowed * steady:0.0} sessions/s vs allowed {allowed:0.0} sessions/s");
        BenchmarkRun.Detail($"server answered {served429} x 429; errors surfaced: {errors.Count} ({surfaced429} mentioning 429)");
        BenchmarkRun.Detail($"against the truth: {lost} lost, {repeated} repeated, order {(sameOrder ? "identical" : "DIFFERENT")}");
        foreach (ErrorRecord error in errors.Take(3))
        {
            BenchmarkRun.Detail($"error: {error}");
        }

        bool clean = errors.Count == 0 && lost == 0 && repeated == 0 && received.Count == truth.Count;
        run.Results.Add(new Result(
            "5. Rate-limited (sessions/s)",
            $"{allowed * steady:0.0} vs allowed {allowed:0.0}; {served429} x 429 at server, {errors.Count} errors, {lost} lost, {repeated} repeated",
            BenchmarkRun.Percent(steady),
            $">= {BenchmarkRun.Percent(Goal)}, 0 surfaced, 0 lost",
            steady >= Goal && clean));
    }

    /// <summary>The index of the first session of each window: the first one, and each after a pause of more than half a window.</summary>
    private static List<int> WindowStarts(IReadOnlyList<TimeSpan> arrivals)
    {
        var starts = new List<int>();
        for (int i = 0; i < arrivals.Count; i++)
        {
            if (i == 0 || (arrivals[i] - arrivals[i - 1]).TotalSeconds > WindowSeconds / 2.0)
            {
                starts.Add(i);
            }
        }

        return starts;
    }

    /// <summary>Every session of the server's data set, newest created first: the same seed makes the same data here.</summary>
    private static IEnumerable<Guid> Truth()
    {
        var engine = new SandboxEngine(new SandboxDataOptions
        {
            SessionCount = DataSetSize,
            Seed = SandboxSettings.Seed,
            Now = SandboxSettings.DataNow,
        });
        return engine.MatchingIds(PlainLoop.Body(PlainLoop.NewestFirst(), 1, PageSize)).Select(Guid.Parse);
    }
}
