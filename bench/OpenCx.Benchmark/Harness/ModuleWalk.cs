using System;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;

namespace OpenCx.Benchmark.Harness;

/// <summary>
/// The module's own walk driven from C#: <see cref="SessionWalk"/> over an <see cref="OpenCxClient"/>,
/// newest first, read-ahead on, as Get-OpenCxSession runs it, without PowerShell. Between the
/// plain loop and the cmdlet, it tells how much of the gap is the client's and how much PowerShell's.
/// </summary>
internal static class ModuleWalk
{
    /// <summary>Reads every session and returns how many the walk wrote.</summary>
    public static async Task<long> ReadAllAsync(Uri baseUri, int pageSize)
    {
        using var client = new OpenCxClient(new OpenCxClientOptions(baseUri, new ApiKey(SandboxSettings.ApiKey)) { RateLimit = 100_000 });
        var walk = new SessionWalk(client, PlainLoop.NewestFirst(), new PagingBudget(0, ulong.MaxValue), new WalkOptions { PageSize = pageSize });
        long count = 0;
        while (await walk.NextAsync(null, CancellationToken.None).ConfigureAwait(false) is WalkPage page)
        {
            count += page.Sessions.Count;
        }

        return count;
    }
}
