namespace OpenCx.Client.Http;

/// <summary>What went wrong with a call, so the cmdlets can choose an error id and category.</summary>
public enum OpenCxErrorKind
{
    /// <summary>400: the server rejected the request body.</summary>
    BadRequest,

    /// <summary>401: the key is missing, wrong or revoked.</summary>
    Unauthorized,

    /// <summary>403: the key is valid but not allowed to read sessions.</summary>
    Forbidden,

    /// <summary>404: the base URI does not lead to the OpenCX API.</summary>
    NotFound,

    /// <summary>429s for longer than the connection waits in total, or a Retry-After over an hour.</summary>
    RateLimited,

    /// <summary>5xx after every retry.</summary>
    ServerError,

    /// <summary>Any other HTTP status the API does not document.</summary>
    UnexpectedStatus,

    /// <summary>407: the proxy wants credentials it was not given, or refused the ones it was.</summary>
    ProxyAuthenticationRequired,

    /// <summary>A 3xx: the module does not follow redirects, so the key never goes to another host.</summary>
    Redirected,

    /// <summary>No connection, a dropped connection, a DNS or TLS failure, after every retry.</summary>
    Network,

    /// <summary>No answer within the request timeout, after every retry.</summary>
    Timeout,

    /// <summary>A success status with a body that is not the expected JSON, after every retry.</summary>
    InvalidResponse,

    /// <summary>The server kept promising more pages without sending new sessions.</summary>
    PagingStalled,

    /// <summary>404 from a session's own address: no session has that id (the message names it).</summary>
    SessionNotFound,
}
