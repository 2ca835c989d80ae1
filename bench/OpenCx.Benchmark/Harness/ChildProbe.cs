using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace OpenCx.Benchmark.Harness;

/// <summary>
/// Runs one probe of this program in a fresh process (a cold engine, or a heap that holds only
/// what one run put there) and reads back the numbers it prints on its RESULT line.
/// </summary>
internal static class ChildProbe
{
    public const string ResultPrefix = "RESULT ";

    public static double[] Run(params string[] arguments)
    {
        (string fileName, string[] prefix) = BenchmarkPaths.Self();
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in prefix.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using Process child = Process.Start(start) ?? throw new InvalidOperationException("The probe did not start.");
        Task<string> errors = child.StandardError.ReadToEndAsync();
        string output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        string? line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null)
        {
            throw new InvalidOperationException($"The probe '{string.Join(' ', arguments)}' failed ({child.ExitCode}): {output}{errors.Result}");
        }

        return line.Substring(ResultPrefix.Length)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture))
            .ToArray();
    }

    /// <summary>What a probe prints for <see cref="Run"/> to read.</summary>
    public static void Report(params double[] values) =>
        Console.WriteLine(ResultPrefix + string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
}
