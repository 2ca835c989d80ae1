using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Querying;

namespace OpenCx.Tests.Querying.Model;

/// <summary>
/// What the regression tests keep of a walk read as the cmdlet reads it: every session its pages
/// wrote and every warning they carried, over one walk or a walk and its resumption.
/// </summary>
internal sealed class WalkRecord
{
    public List<ChatSession> Written { get; } = new List<ChatSession>();

    public List<string> Warnings { get; } = new List<string>();

    /// <summary>The written sessions' creation times, in ms after <see cref="ModelChecks.T0"/>.</summary>
    public IEnumerable<double> WrittenMs => Written.Select(s => (s.CreatedAt - ModelChecks.T0).TotalMilliseconds);

    /// <summary>Reads <paramref name="walk"/> to its end; <paramref name="afterPage"/>, when given, changes the server between pages.</summary>
    public async Task ReadToEndAsync(SessionWalk walk, System.Action? afterPage = null)
    {
        while (await walk.NextAsync(null, CancellationToken.None) is WalkPage page)
        {
            Add(page);
            afterPage?.Invoke();
        }
    }

    /// <summary>Keeps one page's sessions and warnings.</summary>
    public WalkPage Add(WalkPage page)
    {
        Written.AddRange(page.Sessions);
        Warnings.AddRange(page.Warnings);
        return page;
    }

    /// <summary>For a failed assertion: what was written and said.</summary>
    public override string ToString() =>
        $"Wrote {string.Join(", ", WrittenMs)} (ms); warned: {(Warnings.Count == 0 ? "nothing" : string.Join(" / ", Warnings))}.";
}
