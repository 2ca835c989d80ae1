using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OpenCx.Sandbox;

/// <summary>
/// What the server decided to do with a request, before doing it: the request is logged and
/// churn applied first, so a client that has its answer can rely on both.
/// </summary>
internal sealed class SandboxOutcome
{
    public SandboxOutcome(int status, string? fault, Func<HttpContext, CancellationToken, Task> send)
    {
        Status = status;
        Fault = fault;
        Send = send;
    }

    /// <summary>The status to send; 0 when the connection is dropped without a response.</summary>
    public int Status { get; }

    /// <summary>What was injected (a <see cref="SandboxFault"/> name or "RateLimited"); null for a normal answer.</summary>
    public string? Fault { get; }

    public Func<HttpContext, CancellationToken, Task> Send { get; }

    /// <summary>The body to send, when it is sent whole; null for a fault that sends something else.</summary>
    public byte[]? Body { get; init; }

    public static SandboxOutcome Of(SandboxResponse answer, string? fault = null) =>
        new(answer.StatusCode, fault, (context, cancellationToken) => WriteAsync(context, answer, cancellationToken)) { Body = answer.Body };

    private static async Task WriteAsync(HttpContext context, SandboxResponse answer, CancellationToken cancellationToken)
    {
        HttpResponse response = context.Response;
        response.StatusCode = answer.StatusCode;
        response.ContentType = SandboxResponse.ContentType;
        response.ContentLength = answer.Body.Length;
        if (answer.StatusCode == StatusCodes.Status405MethodNotAllowed)
        {
            response.Headers.Allow = SandboxEndpoint.AllowedMethod(context.Request.Path.Value ?? "") ?? "POST";
        }

        await response.Body.WriteAsync(answer.Body, cancellationToken).ConfigureAwait(false);
    }
}
