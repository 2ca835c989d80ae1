namespace OpenCx.Sandbox;

/// <summary>The failures the server can inject instead of answering a request.</summary>
public enum SandboxFault
{
    /// <summary>No fault: in <see cref="SandboxServerOptions.FaultSequence"/>, lets one request through.</summary>
    None = 0,

    /// <summary>500 with an ErrorDto, as the spec documents.</summary>
    Status500,

    /// <summary>502 with an ErrorDto, as from a gateway.</summary>
    Status502,

    /// <summary>503 with an ErrorDto.</summary>
    Status503,

    /// <summary>504 with an ErrorDto.</summary>
    Status504,

    /// <summary>The connection is aborted before any response is written.</summary>
    DropConnection,

    /// <summary>200 announcing the full Content-Length, half the body written, then the connection aborted.</summary>
    TruncatedBody,

    /// <summary>200 with an HTML page instead of JSON, as from a misconfigured proxy.</summary>
    NonJsonBody,

    /// <summary>400 with an ErrorDto, whatever the body: a client error that must not be retried.</summary>
    Status400,

    /// <summary>401 with an ErrorDto, as for a key revoked mid-run.</summary>
    Status401,

    /// <summary>403 with an ErrorDto.</summary>
    Status403,

    /// <summary>404 with an ErrorDto, as for a wrong base path.</summary>
    Status404,

    /// <summary>200 with no sessions but has_next true, whatever page is asked: a server that never ends.</summary>
    EmptyPageWithNext,

    /// <summary>200 with the first page of the unfiltered data and has_next true, whatever is asked.</summary>
    RepeatedPageWithNext,

    /// <summary>
    /// The real answer with values newer than the spec: an unknown channel, sentiment, status and
    /// ticketing system, and properties the spec does not name. A client must keep them, not fail.
    /// </summary>
    NewerThanSpec,

    /// <summary>307 to another host: a client that follows it would carry the key there.</summary>
    RedirectElsewhere,
}
