using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OpenCx.Benchmark.Harness;

/// <summary>Repeated measurements of one quantity, summarised as min/median/max.</summary>
internal sealed class Samples
{
    private readonly List<double> _values = new();

    public int Count => _values.Count;

    public double Min => _values.Min();

    public double Max => _values.Max();

    public double Median
    {
        get
        {
            var sorted = _values.OrderBy(v => v).ToList();
            int middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public void Add(double value) => _values.Add(value);

    /// <summary>"min / median / max unit", or the one value when there is only one.</summary>
    public string Format(string format, string unit) => Count == 1
        ? $"{Str(_values[0], format)} {unit}"
        : $"{Str(Min, format)} / {Str(Median, format)} / {Str(Max, format)} {unit}";

    private static string Str(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
