using System;
using System.Globalization;
using OpenCx.Benchmark.Harness;
using OpenCx.Benchmark.Probes;

namespace OpenCx.Benchmark.Scenarios;

/// <summary>3. Peak memory of a process that streams N sessions against one that streams 1,000.</summary>
internal static class MemoryScenario
{
    private const int Small = 1_000;
    private const int Held = 10_000;
    private const double GoalMegabytes = 20;

    public static void Run(BenchmarkRun run, SandboxProcess server)
    {
        BenchmarkRun.Heading($"3. Memory: peak while streaming {run.Sessions:N0} vs {Small:N0} sessions, each run in a fresh client process");
        var managed = new Samples[] { new(), new() };
        var workingSet = new Samples[] { new(), new() };
        int[] counts = { Small, run.Sessions };
        for (int i = 0; i < run.Repeats; i++)
        {
            for (int which = 0; which < counts.Length; which++)
            {
                double[] r = ChildProbe.Run(MemoryProbe.Name, server.BaseUri.ToString(), counts[which].ToString(CultureInfo.InvariantCulture));
                managed[which].Add(Megabytes(r[0]));
                workingSet[which].Add(Megabytes(r[1]));
                BenchmarkRun.Detail($"{counts[which],7:N0} sessions: peak managed {Megabytes(r[0]):0.0} MB (baseline {Megabytes(r[2]):0.0}), peak working set {Megabytes(r[1]):0.0} MB (baseline {Megabytes(r[3]):0.0}), largest heap after an ephemeral GC {Megabytes(r[6]):0.0} MB, GC commit {Megabytes(r[7]):+0.0;-0.0} MB, {r[8]:N0} methods compiled, retained at the end {Megabytes(r[4]):+0.00;-0.00} MB, {r[5]:N0} ms");
            }
        }

        var held = new Samples();
        for (int i = 0; i < Math.Min(run.Repeats, 3); i++)
        {
            held.Add(ChildProbe.Run(HeldProbe.Name, server.BaseUri.ToString(), Held.ToString(CultureInfo.InvariantCulture))[0]);
        }

        BenchmarkRun.Detail($"{Held:N0} sessions held in a variable: {held.Format("N0", "bytes")} per session, PowerShell's wrappers included");

        run.Results.Add(Growth("peak managed", managed, run.Sessions));
        run.Results.Add(Growth("peak working set", workingSet, run.Sessions));
        run.Results.Add(new Result(
            "3. Memory: held in a variable (bytes/session)",
            $"$held = Get-OpenCxSession -First {Held:N0}: {held.Format("N0", "")}",
            "-",
            "(reported)",
            null));
    }

    /// <summary>The row for one peak: the large run's against the small one's, medians compared.</summary>
    private static Result Growth(string what, Samples[] peaks, int sessions)
    {
        double growth = peaks[1].Median - peaks[0].Median;
        return new Result(
            $"3. Memory: {what} (MB)",
            $"{sessions:N0}: {peaks[1].Format("0.0", "")}vs {Small:N0}: {peaks[0].Format("0.0", "")}",
            $"{growth:+0.0;-0.0} MB",
            $"< {GoalMegabytes:0} MB growth",
            growth < GoalMegabytes);
    }

    private static double Megabytes(double bytes) => bytes / (1024 * 1024);
}
