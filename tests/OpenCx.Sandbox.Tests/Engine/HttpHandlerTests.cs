using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Sandbox.Tests.Spec;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Engine;

public sealed class HttpHandlerTests : IDisposable
{
    private readonly HttpClient _client = new(new SandboxHttpHandler(TestData.Engine))
    {
        BaseAddress = new Uri("https://sandbox.invalid/api/v1/"),
    };

    [Fact]
    public async Task Post_with_a_bearer_token_under_any_base_path_is_answered_by_the_engine()
    {
        using HttpResponseMessage response = await _client.SendAsync(Filter("""{"limit":3}""", "Bearer anything"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TestData.Engine.Filter(Bodies.Raw("""{"limit":3}""")).Body, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_of_the_list_with_a_query_string_is_answered_by_the_engine()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "chat/sessions?status=open&channel_type=web");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "k");

        using HttpResponseMessage response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestData.Engine.List("status=open&channel_type=web").Body, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Request_without_a_bearer_token_is_a_401_ErrorDto(string? authorization)
    {
        using HttpResponseMessage response = await _client.SendAsync(Filter("{}", authorization));

        await AssertError(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Other_path_is_a_404_ErrorDto()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "chat/other") { Content = new StringContent("{}") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "k");

        await AssertError(await _client.SendAsync(request), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Other_method_is_a_405_ErrorDto_that_allows_POST()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "chat/sessions/filter");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "k");

        using HttpResponseMessage response = await _client.SendAsync(request);

        await AssertError(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Invalid_body_is_a_400_ErrorDto()
    {
        await AssertError(await _client.SendAsync(Filter("""{"limit":0}""", "Bearer k")), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Cancelled_token_cancels_the_request()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.SendAsync(Filter("{}", "Bearer k"), cancelled.Token));
    }

    public void Dispose() => _client.Dispose();

    private static HttpRequestMessage Filter(string body, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "chat/sessions/filter") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private static async Task AssertError(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        string body = await response.Content.ReadAsStringAsync();
        Assert.Empty(SpecSchemas.Validate("ErrorDto", body));
        Assert.Equal((int)status, Bodies.Parse(body).GetProperty("statusCode").GetInt32());
    }
}
