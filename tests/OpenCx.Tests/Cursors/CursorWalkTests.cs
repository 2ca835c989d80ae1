using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Cursors;
using OpenCx.Client.Http;
using Xunit;

namespace OpenCx.Tests.Cursors;

/// <summary>The cursor walk alone, over scripted pages: every item once, and a clear stop where a server would loop.</summary>
public sealed class CursorWalkTests
{
    [Fact]
    public async Task A_walk_follows_next_until_null_and_yields_every_page_with_its_position()
    {
        var server = new Scripted(
            (null, Page("a", "b") with { Next = "c1" }),
            ("c1", Page("c", "d") with { Next = "c2" }),
            ("c2", Page("e")));
        var walk = new CursorWalk<string>(server.Fetch, id => id, "the test");

        List<CursorPage<string>> pages = await All(walk);

        Assert.Equal(new[] { "a", "b", "c", "d", "e" }, pages.SelectMany(p => p.Items));
        Assert.Equal(new string?[] { null, "c1", "c2" }, pages.Select(p => p.Cursor));
        Assert.Equal(new string?[] { "c1", "c2", null }, pages.Select(p => p.Next));
        Assert.Equal(new[] { 1, 2, 3 }, pages.Select(p => p.Number));
        Assert.True(pages[2].IsLast);
        Assert.True(walk.IsComplete);
        Assert.Null(walk.Position);
        Assert.Null(await walk.NextAsync(CancellationToken.None));
        Assert.Equal(new string?[] { null, "c1", "c2" }, server.Asked);
    }

    [Fact]
    public async Task An_empty_next_ends_the_walk_as_null_does()
    {
        var server = new Scripted((null, Page("a") with { Next = "" }));
        List<CursorPage<string>> pages = await All(new CursorWalk<string>(server.Fetch, id => id, "the test"));
        Assert.Single(pages);
        Assert.Single(server.Asked);
    }

    [Fact]
    public async Task Items_a_shifting_cursor_brings_again_are_written_once()
    {
        var server = new Scripted(
            (null, Page("a", "b") with { Next = "c1" }),
            ("c1", Page("b", "c") with { Next = "c2" }),
            ("c2", Page("a", "c", "d")));
        List<CursorPage<string>> pages = await All(new CursorWalk<string>(server.Fetch, id => id, "the test"));

        Assert.Equal(new[] { "a", "b", "c", "d" }, pages.SelectMany(p => p.Items));
        Assert.Equal(new[] { 0, 1, 2 }, pages.Select(p => p.Repeated));
    }

    [Fact]
    public async Task Items_without_an_id_are_always_kept()
    {
        var server = new Scripted(
            (null, Page("-", "a") with { Next = "c1" }),
            ("c1", Page("-", "a")));
        List<CursorPage<string>> pages = await All(new CursorWalk<string>(server.Fetch, id => id == "-" ? null : id, "the test"));
        Assert.Equal(new[] { "-", "a", "-" }, pages.SelectMany(p => p.Items));
    }

    [Fact]
    public async Task A_cursor_the_server_gave_before_stops_the_walk_with_a_clear_error()
    {
        var server = new Scripted(
            (null, Page("a") with { Next = "c1" }),
            ("c1", Page("b") with { Next = "c2" }),
            ("c2", Page("c") with { Next = "c1" }));
        var walk = new CursorWalk<string>(server.Fetch, id => id, "the history of session s1");

        Assert.NotNull(await walk.NextAsync(CancellationToken.None));
        Assert.NotNull(await walk.NextAsync(CancellationToken.None));
        OpenCxException e = await Assert.ThrowsAsync<OpenCxException>(() => walk.NextAsync(CancellationToken.None));

        Assert.Equal(OpenCxErrorKind.PagingStalled, e.Kind);
        Assert.Contains("the history of session s1", e.Message);
        Assert.Contains("'c1'", e.Message);
        Assert.Equal(3, server.Asked.Count);
    }

