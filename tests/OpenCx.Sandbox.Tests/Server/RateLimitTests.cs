using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using OpenCx.Sandbox.Tests.Spec;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Server;

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
    public async Task Window_slides_and_rejected_requests_do_not_count()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o =>
        {
            o.RateLimit = 2;
            o.RateLimitWindow = TimeSpan.FromMilliseconds(1500);
        });

        int[] first = await ServerClient.StatusesAsync(server, 5);
        await Task.Delay(TimeSpan.FromMilliseconds(1600));
        int[] second = await ServerClient.StatusesAsync(server, 2);

        Assert.Equal([200, 200, 429, 429, 429], first);
        Assert.Equal([200, 200], second);
    }

    [Fact]
    public async Task Waiting_for_Retry_After_is_enough_to_be_admitted_again()
    {
        await using SandboxServer server = await ServerClient.StartAsync(o =>
        {
            o.RateLimit = 1;
            o.RateLimitWindow = TimeSpan.FromSeconds(1);
        });

        (await ServerClient.PostAsync(server)).Dispose();
        using HttpResponseMessage limited = await ServerClient.PostAsync(server);
        await Task.Delay(limited.Headers.RetryAfter!.Delta!.Value);
        using HttpResponseMessage admitted = await ServerClient.PostAsync(server);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("1", limited.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
    }
}
