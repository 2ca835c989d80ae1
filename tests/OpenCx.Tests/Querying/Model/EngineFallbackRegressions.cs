using System;
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
        var record = new WalkRecord();
        await record.ReadToEndAsync(new SessionWalk(client, query, new PagingBudget(0, 3), new WalkOptions { PageSize = 3 }));

        Assert.True(
            record.Written.Any(s => s.Id == older.Id) || record.Warnings.Count > 0,
            $"{record} Not the oldest three, and no warning said why.{ModelChecks.Describe(model.Transcript)}");
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
        var record = new WalkRecord();
        record.Add((await walk.NextAsync(null, CancellationToken.None))!);
        string token = walk.Position.ToToken();
        await record.ReadToEndAsync(new SessionWalk(client, query, new PagingBudget(0, ulong.MaxValue), options, WalkPosition.FromToken(token)));

        Assert.True(
            record.Written.Count == record.Written.Select(s => s.Id).Distinct().Count(),
            $"{record} Some twice.{ModelChecks.Describe(model.Transcript)}");
    }

    /// <summary>
    /// CsCheck_Seed=bj_4DaJjMVG2 (Interrupted_resumed_..., a server that sorts but ignores the
    /// date range): the range's two ends were one bulk import, so nothing told whether the server
    /// sorts, and the walk dropped the end of its range. It wrote on, up to sessions created long
    /// after it started, while a session committed late went by behind it; the next incremental
    /// run looked back from the newest session written and never reached it.
    /// </summary>
    [Fact]
    public async Task A_run_that_wrote_past_the_end_of_its_range_looks_back_from_that_end_next_time()
    {
        ModelSession late = Session(1, 500, visibleAt: 7_500);
        ModelSession[] bulk = { Session(2, 1_000), Session(3, 1_000), Session(4, 1_000), Session(5, 1_000) };
        var model = new FilterModel(new[] { late }.Concat(bulk), ServerBehaviour.Plain with { IgnoreDates = true }, T0.AddSeconds(2), 1);
        using OpenCxClient client = model.Client();
        var query = new SessionQuery { SortBy = SessionSortField.CreatedAt, SortOrder = SessionSortOrder.Ascending };
        var options = new WalkOptions { PageSize = 1, ReadAhead = false, LookBack = TimeSpan.FromSeconds(10) };
        var walk = new SessionWalk(client, query, new PagingBudget(0, ulong.MaxValue), options);
        var record = new WalkRecord();
        await record.ReadToEndAsync(walk, afterPage: () =>
        {
            if (record.Written.Count == 2 && model.Now < T0.AddSeconds(8))
            {
                // The late session commits behind the walk, and sessions go on being created.
                model.Now = T0.AddSeconds(8);
                model.Add(new[] { Session(6, 9_000), Session(7, 30_000), Session(8, 60_000) });
                model.Now = T0.AddSeconds(61);
            }
        });

        Assert.Contains(record.Warnings, w => w.Contains("cannot tell whether the server sorts", StringComparison.Ordinal));
        Assert.DoesNotContain(record.Written, s => s.Id == late.Id);
        await record.ReadToEndAsync(new SessionWalk(client, query, new PagingBudget(0, ulong.MaxValue), options, walk.Position));

        Assert.True(
            record.Written.Select(s => s.Id).OrderBy(id => id).SequenceEqual(model.Sessions.Select(s => s.Id).OrderBy(id => id)),
            $"{record} Not every session once.{ModelChecks.Describe(model.Transcript)}");
    }

    /// <summary>
    /// Found by the page accounting of Interrupted_resumed_... once it asked for the warning by
    /// name: newest first, a server ignoring the dates answered the second page with the newest
    /// sessions again, among them one created after the walk's first page. The walk fell back to
    /// page numbers and took that session for one the keyset walk had passed: dropped, unsaid.
    /// </summary>
    [Fact]
    public async Task A_session_created_after_the_end_on_a_page_reaching_back_past_the_fallback_is_named()
    {
        ModelSession[] sessions = Enumerable.Range(1, 6).Select(i => Session((byte)i, i * 1_000)).ToArray();
        var model = new FilterModel(sessions, ServerBehaviour.Plain with { IgnoreDates = true }, T0.AddSeconds(10), 1);
        using OpenCxClient client = model.Client();
        var query = new SessionQuery { SortBy = SessionSortField.CreatedAt, SortOrder = SessionSortOrder.Descending };
        var walk = new SessionWalk(client, query, new PagingBudget(0, ulong.MaxValue), new WalkOptions { PageSize = 3, ReadAhead = false });
        var record = new WalkRecord();
        record.Add((await walk.NextAsync(null, CancellationToken.None))!);
        model.Add(new[] { Session(9, 7_500) });
        await record.ReadToEndAsync(walk);

        Assert.Equal(sessions.Select(s => s.Id).OrderBy(id => id), record.Written.Select(s => s.Id).OrderBy(id => id));
        Assert.True(
            record.Warnings.Any(w => w.Contains("held 1 session(s) created after", StringComparison.Ordinal)),
            $"{record}{ModelChecks.Describe(model.Transcript)}");
    }

    /// <summary>
    /// Found with the one above: a walk that fell back to page numbers where the keyset walk stood,
    /// then gave up the end of its range (its pages turned out of order), took a session created
    /// after that end for one the keyset walk had passed, and dropped it without a word. With the
    /// end given up, the walk writes it.
    /// </summary>
    [Fact]
    public async Task A_walk_that_gave_up_its_end_after_a_fallback_writes_a_session_created_after_that_end()
    {
        ModelSession[] sessions = Enumerable.Range(1, 9).Select(i => Session((byte)i, i * 1_000)).ToArray();
        var model = new FilterModel(sessions, ServerBehaviour.Plain with { IgnoreDates = true }, T0.AddSeconds(10), 1);
        using OpenCxClient client = model.Client();
        var query = new SessionQuery { SortBy = SessionSortField.CreatedAt, SortOrder = SessionSortOrder.Descending };
        var record = new WalkRecord();
        ModelSession created = Session(12, 12_000);
        await record.ReadToEndAsync(new SessionWalk(client, query, new PagingBudget(0, ulong.MaxValue), new WalkOptions { PageSize = 3, ReadAhead = false }), afterPage: () =>
        {
            if (record.Written.Count == 6 && model.Sessions.Count == sessions.Length)
            {
                // One session commits late behind the walk (4.5 s), one is created after its end.
                model.Add(new[] { Session(10, 4_500), created });
                model.Now = T0.AddSeconds(13);
            }
        });

        Assert.Contains(record.Warnings, w => w.Contains("no longer in order", StringComparison.Ordinal));
        Assert.True(record.Written.Any(s => s.Id == created.Id), $"{record}{ModelChecks.Describe(model.Transcript)}");
    }
}