    [Fact]
    public async Task A_cursor_that_points_at_its_own_page_stops_the_walk()
    {
        var server = new Scripted((null, Page("a") with { Next = "c1" }), ("c1", Page("b") with { Next = "c1" }));
        var walk = new CursorWalk<string>(server.Fetch, id => id, "the test");
        await walk.NextAsync(CancellationToken.None);
        OpenCxException e = await Assert.ThrowsAsync<OpenCxException>(() => walk.NextAsync(CancellationToken.None));
        Assert.Equal(OpenCxErrorKind.PagingStalled, e.Kind);
    }

    [Fact]
    public async Task Pages_that_bring_nothing_new_stop_the_walk_after_the_bound()
    {
        int n = 0;
        Task<CursorResponse<string>> Fetch(string? cursor, CancellationToken token) =>
            Task.FromResult(new CursorResponse<string>(new[] { "a" }, "c" + ++n));
        var walk = new CursorWalk<string>(Fetch, id => id, "the test", maximumPagesWithoutProgress: 3);

        OpenCxException e = await Assert.ThrowsAsync<OpenCxException>(() => All(walk));

        Assert.Equal(OpenCxErrorKind.PagingStalled, e.Kind);
        Assert.Contains("3 pages", e.Message);
        Assert.Equal(4, n);
    }

    [Fact]
    public async Task A_walk_that_never_ends_stops_at_the_page_bound()
    {
        int n = 0;
        Task<CursorResponse<string>> Fetch(string? cursor, CancellationToken token)
        {
            n++;
            return Task.FromResult(new CursorResponse<string>(new[] { "i" + n }, "c" + n));
        }

        var walk = new CursorWalk<string>(Fetch, id => id, "the test", maximumPages: 50);
        OpenCxException e = await Assert.ThrowsAsync<OpenCxException>(() => All(walk));

        Assert.Equal(OpenCxErrorKind.PagingStalled, e.Kind);
        Assert.Contains("50 pages", e.Message);
        Assert.Equal(50, n);
    }

    [Fact]
    public async Task A_resumed_walk_starts_at_its_cursor_and_skips_what_was_seen()
    {
        var server = new Scripted(("c1", Page("b", "c")));
        var walk = new CursorWalk<string>(server.Fetch, id => id, "the test", startAt: "c1", seenBefore: new[] { "b" });
        Assert.Equal("c1", walk.Position);

        List<CursorPage<string>> pages = await All(walk);

        Assert.Equal(new[] { "c" }, pages.SelectMany(p => p.Items));
        Assert.Equal(new string?[] { "c1" }, server.Asked);
        Assert.Contains("b", walk.Seen);
    }

    [Fact]
    public async Task A_failed_request_leaves_the_position_where_it_was()
    {
        var server = new Scripted((null, Page("a") with { Next = "c1" }));
        var walk = new CursorWalk<string>(server.Fetch, id => id, "the test");
        await walk.NextAsync(CancellationToken.None);

        await Assert.ThrowsAsync<KeyNotFoundException>(() => walk.NextAsync(CancellationToken.None));

        Assert.Equal("c1", walk.Position);
        Assert.False(walk.IsComplete);
    }

    private static async Task<List<CursorPage<string>>> All(CursorWalk<string> walk)
    {
        var pages = new List<CursorPage<string>>();
        while (await walk.NextAsync(CancellationToken.None) is CursorPage<string> page)
        {
            pages.Add(page);
        }

        return pages;
    }

    private static Answer Page(params string[] items) => new(items, null);

    private sealed record Answer(string[] Items, string? Next);

    private sealed class Scripted
    {
        private readonly Dictionary<string, Answer> _pages = new();

        public Scripted(params (string? Cursor, Answer Answer)[] pages)
        {
            foreach ((string? cursor, Answer answer) in pages)
            {
                _pages[cursor ?? string.Empty] = answer;
            }
        }

        public List<string?> Asked { get; } = new();

        public Task<CursorResponse<string>> Fetch(string? cursor, CancellationToken cancellationToken)
        {
            Asked.Add(cursor);
            Answer answer = _pages[cursor ?? string.Empty];
            return Task.FromResult(new CursorResponse<string>(answer.Items, answer.Next));
        }
    }
}
