using System;
using System.Collections.Generic;
using System.Linq;

namespace OpenCx.Benchmark.Harness;

/// <summary>One line of the summary: what was compared, the ratio measured, and the goal.</summary>
internal sealed record Result(string Scenario, string Measured, string Ratio, string Goal, bool? Met);

/// <summary>The table printed at the end of a run (plain text that also reads as Markdown).</summary>
internal static class ResultTable
{
    private static readonly string[] Headings = { "Scenario", "Measured (min / median / max)", "Ratio", "Goal", "Met" };

    public static void Print(IReadOnlyList<Result> results)
    {
        var rows = results.Select(r => new[] { r.Scenario, r.Measured, r.Ratio, r.Goal, r.Met switch { true => "yes", false => "NO", null => "-" } }).ToList();
        int[] widths = Enumerable.Range(0, Headings.Length)
            .Select(i => Math.Max(Headings[i].Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length)))
            .ToArray();
        Console.WriteLine(Line(Headings, widths));
        Console.WriteLine(Line(widths.Select(w => new string('-', w)).ToArray(), widths));
        foreach (string[] row in rows)
        {
            Console.WriteLine(Line(row, widths));
        }
    }

    private static string Line(IReadOnlyList<string> cells, int[] widths) =>
        "| " + string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i]))) + " |";
}
