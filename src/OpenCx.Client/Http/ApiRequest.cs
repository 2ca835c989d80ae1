using System;
using System.Net.Http;

namespace OpenCx.Client.Http;

/// <summary>One call to the API, as <see cref="OpenCxClient"/> sends it, and what its failures are called.</summary>
internal sealed class ApiRequest
{
    private ApiRequest(HttpMethod method, Uri uri, byte[]? body, string what, string expected, OpenCxErrorKind notFoundKind, string notFound)
    {
        Method = method;
        Uri = uri;
        Body = body;
        What = what;
        Expected = expected;
        NotFoundKind = notFoundKind;
        NotFound = notFound;
    }

    public HttpMethod Method { get; }

    public Uri Uri { get; }

    /// <summary>The JSON body; null for a GET.</summary>
    public byte[]? Body { get; }

    /// <summary>What a 400 rejected ("the filter").</summary>
    public string What { get; }

    /// <summary>What a success should have carried ("the sessions JSON the API documents").</summary>
    public string Expected { get; }

    /// <summary>What a 404 means here: a wrong base URI, or a session that does not exist.</summary>
    public OpenCxErrorKind NotFoundKind { get; }

    /// <summary>The 404's message, without the status.</summary>
    public string NotFound { get; }

    public static ApiRequest Filter(Uri endpoint, byte[] body) => new(
        HttpMethod.Post,
        endpoint,
        body,
        "the filter",
        "the sessions JSON the API documents",
        OpenCxErrorKind.NotFound,
        $"There is no sessions endpoint at {endpoint}");

    /// <summary>A GET of one session's resource: a 404 means the session does not exist.</summary>
    public static ApiRequest ForSession(Uri uri, Guid sessionId, string expected) => new(
        HttpMethod.Get,
        uri,
        null,
        "the request",
        expected,
        OpenCxErrorKind.SessionNotFound,
        $"There is no session {sessionId}");

    /// <summary>A GET of the list of sessions: a 404 means the base URI does not lead to the API.</summary>
    public static ApiRequest ListSessions(Uri uri) => new(
        HttpMethod.Get,
        uri,
        null,
        "the list request",
        "the list of sessions the API documents",
        OpenCxErrorKind.NotFound,
        $"There is no sessions list at {uri.GetLeftPart(UriPartial.Path)}");
}
