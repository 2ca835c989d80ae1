using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OpenCx.Sandbox.Tests.Spec;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Server;

/// <summary>
/// The 429 the server answers with over HTTP. How the window slides, and that waiting as long as
/// Retry-After says is enough, AdmissionWindowTests proves on exact times.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task Request_over_the_limit_is_a_429_with_Retry_After_in_whole_seconds()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o =>
        {
            o.RateLimit = 2;
            o.RateLimitWindow = TimeSpan.FromSeconds(3);
        });

        (await ServerClient.PostAsync(server)).Dispose();
        (await ServerClient.PostAsync(server)).Dispose();
        using HttpResponseMessage limited = await ServerClient.PostAsync(server);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 3);
        Assert.Empty(SpecSchemas.Validate("ErrorDto", await limited.Content.ReadAsStringAsync()));
        Assert.Equal("RateLimited", server.Requests[^1].Fault);
    }

    [Fact]
    public async Task Retry_After_can_be_an_HTTP_date()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o =>
        {
            o.RateLimit = 1;
            o.RateLimitWindow = TimeSpan.FromSeconds(10);
            o.RetryAfterAsHttpDate = true;
        });

        (await ServerClient.PostAsync(server)).Dispose();
        using HttpResponseMessage limited = await ServerClient.PostAsync(server);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        DateTimeOffset date = limited.Headers.RetryAfter!.Date!.Value;
        Assert.InRange(date, DateTimeOffset.UtcNow.AddSeconds(8), DateTimeOffset.UtcNow.AddSeconds(12));
    }

    [Fact]
    public async Task A_wait_of_less_than_a_second_is_a_Retry_After_of_one_second()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o =>
        {
            o.RateLimit = 1;
            o.RateLimitWindow = TimeSpan.FromSeconds(1);
        });

        (await ServerClient.PostAsync(server)).Dispose();
        using HttpResponseMessage limited = await ServerClient.PostAsync(server);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("1", limited.Headers.GetValues("Retry-After").Single());
    }

    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.TooManyRequests)]
    public async Task Per_key_the_limit_counts_each_key_apart(bool perKey, HttpStatusCode otherKeysSecond)
    {
        await using SandboxServer server = await ServerClient.StartAsync(o =>
        {
            o.RateLimit = 1;
            o.RateLimitWindow = TimeSpan.FromSeconds(10);
            o.RateLimitPerKey = perKey;
        });

        (await ServerClient.PostAsync(server, key: "key-one")).Dispose();
        using HttpResponseMessage sameKey = await ServerClient.PostAsync(server, key: "key-one");
        using HttpResponseMessage otherKey = await ServerClient.PostAsync(server, key: "key-two");

        Assert.Equal(HttpStatusCode.TooManyRequests, sameKey.StatusCode);
        Assert.Equal(otherKeysSecond, otherKey.StatusCode);
    }
}
