using System;

namespace OpenCx.Client.Http;

/// <summary>
/// What the client tells its caller while it works (the cmdlets turn it into -Verbose and
/// Write-Progress). Called from worker threads: implementations must only queue.
/// </summary>
public interface IClientTrace
{
    /// <param name="body">The JSON sent; empty for a GET.</param>
    /// <param name="detail">For -Debug: the request's headers and proxy, secrets redacted.</param>
    void RequestSent(Uri endpoint, string body, int attempt, string detail);

    /// <param name="detail">For -Debug: the answer's headers and timings, secrets redacted.</param>
    void ResponseReceived(int statusCode, TimeSpan elapsed, string detail);

    void Waiting(TimeSpan delay, WaitReason reason, string detail);

    /// <summary>A change the user may want to know of: the rate adapted to 429s, the budget shared or not.</summary>
    void Note(string message);
}

public enum WaitReason
{
    /// <summary>The connection's own request budget is spent; the next slot frees after the delay.</summary>
    RateBudget,

    /// <summary>The server answered 429 and asked the client to come back later.</summary>
    RetryAfter,

    /// <summary>A transient failure; backing off before the next attempt.</summary>
    Backoff,
}
