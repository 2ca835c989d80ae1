using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using OpenCx.Client.Wire;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests.Transport;

/// <summary>
/// Only dates from a server are read on the wall clock: a wall clock stepped back or forward (NTP
/// after a VM resumed, a hand) changes no wait, and a Retry-After date is measured against the
/// answer's own Date, so a server an hour off still means what it asked. To the tick, on the
/// client's clock.
/// </summary>
public sealed class WallClockTests
{
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    private readonly ManualClock _clock = new();
    private readonly RecordingTrace _trace = new();

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void A_wall_clock_stepped_an_hour_changes_no_wait_for_the_budget(int hours)
    {
        var limiter = new SlidingWindowRateLimiter(4, Window, _clock);
        Task[] burst = Enumerable.Range(0, 4).Select(_ => limiter.AcquireAsync(_trace, CancellationToken.None)).ToArray();
        _clock.Advance(TimeSpan.FromSeconds(1));
        _clock.StepWall(TimeSpan.FromHours(hours));

        Task fifth = limiter.AcquireAsync(_trace, CancellationToken.None);
        _clock.StepWall(TimeSpan.FromHours(hours));

        Assert.All(burst, t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(Window + Margin - TimeSpan.FromSeconds(1), Assert.Single(_trace.Waits).Delay);
        _clock.Advance(Window + Margin - TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(1));
        Assert.False(fifth.IsCompleted);
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(fifth.IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task A_wall_clock_stepped_an_hour_during_a_Retry_After_ends_it_neither_sooner_nor_later(int hours)
    {
        var server = new ScriptedHandler(_clock, number => number == 1
            ? ScriptedHandler.TooManyRequests(new RetryConditionHeaderValue(TimeSpan.FromSeconds(3)))
            : ScriptedHandler.Page());
        using OpenCxClient client = server.Client(o => o.RateLimit = 1003);

        Task<SessionPage> page = client.FilterAsync(Page(), _trace, CancellationToken.None);
        ManualClock.AwaitState(() => _clock.Waiting == 1, "the wait for Retry-After begun");
        _clock.StepWall(TimeSpan.FromHours(hours));
        _clock.Advance(TimeSpan.FromSeconds(3) - TimeSpan.FromTicks(1));
        Assert.Single(server.Arrivals);
        _clock.Advance(TimeSpan.FromTicks(1));

        ManualClock.AwaitState(() => page.IsCompleted, "the request retried");
        await page;
        Assert.Equal(TimeSpan.FromSeconds(3), server.Arrivals[1] - server.Arrivals[0]);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_Retry_After_date_is_measured_against_the_answers_Date_so_a_server_an_hour_off_still_gets_its_two_seconds(int hoursOff)
    {
        HttpResponseMessage Limited()
        {
            DateTimeOffset serverNow = Whole(_clock.UtcNow).AddHours(hoursOff);
            HttpResponseMessage response = ScriptedHandler.TooManyRequests(new RetryConditionHeaderValue(serverNow.AddSeconds(2)));
            response.Headers.Date = serverNow;
            return response;
        }

        var server = new ScriptedHandler(_clock, number => number <= 3 ? Limited() : ScriptedHandler.Page());
        using OpenCxClient client = server.Client(o => o.RateLimit = 1004);

        await _clock.RunAsync(Task.Run(async () => await client.FilterAsync(Page(), _trace, CancellationToken.None)));

        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(2), 3), _trace.WaitsFor(WaitReason.RetryAfter));
        Assert.Equal(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) }, server.Arrivals.Skip(1).Zip(server.Arrivals, (later, earlier) => later - earlier));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public async Task A_wall_clock_stepped_an_hour_while_retrying_neither_shortens_nor_lengthens_the_total_retry_time(int hours)
    {
        var server = new ScriptedHandler(_clock, _ => ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable));
        using OpenCxClient client = server.Client(o =>
        {
            (o.RateLimit, o.Retry) = (1005, new RetryPolicy(0, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)));
            o.MaximumRetryTime = TimeSpan.FromSeconds(20);
        });

        Task<SessionPage> page = client.FilterAsync(Page(), _trace, CancellationToken.None);
        ManualClock.AwaitState(() => _clock.Waiting == 1, "the first backoff begun");
        _clock.StepWall(TimeSpan.FromHours(hours));
        await Assert.ThrowsAsync<OpenCxException>(() => _clock.RunAsync(Task.Run(async () => await page)));

        // Backoffs of 1 to 2 s, for as many retries as fit in the 20 s, whatever the wall clock did.
        Assert.InRange(server.Arrivals[^1] - server.Arrivals[0], TimeSpan.FromSeconds(18), TimeSpan.FromSeconds(20));
        Assert.True(server.Arrivals.Count >= 10, $"{server.Arrivals.Count} attempts");
    }

    /// <summary>HTTP dates have whole seconds.</summary>
    private static DateTimeOffset Whole(DateTimeOffset time) => new(time.Ticks - (time.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

    private static FilterRequest Page() =>
        SessionQuery.Request(new SessionQuery().ToWireFilters(), null, null, SessionSortField.CreatedAt, SessionSortOrder.Descending, 1, 25);
}
