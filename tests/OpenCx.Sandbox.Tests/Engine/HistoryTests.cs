using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OpenCx.Sandbox.Tests.Spec;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Engine;

/// <summary>The read endpoints: one session by id, and a session's history page by page, against the read spec.</summary>
public sealed class HistoryTests
{
    private const string Missing = "00000000-0000-4000-8000-000000000000";

    [Fact]
    public void Every_history_page_of_300_sessions_validates_against_ListChatHistoryOutput()
    {
        foreach (string id in SessionIds(TestData.Engine, 300))
        {
            foreach (string page in Pages(TestData.Engine, id))
            {
                IReadOnlyList<string> errors = SpecSchemas.ValidateRead("ListChatHistoryOutput", page);
                Assert.True(errors.Count == 0, $"session {id}: " + string.Join("\n", errors.Take(10)));
            }
        }
    }

    [Fact]
    public void Histories_are_long_now_and_then_and_hold_unknown_types_Unicode_and_line_breaks()
    {
        List<JsonElement> events = new();
        int longer = 0;
        foreach (string id in SessionIds(TestData.Engine, 300))
        {
            var pages = Pages(TestData.Engine, id).ToList();
            longer += pages.Count > 3 ? 1 : 0;
            events.AddRange(pages.SelectMany(p => JsonDocument.Parse(p).RootElement.GetProperty("items").EnumerateArray().Select(i => i.Clone())));
        }

        Assert.True(longer >= 10, $"{longer} sessions of more than three pages");
        string[] types = events.Select(e => e.GetProperty("event").GetProperty("type").GetString()!).Distinct().ToArray();
        Assert.Contains("csat_submitted", types);
        Assert.Contains("handoff", types);
        string[] texts = events.Select(e => e.GetProperty("event")).Where(e => e.TryGetProperty("content", out _))
            .Select(e => e.GetProperty("content").GetProperty("text").GetString()!).ToArray();
        Assert.Contains(texts, t => t.Contains('\n'));
        Assert.Contains(texts, t => t.Any(c => c > 0x3000));
        Assert.Equal(events.Count, events.Select(e => e.GetProperty("id").GetString()).Distinct().Count());

        // Oldest first, within every session.
        foreach (string id in SessionIds(TestData.Engine, 50))
        {
            DateTimeOffset[] times = Pages(TestData.Engine, id)
                .SelectMany(p => JsonDocument.Parse(p).RootElement.GetProperty("items").EnumerateArray())
                .Select(i => i.GetProperty("created_at").GetDateTimeOffset()).ToArray();
            Assert.Equal(times.OrderBy(t => t), times);
        }
    }

    [Fact]
    public void A_history_is_the_same_from_two_engines_of_one_seed()
    {
        SandboxEngine other = TestData.NewEngine();
        foreach (string id in SessionIds(TestData.Engine, 20))
        {
            Assert.Equal(Pages(TestData.Engine, id), Pages(other, id));
        }
    }

    [Fact]
    public void One_session_by_id_is_the_filters_item_and_validates_against_GetChatSessionOutput()
    {
        SandboxResponse filter = TestData.Engine.Filter(Bodies.Raw("""{"limit":5}"""));
        foreach (JsonElement item in JsonDocument.Parse(filter.Body).RootElement.GetProperty("data").EnumerateArray())
        {
            SandboxResponse one = TestData.Engine.Session(item.GetProperty("id").GetString()!);

            Assert.Equal(200, one.StatusCode);
            Assert.Equal(item.GetRawText(), Encoding.UTF8.GetString(one.Body));
            Assert.Empty(SpecSchemas.ValidateRead("GetChatSessionOutput", Encoding.UTF8.GetString(one.Body)));
        }
    }

    [Fact]
    public void An_unknown_session_is_a_404_ErrorDto_and_a_foreign_cursor_a_400()
    {
        SandboxResponse session = TestData.Engine.Session(Missing);
        SandboxResponse history = TestData.Engine.History(Missing, null);
        string[] ids = SessionIds(TestData.Engine, 2);
        SandboxResponse foreign = TestData.Engine.History(ids[0], History.HistoryCursor.Write(ids[1], 10));

        Assert.Equal(404, session.StatusCode);
        Assert.Equal(404, history.StatusCode);
        Assert.Contains(Missing, Encoding.UTF8.GetString(history.Body));
        Assert.Equal(400, foreign.StatusCode);
        Assert.Empty(SpecSchemas.Validate("ErrorDto", Encoding.UTF8.GetString(history.Body)));
    }

    [Fact]
    public async Task The_server_routes_both_reads_by_GET_with_the_cursor_and_its_rate_limit_applies_to_them()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o =>
        {
            o.ApiKey = ServerClient.Key;
            o.RateLimit = 2;
            o.RateLimitWindow = TimeSpan.FromSeconds(30);
        });
        string id = SessionIds(server.Engine, 1)[0];
        string next = JsonDocument.Parse(server.Engine.History(id, null).Body).RootElement.GetProperty("next").GetString()
            ?? "";

        using HttpResponseMessage one = await GetAsync(server, $"chat/sessions/{id}");
        using HttpResponseMessage page = await GetAsync(server, $"chat/sessions/{id}/history" + (next.Length > 0 ? $"?cursor={Uri.EscapeDataString(next)}" : ""));
        using HttpResponseMessage limited = await GetAsync(server, $"chat/sessions/{id}/history");

        Assert.Equal(200, (int)one.StatusCode);
        Assert.Equal(200, (int)page.StatusCode);
        Assert.Equal(Encoding.UTF8.GetString(server.Engine.History(id, next.Length > 0 ? next : null).Body), await page.Content.ReadAsStringAsync());
        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal("GET", server.Requests[0].Method);
    }

    private static Task<HttpResponseMessage> GetAsync(SandboxServer server, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ServerClient.Key);
        return ServerClient.Http.SendAsync(request);
    }

    private static string[] SessionIds(SandboxEngine engine, int count)
    {
        var ids = new List<string>();
        for (int page = 1; ids.Count < count; page++)
        {
            SandboxResponse response = engine.Filter(Bodies.Of(new { page, limit = 100, sort_by = "created_at" }));
            JsonElement data = JsonDocument.Parse(response.Body).RootElement.GetProperty("data");
            if (data.GetArrayLength() == 0)
            {
                break;
            }

            ids.AddRange(data.EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
        }

        return ids.Take(count).ToArray();
    }

    private static IEnumerable<string> Pages(SandboxEngine engine, string id)
    {
        string? cursor = null;
        do
        {
            SandboxResponse response = engine.History(id, cursor);
            Assert.Equal(200, response.StatusCode);
            string body = Encoding.UTF8.GetString(response.Body);
            yield return body;
            cursor = JsonDocument.Parse(body).RootElement.GetProperty("next").GetString();
        }
        while (cursor is not null);
    }
}
