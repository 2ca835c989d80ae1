using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using OpenCx.Sandbox.Tests.Spec;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Server;

public sealed class LatencyChurnAndLogTests
{
    [Fact]
    public async Task Latency_delays_every_answer_and_can_change_mid_run()
    {
        SandboxServerOptions options = ServerClient.Options(o => o.Latency = TimeSpan.FromMilliseconds(300));
        await using SandboxServer server = await SandboxServer.StartAsync(options);

        var slow = Stopwatch.StartNew();
        (await ServerClient.PostAsync(server)).Dispose();
        slow.Stop();
        options.Latency = TimeSpan.Zero;
        (await ServerClient.PostAsync(server)).Dispose();

        // Task.Delay may wake a timer tick (up to ~15 ms) early by the Stopwatch's clock.
        var tick = TimeSpan.FromMilliseconds(15);
        Assert.True(slow.Elapsed >= TimeSpan.FromMilliseconds(300) - tick, $"answered in {slow.Elapsed}");
        Assert.True(server.Requests[0].Duration >= TimeSpan.FromMilliseconds(300) - tick, $"handled in {server.Requests[0].Duration}");

        // Measured by the server, which a busy test machine does not slow the way it slows the client.
        Assert.True(server.Requests[1].Duration < TimeSpan.FromMilliseconds(300), $"handled in {server.Requests[1].Duration}");
    }

    [Fact]
    public async Task Churn_per_request_touches_and_creates_sessions_after_each_answer()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o => o.ChurnPerRequest = (2, 1));
        using HttpResponseMessage first = await ServerClient.PostAsync(server, """{"limit":2}""");
        List<string> firstIds = Pages.Ids(Bodies.Parse(await first.Content.ReadAsByteArrayAsync()));

        using HttpResponseMessage second = await ServerClient.PostAsync(server, """{"limit":3}""");
        List<string> secondIds = Pages.Ids(Bodies.Parse(await second.Content.ReadAsByteArrayAsync()));

        Assert.Equal(202, server.Engine.SessionCount);
        Assert.Empty(firstIds.Intersect(secondIds.Take(3)));
    }

    [Fact]
    public async Task Churn_follows_a_list_request_too_and_the_log_keeps_its_query_string()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o => o.ChurnPerRequest = (2, 1));
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, "chat/sessions?status=open"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ServerClient.Key);

        using HttpResponseMessage response = await ServerClient.Http.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(201, server.Engine.SessionCount);
        Assert.Equal("/chat/sessions?status=open", server.Requests.Single().Path);
    }

    [Fact]
    public async Task Churn_does_not_follow_a_rejected_request()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o => o.ChurnPerRequest = (2, 1));

        (await ServerClient.PostAsync(server, """{"limit":0}""")).Dispose();
        (await ServerClient.PostAsync(server, key: null)).Dispose();

        Assert.Equal(200, server.Engine.SessionCount);
    }

    [Fact]
    public async Task Each_request_is_logged_with_what_happened_to_it()
    {
        SandboxRequestLogEntry? announced = null;
        await using SandboxServer server = await ServerClient.StartAsync(o => o.RequestLogged = e => announced = e);
        DateTimeOffset before = DateTimeOffset.UtcNow;

        (await ServerClient.PostAsync(server, """{"limit":1}""")).Dispose();
        (await ServerClient.PostAsync(server, key: null)).Dispose();

        IReadOnlyList<SandboxRequestLogEntry> entries = server.Requests;
        Assert.Equal(2, entries.Count);
        SandboxRequestLogEntry ok = entries[0];
        Assert.Equal("POST", ok.Method);
        Assert.Equal("/chat/sessions/filter", ok.Path);
        Assert.Equal("""{"limit":1}""", ok.Body);
        Assert.Equal(200, ok.StatusCode);
        Assert.Null(ok.Fault);
        Assert.True(ok.HadAuthorization);
        Assert.InRange(ok.Time, before.AddSeconds(-1), DateTimeOffset.UtcNow);
        Assert.True(ok.Duration > TimeSpan.Zero);
        Assert.Equal(401, entries[1].StatusCode);
        Assert.False(entries[1].HadAuthorization);
        Assert.Same(entries[1], announced);
    }

    [Fact]
    public async Task ClearRequests_empties_the_log_and_LogRequests_false_keeps_it_empty()
    {
        SandboxServerOptions options = ServerClient.Options();
        await using SandboxServer server = await SandboxServer.StartAsync(options);
        (await ServerClient.PostAsync(server)).Dispose();

        server.ClearRequests();
        Assert.Empty(server.Requests);

        options.LogRequests = false;
        (await ServerClient.PostAsync(server)).Dispose();
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Full_enumeration_over_HTTP_matches_the_engine_truth_with_every_page_valid()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o => o.SessionCount = 1000);
        var request = new JsonObject { ["filters"] = JsonNode.Parse("""{"channels":["web","email"]}"""), ["limit"] = 100 };
        var ids = new System.Collections.Generic.List<string>();

        for (int page = 1; ; page++)
        {
            request["page"] = page;
            using HttpResponseMessage response = await ServerClient.PostAsync(server, request.ToJsonString());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            string body = await response.Content.ReadAsStringAsync();
            Assert.Empty(SpecSchemas.ValidateResponse(body));
            JsonElement output = Bodies.Parse(body);
            ids.AddRange(Pages.Ids(output));
            if (!output.GetProperty("has_next").GetBoolean())
            {
                break;
            }
        }

        Assert.Equal(server.Engine.MatchingIds(Bodies.Raw(request.ToJsonString())), ids);
    }
}
