using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using Xunit;
using static OpenCx.Tests.Querying.Model.EngineRegressions;

namespace OpenCx.Tests.Querying.Model;

/// <summary>
/// Counterexamples of <see cref="EngineProperties"/> around the checks of the order and the
/// fallback to page numbers, shrunk by hand (the others are in <see cref="EngineRegressions"/>).
/// </summary>
public sealed class EngineFallbackRegressions
{
    private static readonly DateTime T0 = ModelChecks.T0;

    /// <summary>
    /// CsCheck_Seed=88vjger3nuC1 (One_walk_...): a server that ignores the sort and orders by id
    /// returns a block of one instant first in both orders; -First is satisfied by the first page.
    /// The sort check then finds a session older than that block, yet the walk ended with neither
    /// the oldest sessions nor a warning (the warning came with no page).
    /// </summary>
    [Fact]
    public async Task A_first_page_that_only_looked_oldest_is_not_written_without_a_warning()
    {
        ModelSession older = Session(9, 1_000);
        ModelSession[] sessions = { Session(1, 5_000), Session(2, 5_000), Session(3, 5_000), older };
        var model = new FilterModel(sessions, ServerBehaviour.Plain with { IgnoreSort = true }, T0.AddMinutes(5), 1);
        using OpenCxClient client = model.Client();
        var query = new SessionQuery { SortBy = SessionSortField.CreatedAt, SortOrder = SessionSortOrder.Ascending };
        var walk = new SessionWalk(client, query, new PagingBudget(0, 3), new WalkOptions { PageSize = 3 });
        var written = new List<ChatSession>();
        var warnings = new List<string>();
        while (await walk.NextAsync(null, CancellationToken.None) is WalkPage page)
        {
            written.AddRange(page.Sessions);
            warnings.AddRange(page.Warnings);
        }

        Assert.True(
            written.Any(s => s.Id == older.Id) || warnings.Count > 0,
            $"Wrote {string.Join(", ", written.Select(s => (s.CreatedAt - T0).TotalMilliseconds))} (ms), not the oldest three, and no warning said why.{ModelChecks.Describe(model.Transcript)}");
    }

    /// <summary>
    /// CsCheck_Seed=5wzGDgvRMG81 (Interrupted_resumed_..., with servers that ignore the date
    /// range): a keyset walk stopped after its first page and resumed falls back to page numbers
    /// on its first request, and wrote the first page's sessions again: the position keeps only
    /// the ids at the boundary, and the deviating page holds the ones before it. Now the fallback
    /// of a server seen to sort remembers where the keyset walk stood (PassedBoundary).
    /// </summary>
    [Fact]
    public async Task A_walk_resumed_before_a_fallback_does_not_write_again_what_it_wrote()
    {
        ModelSession[] sessions = Enumerable.Range(1, 10).Select(i => Session((byte)i, i * 1_000)).ToArray();
        var model = new FilterModel(sessions, ServerBehaviour.Plain with { IgnoreDates = true }, T0.AddMinutes(5), 1);
        using OpenCxClient client = model.Client();
        var query = new SessionQuery { CreatedFrom = T0, SortBy = SessionSortField.CreatedAt, SortOrder = SessionSortOrder.Descending };
        var options = new WalkOptions { PageSize = 3, ReadAhead = false };
        var walk = new SessionWalk(client, query, new PagingBudget(0, ulong.MaxValue), options);
        var written = new List<ChatSession>((await walk.NextAsync(null, CancellationToken.None))!.Sessions);
        string token = walk.Position.ToToken();

        var resumed = new SessionWalk(client, query, new PagingBudget(0, ulong.MaxValue), options, WalkPosition.FromToken(token));
        while (await resumed.NextAsync(null, CancellationToken.None) is WalkPage page)
        {
            written.AddRange(page.Sessions);
        }

        Assert.True(
            written.Count == written.Select(s => s.Id).Distinct().Count(),
            $"Wrote {string.Join(", ", written.Select(s => (s.CreatedAt - T0).TotalMilliseconds))} (ms): some twice.{ModelChecks.Describe(model.Transcript)}");
    }
}
