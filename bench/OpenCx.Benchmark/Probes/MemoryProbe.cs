using System;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Threading;
using OpenCx.Benchmark.Harness;

namespace OpenCx.Benchmark.Probes;

/// <summary>
/// In a fresh process: streams the first N sessions of a running sandbox server through
/// Get-OpenCxSession | Out-Null while a thread samples the managed heap and the working set.
/// </summary>
internal static class MemoryProbe
{
    public const string Name = "probe-memory";

    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// Prints: peak managed, peak working set, baseline managed, baseline working set, retained
    /// managed, elapsed ms, and the largest heap left after any ephemeral GC of the run: what
    /// survives, without the garbage generation 0 holds until it is collected. (A background
    /// generation-2 GC reports the allocations made while it ran, so it is left out.) Then, to
    /// tell the working set's parts apart: the growth of the memory the GC has committed, and
    /// the methods the JIT compiled during the run (tier-1 recompilations of hot code included).
    /// </summary>
    public static int Run(string[] args)
    {
        using HostedModule module = Prepare(args, out int first);
        long baselineManaged = Collected();
        long baselineWorkingSet = Environment.WorkingSet;
        long peakManaged = baselineManaged;
        long peakWorkingSet = baselineWorkingSet;
        long peakAfterCollection = baselineManaged;
        long baselineCommitted = GC.GetGCMemoryInfo().TotalCommittedBytes;
        long peakCommitted = baselineCommitted;
        long baselineMethods = JitInfo.GetCompiledMethodCount();
        using var done = new ManualResetEventSlim();
        var sampler = new Thread(() =>
        {
            do
            {
                peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
                peakWorkingSet = Math.Max(peakWorkingSet, Environment.WorkingSet);
                peakAfterCollection = Math.Max(peakAfterCollection, GC.GetGCMemoryInfo(GCKind.Ephemeral).HeapSizeBytes);
                peakCommitted = Math.Max(peakCommitted, GC.GetGCMemoryInfo().TotalCommittedBytes);
            }
            while (!done.Wait(SampleEvery));
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal };

        sampler.Start();
        var watch = Stopwatch.StartNew();
        module.Run($"Get-OpenCxSession -First {first} | Out-Null");
        double elapsed = watch.Elapsed.TotalMilliseconds;
        done.Set();
        sampler.Join();

        long compiled = JitInfo.GetCompiledMethodCount() - baselineMethods;
        long retained = Collected() - baselineManaged;
        ChildProbe.Report(peakManaged, peakWorkingSet, baselineManaged, baselineWorkingSet, retained, elapsed, peakAfterCollection, peakCommitted - baselineCommitted, compiled);
        return 0;
    }

    /// <summary>
    /// The module connected to the server named by the probe's arguments (its URI, then N), and
    /// one page already read, so that a baseline taken now holds the code and connection every
    /// run needs.
    /// </summary>
    internal static HostedModule Prepare(string[] args, out int first)
    {
        var baseUri = new Uri(args[0]);
        first = int.Parse(args[1], CultureInfo.InvariantCulture);
        var module = new HostedModule();
        module.Connect(baseUri);
        module.Run("Get-OpenCxSession -First 100 | Out-Null");
        return module;
    }

    internal static long Collected()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(true);
    }
}
