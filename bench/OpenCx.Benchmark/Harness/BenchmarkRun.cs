using System;
using System.Collections.Generic;
using System.Globalization;

namespace OpenCx.Benchmark.Harness;

/// <summary>What one run of the benchmark is asked to do, and the results it has so far.</summary>
internal sealed class BenchmarkRun
{
    public BenchmarkRun(int sessions, int repeats)
    {
        Sessions = sessions;
        Repeats = repeats;
    }

    /// <summary>N: the sessions the floor and the large memory run stream.</summary>
    public int Sessions { get; }

    /// <summary>How many times each timed measurement is repeated.</summary>
    public int Repeats { get; }

    public List<Result> Results { get; } = new();

    public static void Heading(string text)
    {
        Console.WriteLine();
        Console.WriteLine(text);
    }

    public static void Detail(FormattableString line) => Console.WriteLine("  " + line.ToString(CultureInfo.InvariantCulture));

    /// <summary>Starts a timed pass from a collected heap, so that it does not pay for the last one's garbage.</summary>
    public static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    public static string Percent(double ratio) => ratio.ToString("P1", CultureInfo.InvariantCulture).Replace(" ", string.Empty, StringComparison.Ordinal);
}
