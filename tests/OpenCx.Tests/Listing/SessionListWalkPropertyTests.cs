using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CsCheck;
using OpenCx.Client.Listing;
using OpenCx.Client.Querying;
using Xunit;

namespace OpenCx.Tests.Listing;

/// <summary>
/// The list walk against <see cref="ListServerModel"/>, over generated data sets, server choices
/// and changes during the walk: nothing written twice, nothing written outside the asked ranges,
/// every session sent outside them counted, and, where sessions can only join the asked set
/// (no status filter), every session that matched at the start and did not change is written.
/// </summary>
public sealed class SessionListWalkPropertyTests
{
    private static readonly Gen<Scenario> Scenarios =
        from seed in Gen.Int
        from sessions in Gen.Int[0, 80]
        from recentFirst in Gen.Bool
        from inclusive in Gen.Bool
        from changes in Gen.Int[0, 4]
        from created in Gen.Int[0, 3]
        from extra in Gen.Int[1, 12]
        from outside in Gen.Int[0, 40]
        from after in Gen.Int[0, 1_000_000]
        from statuses in Gen.Int[0, 3]
        select new Scenario(seed, sessions, recentFirst, inclusive, changes + created + extra, changes, created, outside, after, statuses);

    [Fact]
    public void The_list_walk_writes_each_session_once_inside_the_asked_ranges_and_misses_none_that_held_still()
    {
        Scenarios.Sample(scenario =>
        {
            var model = new ListServerModel(scenario.Seed, scenario.Sessions, scenario.RecentFirst, scenario.Inclusive, scenario.PageSize, scenario.Changes, scenario.Created, scenario.OutsidePercent);
            DateTime after = DateTimeOffset.FromUnixTimeMilliseconds(scenario.AfterMs).UtcDateTime;
            string[]? statuses = scenario.Statuses switch
            {
                1 => new[] { "open" },
                2 => new[] { "open", "closed_resolved" },
                _ => null,
            };
            var query = new ListQuery { UpdatedAfter = after, Statuses = statuses };
            var atStart = model.Snapshot().Where(s => s.UpdatedAt > after && (statuses is null || statuses.Contains(s.Status))).Select(s => s.Id).ToList();
            var walk = new SessionListWalk(model.Fetch, query, null, new PagingBudget(0, ulong.MaxValue));

            var written = new List<ChatSession>();
            while (walk.NextAsync(null, CancellationToken.None).GetAwaiter().GetResult() is ListPage page)
            {
                written.AddRange(page.Sessions);
            }

            Assert.Equal(written.Count, written.Select(s => s.Id).Distinct().Count());
            Assert.All(written, s => Assert.True(s.UpdatedAt > after && (statuses is null || statuses.Contains(s.Status))));
            Assert.Equal(model.SentOutside, walk.OutsideCount);
            if (statuses is null)
            {
                var writtenIds = written.Select(s => s.Id).ToHashSet();
                Assert.All(atStart.Where(id => !model.Changed.Contains(id)), id => Assert.Contains(id, writtenIds));
            }
        }, iter: 400);
    }

    public sealed record Scenario(int Seed, int Sessions, bool RecentFirst, bool Inclusive, int PageSize, int Changes, int Created, int OutsidePercent, int AfterMs, int Statuses);
}
