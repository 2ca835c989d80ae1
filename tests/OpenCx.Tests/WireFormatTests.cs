using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>Each parameter's exact JSON on the wire, and nothing the user did not ask for.</summary>
public sealed class WireFormatTests : IClassFixture<SandboxFixture>
{
    // The spec's pattern for filters.date.from/to: UTC, trailing Z.
    private static readonly Regex SpecDate = new Regex(
        @"^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z))$");

    private readonly SandboxFixture _sandbox;

    public WireFormatTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    [Fact]
    public void Get_OpenCxSession_without_filters_sends_no_filter_and_the_stable_order()
    {
        // -First 100: one page of the default size, and no more requested (a smaller -First asks for less).
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -First 100");

        Assert.Empty(run.Errors);
        JsonElement body = Assert.Single(_sandbox.RequestBodies());
        JsonAssert.Equal("{\"filters\":{},\"sort_by\":\"created_at\",\"sort_order\":\"desc\",\"page\":1,\"limit\":100}", body);
    }

    [Fact]
    public void Oldest_first_first_asks_for_the_newest_session_and_ends_the_range_there()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -SortOrder asc -PageSize 10 -First 15");

        Assert.Empty(run.Errors);
        IReadOnlyList<JsonElement> bodies = _sandbox.RequestBodies();
        Assert.Equal(3, bodies.Count);
        // A page, not one session: so that the module can check the server really sorts newest first.
        JsonAssert.Equal("{\"filters\":{},\"sort_by\":\"created_at\",\"sort_order\":\"desc\",\"page\":1,\"limit\":10}", bodies[0]);
        string newestCreated = System.Text.Json.JsonDocument.Parse(_sandbox.Server.Engine.Filter(System.Text.Encoding.UTF8.GetBytes("{\"sort_by\":\"created_at\",\"limit\":1}")).Body)
            .RootElement.GetProperty("data")[0].GetProperty("created_at").GetString()!;
        DateTimeOffset end = DateTimeOffset.Parse(newestCreated, System.Globalization.CultureInfo.InvariantCulture).AddMilliseconds(1);
        JsonAssert.Equal($"{{\"date\":{{\"to\":\"{end.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\"}}}}", bodies[1].GetProperty("filters"));
        Assert.Equal("asc", bodies[1].GetProperty("sort_order").GetString());
        Assert.Matches(SpecDate, bodies[2].GetProperty("filters").GetProperty("date").GetProperty("from").GetString());
    }

    [Theory]
    [InlineData("-Channel web,Email", "{\"channels\":[\"web\",\"email\"]}")]
    [InlineData("-Channels sms", "{\"channels\":[\"sms\"]}")]
    [InlineData("-Status open,closed_resolved,closed_unresolved,17", "{\"status\":[0,1,2,17]}")]
    [InlineData("-AiClosure handed_off,assumed_resolved", "{\"ai_closure\":[\"handed_off\",\"assumed_resolved\"]}")]
    [InlineData("-ai_closure resolved", "{\"ai_closure\":[\"resolved\"]}")]
    [InlineData("-Sentiment angry,happy", "{\"sentiment\":[\"angry\",\"happy\"]}")]
    [InlineData("-AssigneeId 5,7", "{\"assignees\":[5,7]}")]
    [InlineData("-Unassigned", "{\"assignees\":[]}")]
    [InlineData("-TeamId team-a,team-b", "{\"team_ids\":[\"team-a\",\"team-b\"]}")]
    [InlineData("-ContactId c1,c2", "{\"contact_ids\":[\"c1\",\"c2\"]}")]
    [InlineData("-TicketNumber 42", "{\"ticket_number\":42}")]
    [InlineData("-Language en,pt-BR", "{\"language\":[\"en\",\"pt-BR\"]}")]
    [InlineData("-Tag vip,billing", "{\"tags\":[\"vip\",\"billing\"]}")]
    [InlineData("-WaitingOn human_agents", "{\"waiting_on\":\"human_agents\"}")]
    [InlineData("-CustomData @{ plan = 'pro' }, @{ vip = $true; seats = 5 }", "{\"custom_data\":[{\"plan\":\"pro\"},{\"vip\":\"true\",\"seats\":\"5\"}]}")]
    [InlineData("-Tag 'he said \"hi\"', \"line`nbreak\", '{\"a\":1}'", "{\"tags\":[\"he said \\\"hi\\\"\",\"line\\nbreak\",\"{\\\"a\\\":1}\"]}")]
    public void Each_filter_parameter_goes_on_the_wire_as_the_spec_names_it_and_nothing_else(string parameters, string expectedFilters)
    {
        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession {parameters} -First 1");

        Assert.Empty(run.Errors);
        JsonElement body = Assert.Single(_sandbox.RequestBodies());
        Assert.Equal(200, _sandbox.Server.Requests.Single().StatusCode);
        JsonAssert.Equal(expectedFilters, body.GetProperty("filters"));
    }

    [Fact]
    public void Dates_go_out_as_UTC_in_the_spec_pattern_whatever_their_kind()
    {
        PowerShellRun run = _sandbox.RunConnected(
            "$after = [datetime]::new(2026, 3, 4, 5, 6, 7, 89, [DateTimeKind]::Utc)\n" +
            "$before = [datetime]::new(2026, 6, 1, 0, 0, 0, [DateTimeKind]::Local)\n" +
            "Get-OpenCxSession -CreatedAfter $after -CreatedBefore $before -First 1");

        Assert.Empty(run.Errors);
        JsonElement date = Assert.Single(_sandbox.RequestBodies()).GetProperty("filters").GetProperty("date");
        Assert.Equal("2026-03-04T05:06:07.089Z", date.GetProperty("from").GetString());
        string expectedTo = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Local).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");
        Assert.Equal(expectedTo, date.GetProperty("to").GetString());
        Assert.Matches(SpecDate, date.GetProperty("from").GetString());
    }

    [Fact]
    public void SortBy_SortOrder_and_PageSize_are_sent_as_given()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -SortBy last_message_at -SortOrder asc -PageSize 25 -First 30");

        Assert.Empty(run.Errors);
        // The first request asks for the newest session, to end the moving order's range there; the
        // second for the oldest, to see that the server sorts at all (the probe's order is all it checks).
        JsonElement body = _sandbox.RequestBodies()[2];
        Assert.Equal("last_message_at", body.GetProperty("sort_by").GetString());
        Assert.Equal("asc", body.GetProperty("sort_order").GetString());
        Assert.Equal(25, body.GetProperty("limit").GetInt32());
    }

    [Fact]
    public void A_100_KB_value_goes_on_the_wire_as_one_string()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -Tag ('x' * 100000 + '\"},\"limit\":1,\"z\":{\"') -First 100");

        Assert.Empty(run.Errors);
        JsonElement body = Assert.Single(_sandbox.RequestBodies());
        string tag = Assert.Single(body.GetProperty("filters").GetProperty("tags").EnumerateArray()).GetString()!;
        Assert.Equal(100000 + "\"},\"limit\":1,\"z\":{\"".Length, tag.Length);
        Assert.Equal(100, body.GetProperty("limit").GetInt32());
    }
}
