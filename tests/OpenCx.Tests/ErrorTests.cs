using System;
using System.Linq;
using System.Management.Automation;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>Every failure has its own ErrorId and category, says what to do, and loses nothing already written.</summary>
public sealed class ErrorTests : IClassFixture<SandboxFixture>, IDisposable
{
    private const string FastRetries = "-MaximumRetryCount 2 -RetryIntervalSec 0.01";
    private readonly SandboxFixture _sandbox;

    public ErrorTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _sandbox.ResetBehaviour();
    }

    public void Dispose() => _sandbox.ResetBehaviour();

    [Theory]
    [InlineData("-Channel tiktok")]
    [InlineData("-Status bogus")]
    [InlineData("-Status -1")]
    [InlineData("-AiClosure maybe")]
    [InlineData("-Sentiment furious")]
    [InlineData("-WaitingOn robots")]
    [InlineData("-SortBy updated_at")]
    [InlineData("-SortOrder sideways")]
    [InlineData("-PageSize 0")]
    [InlineData("-PageSize 101")]
    [InlineData("-TicketNumber -1")]
    [InlineData("-AssigneeId -5")]
    [InlineData("-Tag ''")]
    [InlineData("-Language @()")]
    public void An_invalid_parameter_value_fails_validation_and_sends_no_request(string parameters)
    {
        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession {parameters}");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Empty(run.Output);
        Assert.Empty(_sandbox.Server.Requests);
    }

    /// <summary>-Channel, -AiClosure and -Sentiment check their sets as ValidateSet did: any case, and an error that names the set.</summary>
    [Fact]
    public void A_set_of_values_takes_any_case_and_a_value_outside_it_is_refused_with_the_set_named()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -Channel WhatsApp, tiktok");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("\"tiktok\" is not one of web, email,", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);

        run = _sandbox.RunConnected("Get-OpenCxSession -Channel WhatsApp -AiClosure Handed_Off -Sentiment ANGRY -First 1");
        Assert.Empty(run.Errors);
        System.Text.Json.JsonElement filters = _sandbox.RequestBodies()[0].GetProperty("filters");
        Assert.Equal(
            "[\"whatsapp\"] [\"handed_off\"] [\"angry\"]",
            $"{filters.GetProperty("channels").GetRawText()} {filters.GetProperty("ai_closure").GetRawText()} {filters.GetProperty("sentiment").GetRawText()}");
    }

    [Theory]
    [InlineData("-CreatedAfter '2026-05-01' -CreatedBefore '2026-04-01'", "OpenCxDateRangeReversed", "Swap")]
    [InlineData("-CustomData @{}", "OpenCxInvalidCustomData", "empty")]
    [InlineData("-CustomData @{ plan = @{ nested = 1 } }", "OpenCxInvalidCustomData", "text, numbers or booleans")]
    [InlineData("-CustomData @{ plan = $null }", "OpenCxInvalidCustomData", "no value")]
    [InlineData("-AssigneeId 5 -Unassigned", "AmbiguousParameterSet", "")]
    public void Inconsistent_parameters_fail_with_a_clear_error_before_any_request(string parameters, string errorId, string hint)
    {
        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession {parameters}");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains(hint, error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Theory]
    [InlineData(SandboxFault.Status400, "OpenCxBadRequest", ErrorCategory.InvalidArgument)]
    [InlineData(SandboxFault.Status401, "OpenCxUnauthorized", ErrorCategory.AuthenticationError)]
    [InlineData(SandboxFault.Status403, "OpenCxForbidden", ErrorCategory.PermissionDenied)]
    [InlineData(SandboxFault.Status404, "OpenCxEndpointNotFound", ErrorCategory.ObjectNotFound)]
    public void A_client_error_is_not_retried_and_carries_the_server_message(SandboxFault fault, string errorId, ErrorCategory category)
    {
        _sandbox.Options.FaultSequence.Enqueue(fault);

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession", FastRetries);

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Contains("The server said:", error.ToString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(error.ErrorDetails.RecommendedAction));
        Assert.Single(_sandbox.Server.Requests);
    }

    [Theory]
    [InlineData(SandboxFault.Status500, "OpenCxServerError", ErrorCategory.ResourceUnavailable)]
    [InlineData(SandboxFault.Status503, "OpenCxServerError", ErrorCategory.ResourceUnavailable)]
    [InlineData(SandboxFault.DropConnection, "OpenCxNetworkError", ErrorCategory.ConnectionError)]
    [InlineData(SandboxFault.TruncatedBody, "OpenCxNetworkError", ErrorCategory.ConnectionError)]
    [InlineData(SandboxFault.NonJsonBody, "OpenCxInvalidResponse", ErrorCategory.InvalidResult)]
    public void A_transient_failure_is_retried_a_bounded_number_of_times_then_reported(SandboxFault fault, string errorId, ErrorCategory category)
    {
        _sandbox.Options.FaultRate = 1;
        _sandbox.Options.Faults = new[] { fault };

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession", FastRetries);

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(category, error.CategoryInfo.Category);
        Assert.Equal(3, _sandbox.Server.Requests.Count);
    }

    [Fact]
    public void A_redirect_is_not_followed_so_the_key_stays_here()
    {
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.RedirectElsewhere);

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession", FastRetries);

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxRedirected,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ProtocolError, error.CategoryInfo.Category);
        Assert.Contains("https://collector.example/chat/sessions/filter", error.ToString(), StringComparison.Ordinal);
        Assert.Single(_sandbox.Server.Requests);
    }

    [Fact]
    public void A_429_that_asks_for_more_than_the_total_rate_limit_wait_is_reported_as_rate_limited()
    {
        // 429s are not retries (-MaximumRetryCount 0 does not end the wait); the total wait does.
        _sandbox.Options.RateLimit = 1;
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -PageSize 10 -First 20", "-MaximumRetryCount 0 -MaximumRateLimitWaitSec 5 -RateLimit 8001");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxRateLimited,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("more would pass the 5 s the connection allows in total", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("-MaximumRateLimitWaitSec", error.ErrorDetails?.RecommendedAction ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(10, run.Output.Count);
        Assert.Equal(2, _sandbox.Server.Requests.Count);
    }

    /// <summary>A gateway's daily quota, say: waiting it out would hang the script, and 30 days overflow .NET's timer.</summary>
    [Theory]
    [InlineData(2)]
    [InlineData(30 * 24)]
    public void A_Retry_After_longer_than_an_hour_is_reported_at_once_as_rate_limited(int hours)
    {
        _sandbox.Options.RateLimit = 1;
        _sandbox.Options.RateLimitWindow = TimeSpan.FromHours(hours);

        // A budget of its own, so that no other test shares the limiter this one may block.
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -PageSize 10 -First 20", $"-RateLimit {9000 + hours}");

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxRateLimited,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains($"asked to retry after {hours * 60} minutes", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_cannot_be_reached_is_a_connection_error()
    {
        PowerShellRun run = _sandbox.PowerShell.Run(
            "Connect-OpenCx -BaseUri 'http://127.0.0.1:1' -ApiKey $key -SkipValidation -MaximumRetryCount 1 -RetryIntervalSec 0.01\n" +
            "Get-OpenCxSession",
            _sandbox.ConnectionVariables());

        ErrorRecord error = Assert.Single(run.Errors);
        Assert.StartsWith("OpenCxNetworkError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        Assert.Contains("127.0.0.1", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Sessions_written_before_a_failure_stay_written_and_are_not_repeated()
    {
        // The first page, its other order (the check that the server sorts), the second page, then a 403.
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.None);
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.None);
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.None);
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.Status403);

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -PageSize 10");

        Assert.StartsWith("OpenCxForbidden,", Assert.Single(run.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        string[] ids = run.Objects<ChatSession>().Select(s => s.Id.ToString()).ToArray();
        // Two pages arrived; the second repeats the first's boundary session, which is not written twice.
        Assert.Equal(19, ids.Length);
        Assert.Equal(_sandbox.Truth(_sandbox.Server.Requests[0].Body).Take(19), ids);
    }
}
