using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OpenCx.Sandbox.Tests.Spec;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Server;

public sealed class AuthAndRoutingTests
{
    [Fact]
    public async Task Filter_request_with_the_key_is_answered_like_the_engine_answers()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o => o.ApiKey = ServerClient.Key);

        using HttpResponseMessage response = await ServerClient.PostAsync(server, """{"limit":5}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Equal(System.Text.Encoding.UTF8.GetString(server.Engine.Filter(Bodies.Raw("""{"limit":5}""")).Body), body);
        Assert.Empty(SpecSchemas.ValidateResponse(body));
    }

    [Theory]
    [InlineData(null, "Missing API key")]
    [InlineData("wrong-key", "Invalid API key")]
    public async Task Missing_or_wrong_key_is_a_401_ErrorDto(string? key, string message)
    {
        await using SandboxServer server = await ServerClient.StartAsync(o => o.ApiKey = ServerClient.Key);

        using HttpResponseMessage response = await ServerClient.PostAsync(server, key: key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Empty(SpecSchemas.Validate("ErrorDto", body));
        Assert.StartsWith(message, Bodies.Parse(body).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Without_a_configured_key_any_bearer_token_is_accepted()
    {
        await using SandboxServer server = await ServerClient.StartAsync();

        using HttpResponseMessage response = await ServerClient.PostAsync(server, key: "whatever");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Other_paths_are_404_other_methods_405_and_healthz_needs_no_key()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o => o.ApiKey = ServerClient.Key);

        using HttpResponseMessage notFound = await ServerClient.Http.PostAsync(new Uri(server.BaseUri, "chat/other"), new StringContent("{}"));
        using HttpResponseMessage wrongMethod = await ServerClient.Http.GetAsync(new Uri(server.BaseUri, "chat/sessions/filter"));
        using HttpResponseMessage postToList = await ServerClient.Http.PostAsync(new Uri(server.BaseUri, "chat/sessions"), new StringContent("{}"));
        using HttpResponseMessage health = await ServerClient.Http.GetAsync(new Uri(server.BaseUri, "healthz"));

        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Contains("POST", wrongMethod.Content.Headers.Allow);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, postToList.StatusCode);
        Assert.Contains("GET", postToList.Content.Headers.Allow);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
