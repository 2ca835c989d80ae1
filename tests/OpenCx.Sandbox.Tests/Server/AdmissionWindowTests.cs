using System;
using System.Linq;
using Xunit;

namespace OpenCx.Sandbox.Tests.Server;

/// <summary>
/// The server's rate limit on times the test gives, so sliding is proven exactly and without
/// waiting; RateLimitTests proves the 429 it answers with over HTTP.
/// </summary>
public sealed class AdmissionWindowTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly AdmissionWindow _window = new();

    [Fact]
    public void Window_slides_and_rejected_requests_do_not_count()
    {
        var window = TimeSpan.FromMilliseconds(1500);

        bool[] first = Enumerable.Range(0, 5).Select(i => Admit(TimeSpan.FromMilliseconds(100 * i), 2, window)).ToArray();
        bool[] second = Enumerable.Range(0, 2).Select(_ => Admit(TimeSpan.FromMilliseconds(1600), 2, window)).ToArray();

        // Had the three rejected requests (at 0.2 to 0.4 s) counted, they would still fill the window at 1.6 s.
        Assert.Equal([true, true, false, false, false], first);
        Assert.Equal([true, true], second);
    }

    [Fact]
    public void A_rejected_request_is_told_exactly_when_a_slot_frees_and_is_admitted_then()
    {
        var window = TimeSpan.FromSeconds(1);
        Assert.True(Admit(TimeSpan.Zero, 1, window));

        Assert.False(_window.TryAdmit(Start.AddMilliseconds(300), 1, window, out TimeSpan retryAfter));
        Assert.Equal(TimeSpan.FromMilliseconds(700), retryAfter);
        Assert.False(Admit(TimeSpan.FromMilliseconds(300) + retryAfter - TimeSpan.FromTicks(1), 1, window));
        Assert.True(Admit(TimeSpan.FromMilliseconds(300) + retryAfter, 1, window));
    }

    private bool Admit(TimeSpan at, int limit, TimeSpan window) => _window.TryAdmit(Start + at, limit, window, out _);
}
