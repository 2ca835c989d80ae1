using System.Management.Automation;
using OpenCx.Client.Http;

namespace OpenCx.Commands.Infrastructure;

/// <summary>Turns a client failure into an ErrorRecord: its own ErrorId and category, and what to do next.</summary>
internal static class ApiErrors
{
    /// <param name="failure">What the client reported.</param>
    /// <param name="target">What the command was working on.</param>
    /// <param name="resume">How to continue from here, added to the advice; null when there is nothing to resume.</param>
    public static ErrorRecord ToErrorRecord(OpenCxException failure, object? target, string? resume = null)
    {
        (string id, ErrorCategory category, string advice) = Describe(failure.Kind);
        if (failure.Kind == OpenCxErrorKind.ProxyAuthenticationRequired)
        {
            advice = $"Give the proxy {failure.Proxy} its credentials: Connect-OpenCx -ProxyCredential (a user name and password), or -ProxyUseDefaultCredentials (the Windows account, for NTLM or Kerberos proxies), with -Proxy naming it.";
        }

        if (resume is not null)
        {
            advice = $"{advice} {resume}";
        }

        var record = new ErrorRecord(failure, id, category, target)
        {
            ErrorDetails = new ErrorDetails($"{failure.Message} {advice}")
            {
                RecommendedAction = advice,
            },
        };
        return record;
    }

    private static (string Id, ErrorCategory Category, string Advice) Describe(OpenCxErrorKind kind) => kind switch
    {
        OpenCxErrorKind.BadRequest => ("OpenCxBadRequest", ErrorCategory.InvalidArgument,
            "Check the filter values named in the server's message; run the command with -Verbose to see the request body."),
        OpenCxErrorKind.Unauthorized => ("OpenCxUnauthorized", ErrorCategory.AuthenticationError,
            "Check the API key (create one in the OpenCX dashboard), then run Connect-OpenCx again."),
        OpenCxErrorKind.Forbidden => ("OpenCxForbidden", ErrorCategory.PermissionDenied,
            "Use a key of a role that may read chat sessions, then run Connect-OpenCx again."),
        OpenCxErrorKind.NotFound => ("OpenCxEndpointNotFound", ErrorCategory.ObjectNotFound,
            "Check -BaseUri of Connect-OpenCx: it should be the API's root, for example https://api.open.cx."),
        OpenCxErrorKind.RateLimited => ("OpenCxRateLimited", ErrorCategory.LimitsExceeded,
            "Another client may be spending the same key's budget; run the command again later, or connect with a longer -MaximumRateLimitWaitSec or a lower -RateLimit."),
        OpenCxErrorKind.ServerError => ("OpenCxServerError", ErrorCategory.ResourceUnavailable,
            "The API kept failing after every retry; try again later, or raise -MaximumRetryCount on Connect-OpenCx."),
        OpenCxErrorKind.UnexpectedStatus => ("OpenCxUnexpectedStatus", ErrorCategory.ProtocolError,
            "Check -BaseUri of Connect-OpenCx; a proxy or gateway may be answering instead of the API."),
        OpenCxErrorKind.ProxyAuthenticationRequired => ("OpenCxProxyAuthenticationRequired", ErrorCategory.AuthenticationError,
            "Give the proxy its credentials with -ProxyCredential or -ProxyUseDefaultCredentials of Connect-OpenCx."),
        OpenCxErrorKind.Redirected => ("OpenCxRedirected", ErrorCategory.ProtocolError,
            "Connect with -BaseUri set to the address the server redirects to, if you trust it."),
        OpenCxErrorKind.Network => ("OpenCxNetworkError", ErrorCategory.ConnectionError,
            "Check the network, a proxy, or -BaseUri of Connect-OpenCx, then run the command again."),
        OpenCxErrorKind.Timeout => ("OpenCxTimeout", ErrorCategory.OperationTimeout,
            "The API did not answer in time after every retry; try again later, or narrow the filters."),
        OpenCxErrorKind.InvalidResponse => ("OpenCxInvalidResponse", ErrorCategory.InvalidResult,
            "Check -BaseUri of Connect-OpenCx: something other than the OpenCX API may be answering."),
        OpenCxErrorKind.PagingStalled => ("OpenCxPagingStalled", ErrorCategory.InvalidResult,
            "Report this to OpenCX support with the -Verbose output; narrowing the filters may avoid it."),
        OpenCxErrorKind.SessionNotFound => ("OpenCxSessionNotFound", ErrorCategory.ObjectNotFound,
            "Check the session id (Get-OpenCxSession lists the sessions there are); the other sessions are still read."),
        _ => ("OpenCxError", ErrorCategory.NotSpecified, "Run the command with -Verbose to see the requests."),
    };
}
