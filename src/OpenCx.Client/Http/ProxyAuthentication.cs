using System;
using System.Net;
using System.Net.Http;

namespace OpenCx.Client.Http;

/// <summary>
/// Tells a proxy's 407 to a CONNECT (for an https address) from other network failures: the
/// runtime reports it as an exception, not as a response.
/// </summary>
internal static class ProxyAuthentication
{
    private const int Status = 407;

    public static bool WasRefused(HttpRequestException failure)
    {
        // .NET 5 and later (PowerShell 7) carry the proxy's status; netstandard2.0 cannot name the property.
        if (failure.GetType().GetProperty("StatusCode")?.GetValue(failure) is HttpStatusCode status)
        {
            return (int)status == Status;
        }

        // .NET Framework (Windows PowerShell 5.1) wraps the proxy's response in a WebException.
        for (Exception? inner = failure.InnerException; inner != null; inner = inner.InnerException)
        {
            if (inner is WebException { Response: HttpWebResponse response } && (int)response.StatusCode == Status)
            {
                return true;
            }
        }

        return false;
    }
}
