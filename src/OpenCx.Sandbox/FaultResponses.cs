using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OpenCx.Sandbox;

/// <summary>Writes what each <see cref="SandboxFault"/> looks like on the wire.</summary>
internal static class FaultResponses
{
    private static readonly byte[] HtmlPage = Encoding.UTF8.GetBytes(
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>\n");

    /// <summary>
    /// Writes <paramref name="fault"/>; <paramref name="realBody"/> is the answer the request
    /// deserved, which <see cref="SandboxFault.TruncatedBody"/> cuts in half. Returns the status
    /// sent, or 0 when the connection was dropped before any.
    /// </summary>
    public static async Task<int> WriteAsync(HttpContext context, SandboxFault fault, Func<byte[]> realBody, CancellationToken cancellationToken)
    {
        var response = context.Response;
        switch (fault)
        {
            case SandboxFault.DropConnection:
                context.Abort();
                return 0;
            case SandboxFault.TruncatedBody:
                byte[] full = realBody();
                response.StatusCode = 200;
                response.ContentType = SandboxResponse.ContentType;
                response.ContentLength = full.Length;
                await response.Body.WriteAsync(full.AsMemory(0, full.Length / 2), cancellationToken).ConfigureAwait(false);
                await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                context.Abort();
                return 200;
            case SandboxFault.NonJsonBody:
                response.StatusCode = 200;
                response.ContentType = "text/html; charset=utf-8";
                await response.Body.WriteAsync(HtmlPage, cancellationToken).ConfigureAwait(false);
                return 200;
            default:
                int status = fault switch
                {
                    SandboxFault.Status502 => 502,
                    SandboxFault.Status503 => 503,
                    SandboxFault.Status504 => 504,
                    _ => 500,
                };
                await SandboxRequestPipeline.WriteAsync(context, SandboxResponse.Error(status, $"Injected fault: {fault}"), cancellationToken).ConfigureAwait(false);
                return status;
        }
    }
}
