using System;
using System.Net.Http;

namespace OpenCx.Client.Http;

/// <summary>
/// What the client tells its caller while it works (the cmdlets turn it into -Verbose and
/// Write-Progress). Called from worker threads: implementations must only queue.
/// </summary>
public interface IClientTrace
{
    /// <summary>
    /// What the caller will show of each request: the client builds the request's text (its body
    /// as a string, its headers) only for a caller that shows it.
    /// </summary>
    TraceDetail Wanted { get; }

    /// <param name="method">The request's method, as it went out.</param>
    /// <param name="body">The JSON sent (empty for a GET), or empty unless <see cref="Wanted"/> has <see cref="TraceDetail.Requests"/>.</param>
    /// <param name="detail">For -Debug: the request's headers and proxy, secrets redacted; empty unless <see cref="Wanted"/> has <see cref="TraceDetail.Headers"/>.</param>
    void RequestSent(HttpMethod method, Uri endpoint, string body, int attempt, string detail);

    /// <param name="detail">For -Debug: the answer's headers and timings, secrets redacted; empty unless <see cref="Wanted"/> has <see cref="TraceDetail.Headers"/>.</param>
    void ResponseReceived(int statusCode, TimeSpan elapsed, string detail);

    void Waiting(TimeSpan delay, WaitReason reason, string detail);

    /// <summary>A change the user may want to know of: the rate adapted to 429s, the budget shared or not.</summary>
    void Note(string message);
}

/// <summary>What a trace shows of each request.</summary>
[Flags]
public enum TraceDetail
{
    /// <summary>Nothing of the requests themselves (their waits and notes still).</summary>
    None = 0,

    /// <summary>Each request's address and body (-Verbose).</summary>
    Requests = 1,

    /// <summary>Each request's and answer's headers (-Debug).</summary>
    Headers = 2,
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
