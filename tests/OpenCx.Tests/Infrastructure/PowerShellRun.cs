using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace OpenCx.Tests.Infrastructure;

/// <summary>Everything one script wrote: output and every stream, for assertions.</summary>
public sealed class PowerShellRun
{
    public PowerShellRun(IReadOnlyList<PSObject> output, PSDataStreams streams)
    {
        Output = output;
        Errors = streams.Error.ToList();
        Warnings = streams.Warning.Select(w => w.Message).ToList();
        Verbose = streams.Verbose.Select(v => v.Message).ToList();
        Debug = streams.Debug.Select(d => d.Message).ToList();
        Information = streams.Information.Select(i => i.MessageData?.ToString() ?? string.Empty).ToList();
        Progress = streams.Progress.ToList();
    }

    public IReadOnlyList<PSObject> Output { get; }

    public IReadOnlyList<ErrorRecord> Errors { get; }

    public IReadOnlyList<string> Warnings { get; }

    public IReadOnlyList<string> Verbose { get; }

    public IReadOnlyList<string> Debug { get; }

    public IReadOnlyList<string> Information { get; }

    public IReadOnlyList<ProgressRecord> Progress { get; }

    public IEnumerable<T> Objects<T>() => Output.Select(o => o.BaseObject).OfType<T>();

    /// <summary>Every text the run produced anywhere a user or a CI log could see it.</summary>
    public IEnumerable<string> AllText()
    {
        foreach (PSObject o in Output)
        {
            yield return o?.ToString() ?? string.Empty;
        }

        foreach (ErrorRecord e in Errors)
        {
            yield return e.ToString();
            yield return e.Exception.ToString();
            yield return e.ErrorDetails?.Message ?? string.Empty;
            yield return e.ErrorDetails?.RecommendedAction ?? string.Empty;
            yield return e.TargetObject?.ToString() ?? string.Empty;
            yield return e.CategoryInfo.ToString();
        }

        foreach (string s in Warnings.Concat(Verbose).Concat(Debug).Concat(Information))
        {
            yield return s;
        }

        foreach (ProgressRecord p in Progress)
        {
            yield return p.ToString();
        }
    }
}
