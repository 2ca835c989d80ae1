using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using OpenCx.Client.Querying;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests.Querying;

/// <summary>
/// The query engine alone, over the sandbox in-process: every matching session exactly once,
/// against a server that keeps to the spec (no warning) and against one that does not (one warning).
/// </summary>
public sealed class SessionWalkTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    // 537 sessions, as in the issue that found the loss, plus bulk imports: 250 sessions in one
    // millisecond stored finer than printed, and 40 in another, printed and stored alike.
    private static readonly DateTimeOffset BulkAt = new(2026, 9, 14, 8, 30, 0, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset SecondBulkAt = new(2026, 7, 2, 23, 59, 59, 999, TimeSpan.Zero);

    private static readonly Lazy<SandboxEngine> Engine = new(() => new SandboxEngine(new SandboxDataOptions
    {
        SessionCount = 537,
        Seed = 11,
        Now = Now,
        BulkImports = new[]
        {
            new SandboxBulkImport(BulkAt, 250, storedFinerThanPrinted: true),
            new SandboxBulkImport(SecondBulkAt, 40),
        },
    }));

    public static IEnumerable<object[]> Servers()
    {
        foreach (string quirk in new[] { "none", "ignore-sort", "ignore-date-range", "both" })
        {
            foreach (SessionSortOrder order in new[] { SessionSortOrder.Descending, SessionSortOrder.Ascending })
            {
                foreach (int pageSize in new[] { 7, 50, 100 })
                {
                    foreach (bool filtered in new[] { false, true })
                    {
                        yield return new object[] { quirk, order, pageSize, filtered };
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public void Every_matching_session_is_written_exactly_once_whatever_the_server_does(string quirk, SessionSortOrder order, int pageSize, bool filtered)
    {
        var quirks = new SandboxQuirks { IgnoreSort = quirk is "ignore-sort" or "both", IgnoreDateRange = quirk is "ignore-date-range" or "both" };
        SessionQuery query = filtered ? FilteredQuery(order) : new SessionQuery { SortOrder = order };

        WalkResult result = InProcessWalk.Run(Engine.Value, quirks, query, pageSize);

        IReadOnlyList<string> truth = Truth(query);
        string[] written = result.Sessions.Select(s => s.Id.ToString()).ToArray();
        Assert.True(truth.Count > 2 * pageSize, "the test needs several pages");
        Assert.Equal(written.Length, written.Distinct().Count());
        Assert.Equal(truth.OrderBy(id => id, StringComparer.Ordinal), written.OrderBy(id => id, StringComparer.Ordinal));
        if (quirks.Any)
        {
            string warning = Assert.Single(result.Warnings);
            Assert.Contains("The server did not", warning, StringComparison.Ordinal);
            Assert.Contains("page number", warning, StringComparison.Ordinal);
        }
        else
        {
            Assert.Empty(result.Warnings);
            Assert.Equal(truth, written);
        }
    }

    [Theory]
    [InlineData(SessionSortOrder.Descending, 7)]
    [InlineData(SessionSortOrder.Descending, 100)]
    [InlineData(SessionSortOrder.Ascending, 7)]
    [InlineData(SessionSortOrder.Ascending, 100)]
    public void A_bulk_import_larger_than_a_page_stored_finer_than_printed_is_walked_whole_without_a_warning(SessionSortOrder order, int pageSize)
    {
        // The range starts at the bulk import's millisecond: every one of its 250 sessions is in it.
        var query = new SessionQuery { SortOrder = order, CreatedFrom = BulkAt.UtcDateTime, CreatedBefore = BulkAt.UtcDateTime.AddDays(3) };

        WalkResult result = InProcessWalk.Run(Engine.Value, SandboxQuirks.None, query, pageSize);

        Assert.Empty(result.Warnings);
        Assert.Equal(Truth(query), result.Sessions.Select(s => s.Id.ToString()));
        Assert.Equal(250, result.Sessions.Count(s => s.CreatedAt == BulkAt.UtcDateTime));
    }

    [Fact]
    public void A_range_that_ends_at_a_bulk_import_holds_none_of_it_and_the_next_range_all_of_it()
    {
        DateTime at = BulkAt.UtcDateTime;
        var before = new SessionQuery { CreatedFrom = at.AddDays(-2), CreatedBefore = at };
        var after = new SessionQuery { CreatedFrom = at, CreatedBefore = at.AddDays(2) };

        WalkResult first = InProcessWalk.Run(Engine.Value, SandboxQuirks.None, before, 50);
        WalkResult second = InProcessWalk.Run(Engine.Value, SandboxQuirks.None, after, 50);

        Assert.DoesNotContain(first.Sessions, s => s.CreatedAt >= at);
        Assert.Equal(250, second.Sessions.Count(s => s.CreatedAt == at));
        Assert.Empty(first.Sessions.Select(s => s.Id).Intersect(second.Sessions.Select(s => s.Id)));
    }

    [Theory]
    [InlineData(SessionSortOrder.Descending)]
    [InlineData(SessionSortOrder.Ascending)]
    public void A_server_that_starts_misbehaving_late_still_gets_no_session_written_twice(SessionSortOrder order)
    {
        // After six requests the server starts ignoring the date range: the walk falls back and
        // re-reads from page 1, where every session it meets was written long ago.
        var quirks = new SandboxQuirks();
        var query = new SessionQuery { SortOrder = order };

        WalkResult result = InProcessWalk.Run(Engine.Value, quirks, query, 25, afterPage: requests => quirks.IgnoreDateRange = requests >= 6);

        string[] written = result.Sessions.Select(s => s.Id.ToString()).ToArray();
        Assert.Equal(written.Length, written.Distinct().Count());
        Assert.Equal(Truth(query).OrderBy(id => id, StringComparer.Ordinal), written.OrderBy(id => id, StringComparer.Ordinal));
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void Skip_and_First_apply_to_the_walk_in_order()
    {
        var query = new SessionQuery();
        IReadOnlyList<string> truth = Truth(query);

        WalkResult result = InProcessWalk.Run(Engine.Value, SandboxQuirks.None, query, 50, skip: 120, first: 75);

        Assert.Equal(truth.Skip(120).Take(75), result.Sessions.Select(s => s.Id.ToString()));
    }

    [Theory]
    [InlineData(5ul, 5)]
    [InlineData(100ul, 100)]
    [InlineData(150ul, 100)]
    public void The_first_request_asks_for_no_more_than_First_wants(ulong first, int expectedLimit)
    {
        WalkResult result = InProcessWalk.Run(Engine.Value, SandboxQuirks.None, new SessionQuery(), 100, first: first);

        Assert.Equal((int)Math.Min(first, int.MaxValue), result.Sessions.Count);
        Assert.Contains($"\"limit\":{expectedLimit}}}", result.RequestBodies[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_well_behaved_server_costs_one_request_beyond_the_pages()
    {
        // Newest first needs one request beyond the pages themselves (one per 100 sessions, plus
        // the boundary overlap of one session per page): the first page oldest first, to see
        // that the server sorts at all.
        int total = Engine.Value.SessionCount;

        WalkResult result = InProcessWalk.Run(Engine.Value, SandboxQuirks.None, new SessionQuery(), 100);

        Assert.Equal(total, result.Sessions.Count);
        Assert.InRange(result.RequestBodies.Count, (total / 100) + 2, (total / 99) + 3);
        Assert.Single(result.RequestBodies, body => body.Contains("\"sort_order\":\"asc\"", StringComparison.Ordinal));
    }

    private static SessionQuery FilteredQuery(SessionSortOrder order) => new()
    {
        SortOrder = order,
        Channels = new[] { "web", "email", "whatsapp" },
        CreatedFrom = Now.UtcDateTime.AddDays(-150),
        CreatedBefore = BulkAt.UtcDateTime.AddDays(1),
    };

    /// <summary>The engine's own answer, in the query's order: from inclusive, before exclusive.</summary>
    private static IReadOnlyList<string> Truth(SessionQuery query)
    {
        var filters = new List<string>();
        if (query.CreatedFrom is not null || query.CreatedBefore is not null)
        {
            var date = new List<string>();
            if (query.CreatedFrom is DateTime from)
            {
                date.Add($"\"from\":\"{Format(from)}\"");
            }

            if (query.CreatedBefore is DateTime before)
            {
                date.Add($"\"to\":\"{Format(before.AddMilliseconds(-1))}\"");
            }

            filters.Add($"\"date\":{{{string.Join(",", date)}}}");
        }

        if (query.Channels is not null)
        {
            filters.Add($"\"channels\":[{string.Join(",", query.Channels.Select(c => $"\"{c}\""))}]");
        }

        string order = query.SortOrder == SessionSortOrder.Ascending ? "asc" : "desc";
        string body = $"{{\"filters\":{{{string.Join(",", filters)}}},\"sort_by\":\"created_at\",\"sort_order\":\"{order}\"}}";
        return Engine.Value.MatchingIds(Encoding.UTF8.GetBytes(body));
    }

    private static string Format(DateTime instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
