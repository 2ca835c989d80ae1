using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenCx.Sandbox.Data;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Engine;

/// <summary>Each filter of the spec, checked against a naive oracle over the raw sessions.</summary>
public sealed class FilterTests
{
    private static readonly SandboxEngine Engine = TestData.Engine;

    [Fact]
    public void Channels_match_any_of_the_given_channels()
    {
        AssertFilter("""{"channels":["email","sms"]}""", s => s.Channel is "email" or "sms");
    }

    [Fact]
    public void Status_matches_any_of_the_given_ids_including_custom_ones()
    {
        AssertFilter("""{"status":[1,12]}""", s => s.StatusId is 1 or 12);
    }

    [Fact]
    public void Custom_status_ids_are_shown_as_open()
    {
        JsonElement output = Pages.Get(Engine, Request("""{"status":[7]}"""));

        Assert.NotEmpty(output.GetProperty("data").EnumerateArray());
        Assert.All(output.GetProperty("data").EnumerateArray(), s => Assert.Equal("open", s.GetProperty("status").GetString()));
    }

    [Fact]
    public void Ai_closure_matches_any_of_the_given_types_and_never_null()
    {
        AssertFilter("""{"ai_closure":["handed_off","resolved"]}""", s => s.AiClosureType is "handed_off" or "resolved");
    }

    [Fact]
    public void Sentiment_matches_any_of_the_given_values_and_never_null()
    {
        AssertFilter("""{"sentiment":["angry"]}""", s => s.Sentiment == "angry");
    }

    [Fact]
    public void Assignees_match_any_of_the_given_numeric_ids()
    {
        AssertFilter("""{"assignees":[101,4021]}""", s => s.AssigneeId is 101 or 4021);
    }

    [Fact]
    public void Empty_assignees_match_only_unassigned_sessions_whether_null_or_omitted()
    {
        AssertFilter("""{"assignees":[]}""", s => s.AssigneeId is null);
        Assert.Contains(Oracle.Sessions(Engine), s => s.AssigneeId is null && s.AssigneeOmitted);
        Assert.Contains(Oracle.Sessions(Engine), s => s.AssigneeId is null && !s.AssigneeOmitted);
    }

    [Fact]
    public void Team_ids_match_any_of_the_given_teams_ignoring_uuid_case()
    {
        string[] teams = Oracle.Sessions(Engine).Where(s => s.Team is not null).Select(s => s.Team!.Id).Distinct().Take(2).ToArray();

        AssertFilter(new { team_ids = new[] { teams[0].ToUpperInvariant(), teams[1] } }, s => s.Team is not null && teams.Contains(s.Team.Id));
    }

    [Fact]
    public void Contact_ids_match_any_of_the_given_contacts()
    {
        string contact = Oracle.Sessions(Engine).GroupBy(s => s.Contact?.Id).First(g => g.Key is not null && g.Count() > 1).Key!;

        AssertFilter(new { contact_ids = new[] { contact } }, s => s.Contact?.Id == contact);
    }

    [Fact]
    public void Language_matches_any_of_the_given_codes()
    {
        AssertFilter("""{"language":["pt-BR","ja"]}""", s => s.Language is "pt-BR" or "ja");
    }

    [Fact]
    public void Ticket_number_matches_exactly_one_session()
    {
        IReadOnlyList<string> ids = Engine.MatchingIds(Bodies.Raw("""{"filters":{"ticket_number":42}}"""));

        Assert.Equal(Oracle.Sessions(Engine).Where(s => s.TicketNumber == 42).Select(s => s.Id), ids);
        Assert.Single(ids);
    }

    [Fact]
    public void Tags_require_all_given_tags()
    {
        AssertFilter("""{"tags":["billing","vip"]}""", s => s.Tags.Contains("billing") && s.Tags.Contains("vip"));
    }

    [Fact]
    public void Waiting_on_matches_exactly()
    {
        AssertFilter("""{"waiting_on":"human_agents"}""", s => s.WaitingOn == "human_agents");
    }

    [Fact]
    public void Custom_data_pairs_within_one_object_must_all_match()
    {
        AssertFilter("""{"custom_data":[{"plan":"pro","region":"eu-west"}]}""", s => Has(s, "plan", "pro") && Has(s, "region", "eu-west"));
    }

    [Fact]
    public void Custom_data_objects_are_alternatives()
    {
        AssertFilter("""{"custom_data":[{"plan":"enterprise"},{"region":"ap-northeast"}]}""", s => Has(s, "plan", "enterprise") || Has(s, "region", "ap-northeast"));
    }

    [Fact]
    public void Custom_data_compares_numbers_and_booleans_as_strings()
    {
        CustomDataValue seats = Oracle.Sessions(Engine).First(s => s.CustomData?.Any(p => p.Key == "seats") == true)
            .CustomData!.First(p => p.Key == "seats").Value;
        Assert.Equal(CustomDataKind.Number, seats.Kind);

        AssertFilter(new { custom_data = new[] { new { seats = seats.Text } } }, s => s.CustomData?.Any(p => p.Key == "seats" && p.Value.Number == seats.Number) == true);
        AssertFilter("""{"custom_data":[{"vip":"true"}]}""", s => s.CustomData?.Any(p => p.Key == "vip" && p.Value.Kind == CustomDataKind.Boolean && p.Value.Flag) == true);
    }

