using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Sandbox;

/// <summary>
/// Serves a <see cref="SandboxEngine"/> to an <see cref="HttpClient"/> in-process, with no
/// socket, as <see cref="SandboxEndpoint"/> describes: POST {any base path}/chat/sessions/filter
/// and GET {any base path}/chat/sessions, with any non-empty bearer token.
/// </summary>
public sealed class SandboxHttpHandler : HttpMessageHandler
{
    public SandboxHttpHandler(SandboxEngine engine) => Engine = engine ?? throw new ArgumentNullException(nameof(engine));

    public SandboxEngine Engine { get; }

    /// <summary>
    /// Raised after each answer of any handler of this process, Connect-OpenCx -Sandbox's among
    /// them, with what was asked and answered: the test suite holds every exchange of the
    /// in-process sandbox to the spec, as it does the sandbox server's log.
    /// </summary>
    internal static event EventHandler<SandboxExchange>? Answered;

    /// <summary>How this server departs from the spec; read on every request.</summary>
    public SandboxQuirks Quirks { get; set; } = SandboxQuirks.None;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        cancellationToken.ThrowIfCancellationRequested();

        // netstandard2.0 has no cancellable overload: the token is checked again once the body is in.
        byte[] body = request.Content is null ? Array.Empty<byte>() : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();

        string path = request.RequestUri?.AbsolutePath ?? "";
        SandboxResponse answer = SandboxEndpoint.Answer(
            Engine, request.Method.Method, path, request.Headers.Authorization?.ToString(), body, quirks: Quirks, query: request.RequestUri?.Query);
        Answered?.Invoke(this, new SandboxExchange(request.Method.Method, path, request.RequestUri?.Query ?? "", body, answer.StatusCode, answer.Body));
        return ToHttpResponse(request, answer);
    }

    private static HttpResponseMessage ToHttpResponse(HttpRequestMessage request, SandboxResponse answer)
    {
        var content = new ByteArrayContent(answer.Body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(SandboxResponse.ContentType);
        if (answer.StatusCode == (int)HttpStatusCode.MethodNotAllowed)
        {
            content.Headers.Allow.Add(SandboxEndpoint.AllowedMethod(request.RequestUri?.AbsolutePath ?? "") ?? "POST");
        }

        return new HttpResponseMessage((HttpStatusCode)answer.StatusCode) { Content = content, RequestMessage = request };
    }
}
