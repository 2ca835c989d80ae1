using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests.Querying;

/// <summary>
/// What -Follow does after a poll failed once the client's retries ran out: back off, doubling to
/// a cap, for as long as the outage lasts, from the start of the first try that failed; on a
/// clock the test moves, so every delay is exact. FollowTests prove it end to end.
/// </summary>
public sealed class OutageBackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    private readonly ManualClock _clock = new();

    [Fact]
    public void The_delays_double_from_the_first_up_to_the_cap_and_stay_there()
    {
        var backoff = new OutageBackoff(_clock, First, Cap);

        TimeSpan[] delays = Enumerable.Range(0, 8).Select(_ => backoff.Failed(Outage())).ToArray();

        Assert.Equal(new[] { 5, 10, 20, 40, 60, 60, 60, 60 }, delays.Select(d => (int)d.TotalSeconds));
        Assert.Equal(8, backoff.Failures);
    }

    [Fact]
    public void The_default_backoff_starts_at_five_seconds_and_caps_at_a_minute()
    {
        var server = new ScriptedHandler(_clock);
        using OpenCxClient client = server.Client();
        var backoff = new OutageBackoff(client);

        Assert.Equal(TimeSpan.FromSeconds(5), backoff.Failed(Outage()));
        Assert.Equal(OutageBackoff.DefaultFirstDelay, backoff.FirstDelay);
        Assert.Equal(TimeSpan.FromSeconds(60), backoff.MaximumDelay);
    }

    [Fact]
    public void The_outage_counts_from_the_start_of_the_first_try_that_failed_until_the_recovery()
    {
        var backoff = new OutageBackoff(_clock, First, Cap);
        _clock.Advance(TimeSpan.FromSeconds(10));
        DateTimeOffset firstTry = _clock.UtcNow;
        backoff.Trying();
        _clock.Advance(TimeSpan.FromSeconds(28)); // the request's own retries
        backoff.Failed(Outage());
        _clock.Advance(TimeSpan.FromSeconds(5));
        backoff.Trying();
        _clock.Advance(TimeSpan.FromSeconds(28));
        backoff.Failed(Outage());

        Assert.True(backoff.IsFailing);
        Assert.Equal(firstTry, backoff.Since);
        Assert.Equal(TimeSpan.FromSeconds(61), backoff.Duration);
        Assert.Equal(TimeSpan.FromSeconds(61), backoff.Recovered());
        Assert.False(backoff.IsFailing);
        Assert.Null(backoff.Since);
        Assert.Equal(TimeSpan.Zero, backoff.Duration);
        Assert.Equal(TimeSpan.Zero, backoff.UntilNextTry);
    }

    [Fact]
    public void After_a_recovery_the_next_outage_backs_off_from_the_first_delay_again()
    {
        var backoff = new OutageBackoff(_clock, First, Cap);
        for (int i = 0; i < 6; i++)
        {
            backoff.Failed(Outage());
        }

        backoff.Recovered();
        _clock.Advance(TimeSpan.FromMinutes(5));
        backoff.Trying();
        DateTimeOffset secondOutage = _clock.UtcNow;

        Assert.Equal(First, backoff.Failed(Outage()));
        Assert.Equal(1, backoff.Failures);
        Assert.Equal(secondOutage, backoff.Since);
    }

    [Fact]
    public void A_Retry_After_longer_than_the_backoff_is_waited_and_a_shorter_one_is_not()
    {
        var backoff = new OutageBackoff(_clock, First, Cap);

        Assert.Equal(TimeSpan.FromMinutes(90), backoff.Failed(Outage(retryAfter: TimeSpan.FromMinutes(90))));
        Assert.Equal(TimeSpan.FromSeconds(10), backoff.Failed(Outage(retryAfter: TimeSpan.FromSeconds(2))));
    }

    [Fact]
    public async Task The_wait_goes_a_second_at_a_time_on_the_clock_until_the_next_try_is_due()
    {
        var backoff = new OutageBackoff(_clock, TimeSpan.FromSeconds(2.5), Cap);
        backoff.Failed(Outage());
        int pauses = 0;

        while (true)
        {
            Task<bool> pause = backoff.PauseAsync(CancellationToken.None);
            Assert.False(pause.IsCompleted);
            _clock.Advance(_clock.Delays[^1]);
            pauses++;
            if (!await pause)
            {
                break;
            }
        }

        Assert.Equal(3, pauses);
        Assert.Equal(new[] { 1.0, 1.0, 0.5 }, _clock.Delays.Select(d => d.TotalSeconds));
        Assert.Equal(TimeSpan.Zero, backoff.UntilNextTry);
    }

    [Fact]
    public async Task Ctrl_C_ends_the_wait_at_once()
    {
        var backoff = new OutageBackoff(_clock, First, Cap);
        backoff.Failed(Outage());
        using var stop = new CancellationTokenSource();

        Task<bool> pause = backoff.PauseAsync(stop.Token);
        stop.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pause);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    public async Task Only_a_failure_that_may_pass_is_an_outage(HttpStatusCode status, bool outage)
    {
        var server = new ScriptedHandler(_clock, _ => ScriptedHandler.Status(status));
        using OpenCxClient client = server.Client(o =>
        {
            o.Retry = new RetryPolicy(0, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
            o.MaximumRateLimitWait = TimeSpan.Zero;
        });
        var backoff = new OutageBackoff(client);

        OpenCxException failure = await Assert.ThrowsAsync<OpenCxException>(() => client.CheckAccessAsync(null, CancellationToken.None));

        Assert.Equal(outage, OutageBackoff.IsOutage(failure));
        if (outage)
        {
            Assert.Equal(First, backoff.Failed(failure));
        }
        else
        {
            Assert.Throws<ArgumentException>(() => backoff.Failed(failure));
            Assert.False(backoff.IsFailing);
        }
    }

    private static OpenCxException Outage(TimeSpan? retryAfter = null) =>
        new(OpenCxErrorKind.ServerError, "The API failed (503 Service Unavailable).", 503)
        {
            IsTransient = true,
            RetryAfter = retryAfter,
        };
}
