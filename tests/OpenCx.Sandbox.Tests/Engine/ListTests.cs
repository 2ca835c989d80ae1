using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using OpenCx.Sandbox.Data;
using OpenCx.Sandbox.Tests.Spec;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Engine;

/// <summary>GET /chat/sessions: its filters against an oracle, its cursor, its errors.</summary>
public sealed class ListTests
{
    private static readonly long NowMs = TestData.Now.ToUnixTimeMilliseconds();

    public static IEnumerable<object[]> Filters() => Predicates().Select(p => new object[] { p.Key });

    private static IEnumerable<KeyValuePair<string, Func<Session, bool>>> Predicates()
    {
        string week = Iso(NowMs - (7L * 86_400_000));
        string month = Iso(NowMs - (30L * 86_400_000));
        yield return new("", _ => true);
        yield return new("status=open", s => !SessionStatus.IsClosed(s.StatusId));
        yield return new("status=closed_unresolved", s => s.StatusId == SessionStatus.ClosedUnresolved);
        yield return new("channel_type=email", s => s.Channel == "email");
        yield return new("handed_off=true", s => s.AiClosureType == "handed_off");
        yield return new("handed_off=false", s => s.AiClosureType != "handed_off");
        yield return new($"updated_after={week}", s => s.UpdatedAtMs > NowMs - (7L * 86_400_000));
        yield return new($"updated_before={week}&updated_after={month}", s => s.UpdatedAtMs < NowMs - (7L * 86_400_000) && s.UpdatedAtMs > NowMs - (30L * 86_400_000));
        yield return new($"created_after={month}&status=closed_resolved&channel_type=web", s => s.CreatedAtMs > NowMs - (30L * 86_400_000) && s.StatusId == SessionStatus.ClosedResolved && s.Channel == "web");
        yield return new($"created_before={Uri.EscapeDataString(month.Replace("Z", "+00:00"))}", s => s.CreatedAtMs < NowMs - (30L * 86_400_000));
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public void Following_next_returns_every_matching_session_once_as_the_oracle_says(string query)
    {
        Func<Session, bool> matches = Predicates().Single(p => p.Key == query).Value;
        List<string> ids = ListPages.AllIds(TestData.Engine, query);

        var expected = Oracle.Sessions(TestData.Engine).Where(matches).Select(s => s.Id).ToHashSet();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.True(expected.SetEquals(ids), $"{query}: {expected.Count} expected, {ids.Count} served");
        Assert.NotEmpty(ids);
    }

    [Fact]
    public void Bounds_are_exclusive_at_the_millisecond()
    {
        Session session = Oracle.Sessions(TestData.Engine)[100];
        string at = Iso(session.UpdatedAtMs);

        Assert.DoesNotContain(session.Id, ListPages.AllIds(TestData.Engine, $"updated_after={at}"));
        Assert.DoesNotContain(session.Id, ListPages.AllIds(TestData.Engine, $"updated_before={at}"));
        Assert.Contains(session.Id, ListPages.AllIds(TestData.Engine, $"updated_after={Iso(session.UpdatedAtMs - 1)}"));
        Assert.Contains(session.Id, ListPages.AllIds(TestData.Engine, $"updated_after={Iso(session.UpdatedAtMs - 1)[..^1]}9999Z"));
    }

    [Fact]
    public void Pages_hold_fifty_sessions_and_the_last_has_a_null_next()
    {
        JsonElement first = ListPages.Get(TestData.Engine, "");
        Assert.Equal(50, first.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.String, first.GetProperty("next").ValueKind);

        JsonElement last = ListPages.Get(TestData.Engine, "status=closed_resolved&channel_type=api&handed_off=true");
        Assert.Equal(JsonValueKind.Null, last.GetProperty("next").ValueKind);
        Assert.Empty(SpecSchemas.ValidateListResponse(Encoding.UTF8.GetString(TestData.Engine.List("updated_after=2100-01-01T00:00:00Z").Body)));
    }

    [Fact]
    public void Under_churn_the_cursor_shifts_so_sessions_repeat_but_none_unchanged_is_missed()
    {
        SandboxEngine engine = TestData.NewEngine(sessionCount: 600, seed: 9);
        IReadOnlyList<string> atStart = engine.ListMatchingIds("");
        int minute = 0;
        var changed = new HashSet<string>();
        var before = Oracle.Sessions(engine).ToDictionary(s => s.Id, s => s.UpdatedAtMs);

        List<string> ids = ListPages.AllIds(engine, "", () => engine.Churn(touched: 5, created: 2, TestData.Now.AddMinutes(++minute)));

        changed.UnionWith(Oracle.Sessions(engine).Where(s => !before.TryGetValue(s.Id, out long was) || was != s.UpdatedAtMs).Select(s => s.Id));
        Assert.True(ids.Count > ids.Distinct().Count(), "an offset cursor should repeat sessions when others move ahead of it");
        Assert.Empty(atStart.Where(id => !changed.Contains(id)).Except(ids));
    }

    [Fact]
    public void The_updated_range_quirk_serves_sessions_outside_it()
    {
        var quirks = new SandboxQuirks { IgnoreUpdatedRange = true };
        string after = Iso(NowMs - 86_400_000);

        JsonElement page = ListPages.Get(TestData.Engine, $"updated_after={after}", quirks);

        Assert.Contains(page.GetProperty("items").EnumerateArray(), s => string.CompareOrdinal(s.GetProperty("updated_at").GetString(), after) <= 0);
    }

    [Theory]
    [InlineData("status=pending", "status")]
    [InlineData("status=open&status=closed_resolved", "status")]
    [InlineData("channel_type=fax", "channel_type")]
    [InlineData("handed_off=yes", "handed_off")]
    [InlineData("updated_after=yesterday", "updated_after")]
    [InlineData("created_before=2025-05-01", "created_before")]
    [InlineData("cursor=bm90LW91cnM", "cursor")]
    public void Invalid_parameters_are_a_400_ErrorDto_naming_the_parameter(string query, string parameter)
    {
        SandboxResponse response = TestData.Engine.List(query);

        string body = Encoding.UTF8.GetString(response.Body);
        Assert.Equal(400, response.StatusCode);
        Assert.Empty(SpecSchemas.Validate("ErrorDto", body));
        Assert.StartsWith(parameter, Bodies.Parse(body).GetProperty("message").GetString());
    }

    [Fact]
    public void Unknown_parameters_are_ignored()
    {
        Assert.Equal(ListPages.Ids(ListPages.Get(TestData.Engine, "")), ListPages.Ids(ListPages.Get(TestData.Engine, "limit=5&sort=asc")));
    }

    internal static string Iso(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
