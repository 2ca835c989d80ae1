using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Cursors;
using OpenCx.Client.Http;
using OpenCx.Client.Listing;
using OpenCx.Client.Querying;
using Xunit;

namespace OpenCx.Tests.Listing;

/// <summary>The list walk over scripted answers: where a server would make it loop, it stops and says why.</summary>
public sealed class SessionListWalkTests
{
    private static readonly DateTime After = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_cursor_the_server_gives_again_stops_the_walk_with_an_error_that_says_so()
    {
        SessionListWalk walk = Walk((_, cursor) => new CursorResponse<ChatSession>(new[] { Session() }, cursor == "c1" ? "c2" : "c1"));

        OpenCxException error = await Assert.ThrowsAsync<OpenCxException>(() => ReadAll(walk));

        Assert.Equal(OpenCxErrorKind.PagingStalled, error.Kind);
        Assert.Contains("a next cursor it had already given", error.Message, StringComparison.Ordinal);
        Assert.Contains("GET chat/sessions?updated_after=2026-01-01T00:00:00.000Z", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_that_never_ends_and_brings_nothing_new_stops_the_walk_with_an_error_that_says_so()
    {
        int page = 0;
        SessionListWalk walk = Walk((_, _) => new CursorResponse<ChatSession>(Array.Empty<ChatSession>(), "c" + ++page));

        OpenCxException error = await Assert.ThrowsAsync<OpenCxException>(() => ReadAll(walk));

        Assert.Equal(OpenCxErrorKind.PagingStalled, error.Kind);
        Assert.Contains("in a row with nothing new and still a next cursor", error.Message, StringComparison.Ordinal);
        Assert.Equal(CursorWalk<ChatSession>.DefaultMaximumPagesWithoutProgress, page);
    }

    [Fact]
    public async Task Several_statuses_are_one_series_each_and_a_session_in_both_is_written_once()
    {
        ChatSession moved = Session("open");
        ChatSession closed = Session("closed_resolved");
        var asked = new List<string?>();
        SessionListWalk walk = Walk(
            (request, _) =>
            {
                asked.Add(request.Status);
                return request.Status == "open"
                    ? new CursorResponse<ChatSession>(new[] { moved }, null)
                    : new CursorResponse<ChatSession>(new[] { closed, Session("closed_resolved", moved.Id) }, null);
            },
            new[] { "open", "closed_resolved", "open" });

        List<ListPage> pages = await ReadAll(walk);

        Assert.Equal(new string?[] { "open", "closed_resolved" }, asked);
        Assert.Equal(new[] { moved.Id, closed.Id }, pages.SelectMany(p => p.Sessions).Select(s => s.Id));
        Assert.Equal(1, walk.RepeatedCount);
        Assert.False(pages[0].IsLast);
        Assert.True(pages[1].IsLast);
    }

    [Fact]
    public async Task A_session_outside_the_request_is_dropped_counted_and_warned_of_once()
    {
        SessionListWalk walk = Walk((_, cursor) => cursor is null
            ? new CursorResponse<ChatSession>(new[] { Session(updatedAt: After.AddDays(-1)), Session() }, "c1")
            : new CursorResponse<ChatSession>(new[] { Session(updatedAt: After.AddDays(-2)) }, null));

        List<ListPage> pages = await ReadAll(walk);

        Assert.Single(pages.SelectMany(p => p.Sessions));
        Assert.Equal(2, walk.OutsideCount);
        Assert.Contains("updated 2025-12-31T00:00:00.000Z, before updated_after 2026-01-01T00:00:00.000Z", pages[0].Warning, StringComparison.Ordinal);
        Assert.Null(pages[1].Warning);
    }

    private static SessionListWalk Walk(Func<ListRequest, string?, CursorResponse<ChatSession>> answer, string[]? statuses = null) => new(
        (request, cursor, _, _) => Task.FromResult(answer(request, cursor)),
        new ListQuery { UpdatedAfter = After, Statuses = statuses },
        null,
        new PagingBudget(0, ulong.MaxValue));

    private static async Task<List<ListPage>> ReadAll(SessionListWalk walk)
    {
        var pages = new List<ListPage>();
        while (await walk.NextAsync(null, CancellationToken.None) is ListPage page)
        {
            pages.Add(page);
        }

        return pages;
    }

    private static ChatSession Session(string status = "open", Guid? id = null, DateTime? updatedAt = null) => new(
        id ?? Guid.NewGuid(), status, null, null, "web", null, null, null, CustomData.Empty, null, null, null, 1, false, After.AddDays(-10), updatedAt ?? After.AddHours(1), CustomData.Empty);
}
