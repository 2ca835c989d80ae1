using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OpenCx.Benchmark.Harness;

/// <summary>Repeated measurements of one quantity, summarised as min/median/max.</summary>
internal sealed class Samples
{
    private readonly List<double> values = new();

    public int Count => values.Count;

    public double Min => values.Min();

    public double Max => values.Max();

    public double Median
    {
        get
        {
            var sorted = values.OrderBy(v => v).ToList();
            int middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public void Add(double value) => values.Add(value);

    /// <summary>"min / median / max unit", or the one value when there is only one.</summary>
    public string Format(string format, string unit) => Count == 1
        ? $"{Str(values[0], format)} {unit}"
        : $"{Str(Min, format)} / {Str(Median, format)} / {Str(Max, format)} {unit}";

    private static string Str(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
