using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using OpenCx.Sandbox.Tests.Spec;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Server;

public sealed class FaultTests
{
    [Theory]
    [InlineData(SandboxFault.Status400, 400)]
    [InlineData(SandboxFault.Status401, 401)]
    [InlineData(SandboxFault.Status403, 403)]
    [InlineData(SandboxFault.Status404, 404)]
    [InlineData(SandboxFault.Status500, 500)]
    [InlineData(SandboxFault.Status502, 502)]
    [InlineData(SandboxFault.Status503, 503)]
    [InlineData(SandboxFault.Status504, 504)]
    public async Task Status_fault_is_that_status_with_an_ErrorDto(SandboxFault fault, int status)
    {
        await using SandboxServer server = await ServerClient.StartAsync(o => o.FaultSequence.Enqueue(fault));

        using HttpResponseMessage response = await ServerClient.PostAsync(server);

        Assert.Equal(status, (int)response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Empty(SpecSchemas.Validate("ErrorDto", body));
        Assert.Equal(status, Bodies.Parse(body).GetProperty("statusCode").GetInt32());
        Assert.Equal(fault.ToString(), Assert.Single(server.Requests).Fault);
    }

    [Fact]
    public async Task Dropped_connection_surfaces_as_HttpRequestException_from_an_IO_failure()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o => o.FaultSequence.Enqueue(SandboxFault.DropConnection));

        HttpRequestException error = await Assert.ThrowsAsync<HttpRequestException>(() => ServerClient.PostAsync(server));

        Assert.IsAssignableFrom<IOException>(error.InnerException);
        Assert.Equal(0, Assert.Single(server.Requests).StatusCode);
    }

    [Fact]
    public async Task Truncated_body_announces_the_full_length_and_breaks_off_halfway()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o => o.FaultSequence.Enqueue(SandboxFault.TruncatedBody));
        int fullLength = server.Engine.Filter(Bodies.Raw("{}")).Body.Length;

        using HttpResponseMessage response = await ServerClient.PostAsync(server, completion: HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fullLength, response.Content.Headers.ContentLength);
        await using Stream stream = await response.Content.ReadAsStreamAsync();
        var received = new MemoryStream();
        await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(received));
        Assert.Equal(fullLength / 2, received.Length);
    }

    [Fact]
    public async Task Truncated_body_fails_a_buffered_request_with_HttpRequestException()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o => o.FaultSequence.Enqueue(SandboxFault.TruncatedBody));

        await Assert.ThrowsAsync<HttpRequestException>(() => ServerClient.PostAsync(server));
    }

    [Fact]
    public async Task Non_JSON_body_is_a_200_HTML_page()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o => o.FaultSequence.Enqueue(SandboxFault.NonJsonBody));

        using HttpResponseMessage response = await ServerClient.PostAsync(server);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
    }

    [Fact]
    public async Task Fault_sequence_applies_in_order_and_None_lets_a_request_through()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o =>
        {
            foreach (SandboxFault fault in new[] { SandboxFault.Status503, SandboxFault.None, SandboxFault.Status502 })
            {
                o.FaultSequence.Enqueue(fault);
            }
        });

        int[] statuses = await ServerClient.StatusesAsync(server, 4);

        Assert.Equal([503, 200, 502, 200], statuses);
        Assert.Equal(new[] { "Status503", null, "Status502", null }, server.Requests.Select(r => r.Fault));
    }

    [Fact]
    public async Task Fault_rate_faults_a_share_of_requests_reproducibly_for_a_seed()
    {
        int[] first = await StatusesUnderFaultRate();
        int[] second = await StatusesUnderFaultRate();

        Assert.Equal(first, second);
        Assert.InRange(first.Count(s => s == 503), 10, 30);
        Assert.InRange(first.Count(s => s == 500), 10, 30);
        Assert.All(first, s => Assert.Contains(s, new[] { 200, 500, 503 }));
    }

    [Fact]
    public async Task Faults_can_be_switched_on_while_the_server_runs()
    {
        SandboxServerOptions options = ServerClient.Options();
        await using SandboxServer server = await SandboxServer.StartAsync(options);
        using HttpResponseMessage before = await ServerClient.PostAsync(server);

        options.FaultRate = 1;
        options.Faults = [SandboxFault.Status504];
        using HttpResponseMessage after = await ServerClient.PostAsync(server);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.GatewayTimeout, after.StatusCode);
    }

    private static async Task<int[]> StatusesUnderFaultRate()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o =>
        {
            o.Seed = 42;
            o.FaultRate = 0.5;
            o.Faults = [SandboxFault.Status500, SandboxFault.Status503];
        });
        return await ServerClient.StatusesAsync(server, 80);
    }
}
