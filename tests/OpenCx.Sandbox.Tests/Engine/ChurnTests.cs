using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenCx.Sandbox.Data;
using OpenCx.Sandbox.Tests.Spec;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Engine;

public sealed class ChurnTests
{
    private static readonly DateTimeOffset Later = TestData.Now.AddMinutes(5);

    [Fact]
    public void Touched_sessions_get_last_message_at_and_updated_at_now_and_lead_the_default_order()
    {
        SandboxEngine engine = TestData.NewEngine(sessionCount: 300, seed: 3);
        var before = Oracle.Sessions(engine).ToDictionary(s => s.Id);

        engine.Churn(touched: 5, created: 0, Later);

        var after = Oracle.Sessions(engine).ToDictionary(s => s.Id);
        var touched = after.Values.Where(s => s.UpdatedAtMs == Later.ToUnixTimeMilliseconds()).ToList();
        Assert.Equal(5, touched.Count);
        Assert.All(touched, s =>
        {
            Assert.Equal(Later.ToUnixTimeMilliseconds(), s.LastMessageAtMs);
            Assert.Equal(before[s.Id].CreatedAtMs, s.CreatedAtMs);
            Assert.Equal(before[s.Id].TicketNumber, s.TicketNumber);
        });
        Assert.Equal(300, engine.SessionCount);
        List<string> first = Pages.Ids(Pages.Get(engine, new JsonObject { ["limit"] = 5 }));
        Assert.Equal(touched.Select(s => s.Id).OrderByDescending(id => id, StringComparer.Ordinal), first);
    }

    [Fact]
    public void Touched_sessions_change_status_now_and_then_both_ways()
    {
        SandboxEngine engine = TestData.NewEngine(sessionCount: 300, seed: 3);
        var before = Oracle.Sessions(engine).ToDictionary(s => s.Id);

        engine.Churn(touched: 200, created: 0, Later);

        var touched = Oracle.Sessions(engine).Where(s => s.UpdatedAtMs == Later.ToUnixTimeMilliseconds()).ToList();
        Assert.Contains(touched, s => SessionStatus.IsClosed(s.StatusId) && !SessionStatus.IsClosed(before[s.Id].StatusId));
        Assert.Contains(touched, s => !SessionStatus.IsClosed(s.StatusId) && SessionStatus.IsClosed(before[s.Id].StatusId));
        Assert.Contains(touched, s => s.StatusId == before[s.Id].StatusId);
        Assert.All(touched.Where(s => SessionStatus.IsClosed(s.StatusId)), s => Assert.Equal("none", s.WaitingOn));
        Assert.All(Oracle.Sessions(engine).Where(s => s.UpdatedAtMs != Later.ToUnixTimeMilliseconds()), s => Assert.Equal(before[s.Id].StatusId, s.StatusId));
        Assert.Equal(
            touched.Where(s => SessionStatus.IsClosed(s.StatusId)).Select(s => s.Id).Order(),
            engine.CurrentStates().Where(p => p.Value.Status != "open" && p.Value.UpdatedAt == Later).Select(p => p.Key).Order());
    }

    [Fact]
    public void Untouched_sessions_keep_their_relative_order()
    {
        SandboxEngine engine = TestData.NewEngine(sessionCount: 300, seed: 3);
        IReadOnlyList<string> before = engine.MatchingIds(Bodies.Raw("{}"));

        engine.Churn(touched: 10, created: 0, Later);

        IReadOnlyList<string> after = engine.MatchingIds(Bodies.Raw("{}"));
        Assert.Equal(before.Except(after.Take(10)), after.Skip(10));
    }

    [Fact]
    public void Created_sessions_appear_at_now_as_open_with_the_next_ticket_numbers()
    {
        SandboxEngine engine = TestData.NewEngine(sessionCount: 300, seed: 3);

        engine.Churn(touched: 0, created: 3, Later);

        Assert.Equal(303, engine.SessionCount);
        var newest = Pages.Get(engine, new JsonObject { ["sort_by"] = "created_at", ["limit"] = 3 }).GetProperty("data").EnumerateArray().ToList();
        string now = FilterTests.Iso(Later.ToUnixTimeMilliseconds());
        Assert.All(newest, s => Assert.Equal(now, s.GetProperty("created_at").GetString()));
        Assert.All(newest, s => Assert.Equal("open", s.GetProperty("status").GetString()));
        Assert.Equal(new[] { 301, 302, 303 }, newest.Select(s => s.GetProperty("ticket_number").GetInt32()).Order());
    }

    [Fact]
    public void Churn_is_deterministic_for_a_seed()
    {
        SandboxEngine first = TestData.NewEngine(sessionCount: 200, seed: 11);
        SandboxEngine second = TestData.NewEngine(sessionCount: 200, seed: 11);

        foreach (SandboxEngine? engine in new[] { first, second })
        {
            engine.Churn(3, 2, Later);
            engine.Churn(4, 1, Later.AddSeconds(1));
        }

        Assert.Equal(Everything(first), Everything(second));
    }

    [Fact]
    public void Touching_more_sessions_than_exist_touches_them_all()
    {
        SandboxEngine engine = TestData.NewEngine(sessionCount: 20, seed: 3);

        engine.Churn(touched: 1000, created: 0, Later);

        Assert.All(Oracle.Sessions(engine), s => Assert.Equal(Later.ToUnixTimeMilliseconds(), s.LastMessageAtMs));
    }

    [Fact]
    public void Negative_counts_are_refused()
    {
        SandboxEngine engine = TestData.NewEngine(sessionCount: 20, seed: 3);

        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Churn(-1, 0, Later));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Churn(0, -1, Later));
    }

    [Fact]
    public async Task Requests_during_churn_see_whole_consistent_pages()
    {
        SandboxEngine engine = TestData.NewEngine(sessionCount: 500, seed: 5);
        var churn = Task.Run(() =>
        {
            for (int i = 0; i < 200; i++)
            {
                engine.Churn(2, 1, Later.AddMilliseconds(i));
            }
        });

        SandboxResponse[] pages = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => engine.Filter(Bodies.Raw("""{"limit":100}""")))));
        await churn;

        Assert.All(pages, p => Assert.Equal(200, p.StatusCode));
        Assert.All(pages.Select(p => Pages.Ids(Bodies.Parse(p.Body))), ids => Assert.Equal(ids.Count, ids.Distinct().Count()));
        Assert.Equal(700, engine.SessionCount);
        Assert.Empty(SpecSchemas.ValidateResponse(System.Text.Encoding.UTF8.GetString(engine.Filter(Bodies.Raw("""{"limit":100}""")).Body)));
    }

    private static string Everything(SandboxEngine engine) => string.Concat(Enumerable.Range(1, 3).Select(page =>
        System.Text.Encoding.UTF8.GetString(engine.Filter(Bodies.Of(new { page, limit = 100 })).Body)));
}
