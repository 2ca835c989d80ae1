using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Engine;

/// <summary>The sandbox's switches for servers that do not keep to the spec, and its bulk imports.</summary>
public sealed class QuirksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset BulkAt = new(2026, 10, 3, 4, 5, 6, 789, TimeSpan.Zero);

    private static readonly SandboxEngine Engine = new(new SandboxDataOptions
    {
        SessionCount = 300,
        Seed = 3,
        Now = Now,
        BulkImports = new[] { new SandboxBulkImport(BulkAt, 120, storedFinerThanPrinted: true) },
    });

    [Fact]
    public void A_server_that_ignores_the_sort_answers_in_its_default_order()
    {
        byte[] byCreatedAt = Bodies.Raw("{\"sort_by\":\"created_at\",\"sort_order\":\"asc\",\"limit\":100}");

        List<string> ignored = Ids(Engine.Filter(byCreatedAt, new SandboxQuirks { IgnoreSort = true }));

        Assert.Equal(Engine.MatchingIds(Bodies.Raw("{}")).Take(100), ignored);
        Assert.NotEqual(Ids(Engine.Filter(byCreatedAt)), ignored);
    }

    [Fact]
    public void A_server_that_ignores_the_date_range_applies_every_other_filter()
    {
        byte[] body = Bodies.Raw("{\"filters\":{\"date\":{\"from\":\"2026-10-30T00:00:00.000Z\"},\"channels\":[\"web\"]},\"limit\":100}");

        List<string> ignored = Ids(Engine.Filter(body, new SandboxQuirks { IgnoreDateRange = true }));

        Assert.Equal(Engine.MatchingIds(Bodies.Raw("{\"filters\":{\"channels\":[\"web\"]}}")).Take(100), ignored);
        Assert.True(ignored.Count > Ids(Engine.Filter(body)).Count);
    }

    [Fact]
    public void Odd_values_keep_to_the_spec_and_each_kind_is_there()
    {
        string page = Encoding.UTF8.GetString(Engine.Filter(Bodies.Raw("{\"limit\":100}"), new SandboxQuirks { SpecValidOddValues = true }).Body);

        Assert.Empty(OpenCx.Sandbox.Tests.Spec.SpecSchemas.ValidateResponse(page));
        JsonElement[] sessions = Bodies.Parse(Encoding.UTF8.GetBytes(page)).GetProperty("data").EnumerateArray().ToArray();
        string[] contactDates = sessions.Where(s => s.TryGetProperty("contact", out _)).Select(s => s.GetProperty("contact").GetProperty("created_at").GetString()!).ToArray();
        Assert.Contains("yesterday", contactDates);
        Assert.Contains("2026-01-05 10:00:00", contactDates);
        Assert.Contains("", contactDates);
        Assert.Contains(sessions, s => s.GetProperty("ticket_number").GetRawText().EndsWith(".0", StringComparison.Ordinal));
        Assert.Contains(sessions, s => s.TryGetProperty("contact", out JsonElement c) && c.GetProperty("id").GetString() == "00000000-0000-0000-0000-000000000000");
        Assert.Contains(sessions, s => s.TryGetProperty("team", out JsonElement t) && t.GetProperty("id").GetString() == "ffffffff-ffff-ffff-ffff-ffffffffffff");
        Assert.Contains(sessions, s => s.GetProperty("id").GetString()!.Any(char.IsUpper));
        Assert.Contains(sessions, s => s.TryGetProperty("language", out JsonElement l) && l.GetString() == "");
    }

    [Fact]
    public void A_bulk_import_stored_finer_than_printed_prints_one_millisecond_and_filters_by_the_finer_time()
    {
        string at = BulkAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

        JsonElement from = Bodies.Parse(Engine.Filter(Bodies.Raw($"{{\"filters\":{{\"date\":{{\"from\":\"{at}\",\"to\":\"{at}\"}}}},\"limit\":100}}")).Body);
        JsonElement upTo = Bodies.Parse(Engine.Filter(Bodies.Raw($"{{\"filters\":{{\"date\":{{\"from\":\"{at}\"}}}},\"sort_by\":\"created_at\",\"sort_order\":\"asc\",\"limit\":100}}")).Body);

        // "to" at that millisecond is its first instant: only the one session stored exactly then.
        Assert.Single(from.GetProperty("data").EnumerateArray());
        string[] printed = upTo.GetProperty("data").EnumerateArray().Take(100).Select(s => s.GetProperty("created_at").GetString()!).ToArray();
        Assert.All(printed, p => Assert.Equal(at, p));
        Assert.Equal(120, Engine.MatchingIds(Bodies.Raw($"{{\"filters\":{{\"date\":{{\"from\":\"{at}\",\"to\":\"{BulkAt.AddMilliseconds(1).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\"}}}}}}")).Count);
    }

    [Fact]
    public void The_sessions_of_a_bulk_import_sort_by_their_hidden_time_not_by_id()
    {
        var bulk = Engine.MatchingIds(Bodies.Raw($"{{\"filters\":{{\"date\":{{\"from\":\"{BulkAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\",\"to\":\"{BulkAt.AddMilliseconds(1).UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}\"}}}},\"sort_by\":\"created_at\",\"sort_order\":\"asc\"}}")).ToList();
        Assert.Equal(120, bulk.Count);
        Assert.NotEqual(bulk.OrderBy(id => id, StringComparer.Ordinal), bulk);
    }

    private static List<string> Ids(SandboxResponse response) => Pages.Ids(Bodies.Parse(response.Body));
}
