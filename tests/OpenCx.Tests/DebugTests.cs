using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using OpenCx.Client.Http;
using OpenCx.Commands.Infrastructure;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// -Debug runs to the end without a prompt in a host that can prompt (pwsh's can; the default
/// host of a runspace cannot, so these tests give theirs one), and the debug stream carries each
/// request's and answer's headers and timings, never the key.
/// </summary>
public sealed class DebugTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _sandbox;
    private readonly TestHost _host = new TestHost();
    private readonly ModuleSession _session;

    public DebugTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _session = ModuleSession.WithHost(_host);
    }

    public void Dispose() => _session.Dispose();

    [Fact]
    public void Debug_under_a_non_interactive_host_runs_to_the_end_with_no_prompt()
    {
        PowerShellRun run = _session.Run(
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -RateLimit 100000 -Debug\n" +
            "Get-OpenCxSession -PageSize 100 -First 150 -Debug",
            _sandbox.ConnectionVariables());

        Assert.Empty(_host.Prompts);
        Assert.Empty(run.Errors);
        Assert.Equal(150, run.Output.Count);
        // What -Verbose shows is in the debug stream too: the request bodies and the pages.
        Assert.Contains(run.Debug, d => d.StartsWith("POST ", StringComparison.Ordinal) && d.Contains("\"limit\":100", StringComparison.Ordinal));
        Assert.Contains(run.Debug, d => d.StartsWith("Page 2: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Debug_with_a_warning_to_give_runs_to_the_end_with_no_prompt_and_shows_it_in_the_debug_stream()
    {
        _sandbox.Options.Quirks.IgnoreSort = true;
        try
        {
            PowerShellRun run = _session.Run(
                "Connect-OpenCx -BaseUri $uri -ApiKey $key -RateLimit 100000 -SkipValidation\n" +
                "Get-OpenCxSession -PageSize 50 -First 120 -Debug",
                _sandbox.ConnectionVariables());

            Assert.Empty(_host.Prompts);
            Assert.Empty(run.Errors);
            Assert.Equal(120, run.Output.Count);
            Assert.Contains(run.Debug, d => d.StartsWith("WARNING: The server did not sort by created_at", StringComparison.Ordinal));
        }
        finally
        {
            _sandbox.ResetBehaviour();
        }
    }

    [Fact]
    public void Debug_shows_each_request_s_and_answer_s_headers_and_timings_with_the_key_redacted()
    {
        PowerShellRun run = _session.Run(
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -RateLimit 100000\n" +
            "Get-OpenCxSession -PageSize 10 -First 15 -Debug | Out-Null",
            _sandbox.ConnectionVariables());

        Assert.Empty(run.Errors);
        string[] requests = run.Debug.Where(d => d.StartsWith("Request headers (attempt 1, proxy: ", StringComparison.Ordinal)).ToArray();
        // Two pages and the check of the order between them.
        Assert.Equal(3, requests.Length);
        Assert.All(requests, r => Assert.Contains("\n    Authorization: Bearer (redacted)", r, StringComparison.Ordinal));
        Assert.All(requests, r => Assert.Contains("\n    Content-Type: application/json", r, StringComparison.Ordinal));
        string[] responses = run.Debug.Where(d => d.StartsWith("Response 200 OK: headers after ", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, responses.Length);
        Assert.All(responses, r => Assert.Matches(@"^Response 200 OK: headers after \d+ ms, complete after \d+ ms:\n    ", r));
        Assert.DoesNotContain(run.AllText().Concat(_host.Written), text => text.Contains(SandboxFixture.ApiKeyText, StringComparison.Ordinal));
    }

    [Fact]
    public void Debug_with_Verbose_keeps_the_verbose_lines_in_the_verbose_stream_and_adds_the_detail()
    {
        PowerShellRun run = _session.Run(
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -RateLimit 100000\n" +
            "Get-OpenCxSession -PageSize 10 -First 5 -Debug -Verbose | Out-Null",
            _sandbox.ConnectionVariables());

        Assert.Empty(_host.Prompts);
        Assert.Empty(run.Errors);
        Assert.Contains(run.Verbose, v => v.StartsWith("POST ", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Debug, d => d.StartsWith("POST ", StringComparison.Ordinal));
        Assert.Contains(run.Debug, d => d.StartsWith("Request headers ", StringComparison.Ordinal));
    }

    [Fact]
    public void Verbose_and_Debug_name_each_request_by_the_method_it_went_out_with()
    {
        PowerShellRun run = _session.Run(
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -RateLimit 100000\n" +
            "$id = (Get-OpenCxSession -First 1 -Verbose).Id\n" +
            "Get-OpenCxSessionHistory -SessionId $id -Debug | Out-Null",
            _sandbox.ConnectionVariables());

        Assert.Empty(run.Errors);
        string filter = Assert.Single(run.Verbose, v => RequestLine(v) && v.Contains("/chat/sessions/filter", StringComparison.Ordinal));
        Assert.StartsWith("POST http", filter, StringComparison.Ordinal);
        string[] history = run.Debug.Where(d => RequestLine(d) && d.Contains("/history", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(history);
        Assert.All(history, h => Assert.StartsWith("GET http", h, StringComparison.Ordinal));

        static bool RequestLine(string text) => System.Text.RegularExpressions.Regex.IsMatch(text, "^[A-Z]+ http");
    }

    /// <summary>A POST whose body the trace was not given (a caller that shows no bodies) is still a POST.</summary>
    [Fact]
    public void A_request_s_line_carries_its_method_and_not_a_guess_from_its_body()
    {
        var events = new System.Collections.Concurrent.BlockingCollection<TraceEvent>();
        var trace = new PipelineTrace(events);
        var address = new Uri("https://api.example/chat/sessions/filter");

        trace.RequestSent(HttpMethod.Post, address, string.Empty, 1, string.Empty);
        trace.RequestSent(HttpMethod.Get, address, string.Empty, 2, string.Empty);

        Assert.Equal(new[] { $"POST {address}", $"GET {address} (attempt 2)" }, events.Select(e => e.Message));
    }

    [Fact]
    public void A_proxy_address_shows_without_its_user_name_and_password()
    {
        Assert.Equal("http://(redacted)@proxy.example:3128/", HttpDebugText.Redact(new Uri("http://alice:s3cr%40t@proxy.example:3128/")));
        Assert.Equal("http://proxy.example:3128/", HttpDebugText.Redact(new Uri("http://proxy.example:3128/")));
    }

    [Fact]
    public void Credentials_in_any_header_show_as_their_scheme_only()
    {
        var key = new ApiKey("k3y-value-that-must-not-show");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://api.example/chat/sessions/filter");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "k3y-value-that-must-not-show");
        request.Headers.ProxyAuthorization = new AuthenticationHeaderValue("Basic", "YWxpY2U6czNjcjN0");
        request.Headers.Add("Cookie", "session=abc");
        request.Headers.Add("X-Echo", "the key is k3y-value-that-must-not-show");

        string text = HttpDebugText.Request(request, 1, "none", key);

        Assert.Contains("\n    Authorization: Bearer (redacted)", text, StringComparison.Ordinal);
        Assert.Contains("\n    Proxy-Authorization: Basic (redacted)", text, StringComparison.Ordinal);
        Assert.Contains("\n    Cookie: (redacted)", text, StringComparison.Ordinal);
        Assert.Contains("\n    X-Echo: the key is (redacted)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("YWxpY2U6czNjcjN0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("k3y-value", text, StringComparison.Ordinal);
    }
}