    [Fact]
    public void Custom_data_matches_a_decimal_number_by_its_shortest_invariant_text()
    {
        CustomDataValue total = Oracle.Sessions(Engine).Select(s => s.CustomData?.FirstOrDefault(p => p.Key == "order_total").Value)
            .First(v => v is { Kind: CustomDataKind.Number } value && value.Number != Math.Floor(value.Number))!.Value;

        string text = total.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        IReadOnlyList<string> ids = Engine.MatchingIds(Bodies.Of(new { filters = new { custom_data = new[] { new { order_total = text } } } }));

        Assert.NotEmpty(ids);
    }

    [Fact]
    public void Date_range_is_inclusive_at_both_ends_on_created_at()
    {
        // A created_at that several sessions share: from = to = that millisecond returns them all.
        IGrouping<long, Session> tie = Oracle.Sessions(Engine).GroupBy(s => s.CreatedAtMs).First(g => g.Count() > 1);
        string at = Iso(tie.Key);

        AssertFilter(new { date = new { from = at, to = at } }, s => s.CreatedAtMs == tie.Key, allowAll: false, minimum: 2);
    }

    [Fact]
    public void Date_range_selects_a_window_in_both_sort_orders()
    {
        long from = TestData.Now.AddDays(-30).ToUnixTimeMilliseconds(), to = TestData.Now.AddDays(-10).ToUnixTimeMilliseconds();
        var filters = new { date = new { from = Iso(from), to = Iso(to) } };

        AssertFilter(filters, s => s.CreatedAtMs >= from && s.CreatedAtMs <= to);
        AssertFilter(filters, s => s.CreatedAtMs >= from && s.CreatedAtMs <= to, byCreatedAt: true, descending: false);
    }

    [Fact]
    public void Date_bound_finer_than_a_millisecond_is_honoured()
    {
        Session session = Oracle.Sessions(Engine)[100];
        string justAfter = Iso(session.CreatedAtMs).TrimEnd('Z') + "0001Z";

        Assert.DoesNotContain(session.Id, Engine.MatchingIds(Bodies.Of(new { filters = new { date = new { from = justAfter } } })));
        Assert.Contains(session.Id, Engine.MatchingIds(Bodies.Of(new { filters = new { date = new { to = justAfter } } })));
    }

    [Fact]
    public void Date_without_seconds_is_accepted_as_the_pattern_allows()
    {
        long from = DateTimeOffset.Parse("2025-05-01T00:00:00Z").ToUnixTimeMilliseconds();

        AssertFilter("""{"date":{"from":"2025-05-01T00:00Z"}}""", s => s.CreatedAtMs >= from);
    }

    [Fact]
    public void Empty_arrays_other_than_assignees_do_not_filter()
    {
        IReadOnlyList<string> all = Engine.MatchingIds(Bodies.Raw("{}"));

        IReadOnlyList<string> ids = Engine.MatchingIds(Bodies.Raw("""{"filters":{"channels":[],"status":[],"ai_closure":[],"sentiment":[],"team_ids":[],"contact_ids":[],"language":[],"tags":[],"custom_data":[]}}"""));

        Assert.Equal(all, ids);
        Assert.Equal(Engine.SessionCount, all.Count);
    }

    [Fact]
    public void Filters_combine_with_and()
    {
        AssertFilter(
            """{"channels":["web"],"status":[0,7,12],"waiting_on":"customers","sentiment":["happy","neutral"]}""",
            s => s.Channel == "web" && s.StatusId is 0 or 7 or 12 && s.WaitingOn == "customers" && s.Sentiment is "happy" or "neutral");
    }

    internal static string Iso(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    private static bool Has(Session session, string key, string text) =>
        session.CustomData?.Any(p => p.Key == key && p.Value.Text == text) == true;

    /// <summary>A request whose filters are JSON text or an object serialised as written.</summary>
    private static JsonObject Request(object filters) =>
        new() { ["filters"] = filters is string json ? JsonNode.Parse(json) : System.Text.Json.JsonSerializer.SerializeToNode(filters) };

    /// <summary>
    /// The engine's full result equals the oracle's, both through MatchingIds and by walking
    /// every page; and the filter really selects something, but not everything.
    /// </summary>
    private static void AssertFilter(
        object filters, Func<Session, bool> predicate, bool byCreatedAt = false, bool descending = true, bool allowAll = false, int minimum = 1)
    {
        JsonObject request = Request(filters);
        request["sort_by"] = byCreatedAt ? "created_at" : "last_message_at";
        request["sort_order"] = descending ? "desc" : "asc";
        List<string> expected = Oracle.Expected(Engine, predicate, byCreatedAt, descending);

        Assert.True(expected.Count >= minimum, $"the data set has too few sessions for {filters}");
        if (!allowAll)
        {
            Assert.True(expected.Count < Engine.SessionCount, $"{filters} selects every session");
        }

        Assert.Equal(expected, Engine.MatchingIds(Bodies.Raw(request.ToJsonString())));
        Assert.Equal(expected, Pages.AllIds(Engine, request));
    }
}
