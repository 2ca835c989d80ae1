using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

public sealed class ConnectTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;

    public ConnectTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    [Fact]
    public void Connect_OpenCx_checks_the_key_with_one_minimal_request()
    {
        _sandbox.Server.ClearRequests();
        PowerShellRun run = _sandbox.PowerShell.Run("Connect-OpenCx -BaseUri $uri -ApiKey $key -PassThru", _sandbox.ConnectionVariables());

        Assert.Empty(run.Errors);
        OpenCxConnection connection = Assert.Single(run.Objects<OpenCxConnection>());
        Assert.True(connection.Validated);
        Assert.False(connection.IsSandbox);
        SandboxRequestLogEntry request = Assert.Single(_sandbox.Server.Requests);
        Assert.Contains("\"limit\":1", request.Body, StringComparison.Ordinal);
        Assert.True(request.HadAuthorization);
    }

    [Fact]
    public void Connect_OpenCx_with_a_wrong_key_fails_with_an_authentication_error_that_says_what_to_do()
    {
        ErrorRecord error = _sandbox.PowerShell.RunExpectingError(
            "Disconnect-OpenCx; Connect-OpenCx -BaseUri $uri -ApiKey $wrong",
            new Dictionary<string, object?> { ["uri"] = _sandbox.Server.BaseUri, ["wrong"] = SandboxFixture.SecureKey("not-the-key") });

        Assert.StartsWith("OpenCxUnauthorized,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("Connect-OpenCx", error.ErrorDetails.Message, StringComparison.Ordinal);
        Assert.Empty(_sandbox.PowerShell.Run("Get-OpenCxConnection").Output);
    }

    [Fact]
    public void SkipValidation_sends_no_request()
    {
        _sandbox.Server.ClearRequests();
        PowerShellRun run = _sandbox.PowerShell.Run("Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -PassThru", _sandbox.ConnectionVariables());

        Assert.Empty(run.Errors);
        Assert.False(Assert.Single(run.Objects<OpenCxConnection>()).Validated);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Fact]
    public void Without_ApiKey_the_OPENCX_API_KEY_environment_variable_is_used()
    {
        PowerShellRun run = _sandbox.PowerShell.Run(
            "$env:OPENCX_API_KEY = $plain; try { Connect-OpenCx -BaseUri $uri -PassThru } finally { $env:OPENCX_API_KEY = $null }",
            new Dictionary<string, object?> { ["uri"] = _sandbox.Server.BaseUri, ["plain"] = SandboxFixture.ApiKeyText });

        Assert.Empty(run.Errors);
        Assert.True(Assert.Single(run.Objects<OpenCxConnection>()).Validated);
    }

    [Fact]
    public void Without_any_key_Connect_OpenCx_fails_at_once_instead_of_prompting()
    {
        ErrorRecord error = _sandbox.PowerShell.RunExpectingError("$env:OPENCX_API_KEY = $null; Connect-OpenCx -BaseUri 'https://api.example'");

        Assert.StartsWith("OpenCxApiKeyMissing,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("OPENCX_API_KEY", error.Exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://api.example.com")]
    [InlineData("http://10.0.0.5:8080")]
    public void Plain_http_to_a_host_that_is_not_loopback_is_refused(string baseUri)
    {
        ErrorRecord error = _sandbox.PowerShell.RunExpectingError(
            $"Connect-OpenCx -BaseUri '{baseUri}' -ApiKey $key -SkipValidation", _sandbox.ConnectionVariables());

        Assert.StartsWith("OpenCxInvalidBaseUri,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("https", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_base_uri_that_is_not_absolute_is_refused_before_any_request()
    {
        _sandbox.Server.ClearRequests();
        ErrorRecord error = _sandbox.PowerShell.RunExpectingError("Connect-OpenCx -BaseUri 'api.open.cx/v1' -ApiKey $key", _sandbox.ConnectionVariables());

        Assert.StartsWith("OpenCxInvalidBaseUri,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Fact]
    public void A_base_uri_with_a_path_prefix_keeps_the_prefix()
    {
        PowerShellRun run = _sandbox.PowerShell.Run(
            "Connect-OpenCx -BaseUri ($uri.AbsoluteUri + 'opencx') -ApiKey $key\nGet-OpenCxSession -First 1",
            _sandbox.ConnectionVariables());

        Assert.Empty(run.Errors);
        Assert.All(_sandbox.Server.Requests.TakeLast(2), r => Assert.Equal("/opencx/chat/sessions/filter", r.Path));
    }

    [Fact]
    public void Get_OpenCxConnection_and_Disconnect_OpenCx_complete_the_set()
    {
        PowerShellRun run = _sandbox.PowerShell.Run(
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation\n" +
            "Get-OpenCxConnection\n" +
            "Disconnect-OpenCx\n" +
            "@(Get-OpenCxConnection).Count",
            _sandbox.ConnectionVariables());

        Assert.Empty(run.Errors);
        Assert.Equal(_sandbox.Server.BaseUri, Assert.Single(run.Objects<OpenCxConnection>()).BaseUri);
        Assert.Equal(0, run.Output.Last().BaseObject);
    }

    [Fact]
    public void Get_OpenCxSession_without_a_connection_says_how_to_connect()
    {
        ErrorRecord error = _sandbox.PowerShell.RunExpectingError("Disconnect-OpenCx; Get-OpenCxSession");

        Assert.StartsWith("OpenCxNotConnected,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
        Assert.Contains("Connect-OpenCx", error.Exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_object_lets_one_script_use_two_organisations()
    {
        _sandbox.Server.ClearRequests();
        PowerShellRun run = _sandbox.PowerShell.Run(
            "$real = Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -PassThru\n" +
            "Connect-OpenCx -Sandbox\n" +
            "$fromServer = Get-OpenCxSession -Connection $real -First 3\n" +
            "$fromSandbox = Get-OpenCxSession -First 3\n" +
            "$fromServer.Count; $fromSandbox.Count; (Get-OpenCxConnection).IsSandbox",
            _sandbox.ConnectionVariables());

        Assert.Empty(run.Errors);
        Assert.Equal(new object[] { 3, 3, true }, run.Output.Select(o => o.BaseObject));
        Assert.Single(_sandbox.Server.Requests);
    }

    [Fact]
    public void Connect_OpenCx_Sandbox_works_with_no_key_and_no_network_and_says_it_is_the_sandbox()
    {
        PowerShellRun run = _sandbox.PowerShell.Run(
            "$env:OPENCX_API_KEY = $null\n" +
            "Connect-OpenCx -Sandbox\n" +
            "Get-OpenCxConnection\n" +
            "Get-OpenCxSession -Channel email -Status open -First 5");

        Assert.Empty(run.Errors);
        OpenCxConnection connection = Assert.Single(run.Objects<OpenCxConnection>());
        Assert.True(connection.IsSandbox);
        Assert.Contains("sandbox", connection.ToString(), StringComparison.OrdinalIgnoreCase);
        ChatSession[] sessions = run.Objects<ChatSession>().ToArray();
        Assert.Equal(5, sessions.Length);
        Assert.All(sessions, s => Assert.Equal(("email", "open"), (s.Channel, s.Status)));
    }

    [Fact]
    public void RateLimitWindowSec_counts_in_seconds_like_its_neighbours()
    {
        PowerShellRun run = _sandbox.PowerShell.Run("(Connect-OpenCx -Sandbox -RateLimit 30 -RateLimitWindowSec 90 -PassThru).RateLimitWindow");

        Assert.Empty(run.Errors);
        Assert.Equal(TimeSpan.FromSeconds(90), Assert.Single(run.Output).BaseObject);
    }

    [Theory]
    [InlineData("-RateLimitWindowSec 0", "RateLimitWindowSec")]
    [InlineData("-RateLimitWindowSec -60", "RateLimitWindowSec")]
    [InlineData("-RateLimitWindowSec 3601", "RateLimitWindowSec")]
    [InlineData("-RateLimitWindowSec ([int]::MaxValue)", "RateLimitWindowSec")]
    [InlineData("-TimeoutSec 0", "TimeoutSec")]
    [InlineData("-TimeoutSec ([int]::MaxValue)", "TimeoutSec")]
    [InlineData("-RetryIntervalSec -0.5", "RetryIntervalSec")]
    [InlineData("-RetryIntervalSec 301", "RetryIntervalSec")]
    [InlineData("-RetryIntervalSec ([double]::NaN)", "RetryIntervalSec")]
    [InlineData("-RetryIntervalSec ([double]::PositiveInfinity)", "RetryIntervalSec")]
    [InlineData("-MaximumRetryCount -1", "MaximumRetryCount")]
    [InlineData("-MaximumRetryCount 21", "MaximumRetryCount")]
    [InlineData("-RateLimit 0", "RateLimit")]
    [InlineData("-RateLimit 100001", "RateLimit")]
    [InlineData("-MaximumRateLimitWaitSec -1", "MaximumRateLimitWaitSec")]
    [InlineData("-MaximumRateLimitWaitSec 86401", "MaximumRateLimitWaitSec")]
    public void A_numeric_value_out_of_range_is_a_validation_error_that_names_the_range_before_any_request(string parameters, string parameter)
    {
        _sandbox.Server.ClearRequests();
        ErrorRecord error = _sandbox.PowerShell.RunExpectingError($"Connect-OpenCx -BaseUri $uri -ApiKey $key {parameters}", _sandbox.ConnectionVariables());

        Assert.StartsWith("ParameterArgumentValidationError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.IsAssignableFrom<ParameterBindingException>(error.Exception);
        Assert.Contains($"parameter '{parameter}'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("Supply an argument that is", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    /// <summary>PowerShell binds the old -RateLimitWindow to -RateLimitWindowSec as a prefix: its time spans must not pass as something else.</summary>
    [Theory]
    [InlineData("-RateLimitWindow 00:01:00", "RateLimitWindowSec")]
    [InlineData("-RateLimitWindowSec ([timespan]::FromMinutes(1))", "RateLimitWindowSec")]
    [InlineData("-TimeoutSec '00:00:30'", "TimeoutSec")]
    [InlineData("-RetryIntervalSec (New-TimeSpan -Seconds 2)", "RetryIntervalSec")]
    [InlineData("-MaximumRateLimitWaitSec '00:30:00'", "MaximumRateLimitWaitSec")]
    public void A_time_span_for_a_seconds_parameter_is_refused_with_a_message_that_asks_for_seconds(string parameters, string parameter)
    {
        _sandbox.Server.ClearRequests();
        ErrorRecord error = _sandbox.PowerShell.RunExpectingError($"Connect-OpenCx -BaseUri $uri -ApiKey $key {parameters}", _sandbox.ConnectionVariables());

        Assert.StartsWith("ParameterArgumentTransformationError,", error.FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains($"parameter '{parameter}'", error.Exception.Message, StringComparison.Ordinal);
        Assert.Contains("number of seconds: for one minute, give 60", error.Exception.Message, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    [Fact]
    public async Task A_RetryIntervalSec_above_the_30_second_cap_is_waited_in_full_not_cut_to_the_cap()
    {
        _sandbox.Server.ClearRequests();
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.Status500);
        (PowerShell shell, Task<PSDataCollection<PSObject>> completion) = _sandbox.PowerShell.Start(
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -MaximumRetryCount 1 -RetryIntervalSec 300 -Verbose", _sandbox.ConnectionVariables());
        using (shell)
        {
            Func<string?> wait = () => shell.Streams.Verbose.Select(v => v.Message).FirstOrDefault(m => m.StartsWith("Transient failure: waiting", StringComparison.Ordinal));
            Assert.True(SpinWait.SpinUntil(() => wait() != null, TimeSpan.FromSeconds(10)), "no retry wait was reported");
            shell.Stop();
            await Assert.ThrowsAsync<PipelineStoppedException>(() => completion);

            // Equal jitter: between half the interval and all of it, so at least 150 s (the old cap allowed 15 to 30).
            double seconds = double.Parse(Regex.Match(wait()!, @"waiting ([\d.]+) s").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.InRange(seconds, 150, 300);
        }
    }

    /// <summary>The trap of a loop over organisations: the next one's failure must not leave the last one current.</summary>
    [Theory]
    [InlineData("-BaseUri $uri -ApiKey $wrong", "OpenCxUnauthorized", 1)]
    [InlineData("-BaseUri 'http://127.0.0.1:1' -ApiKey $key -MaximumRetryCount 0", "OpenCxNetworkError", 0)]
    [InlineData("-BaseUri $uri -ApiKey $null", "OpenCxApiKeyMissing", 0)]
    [InlineData("-BaseUri $uri -ApiKey $empty", "OpenCxApiKeyMissing", 0)]
    [InlineData("-BaseUri $null -ApiKey $key", "OpenCxInvalidBaseUri", 0)]
    [InlineData("-BaseUri 'http://api.example.com' -ApiKey $key", "OpenCxInvalidBaseUri", 0)]
    public void A_failed_connect_after_a_good_one_leaves_no_current_connection(string failing, string errorId, int requests)
    {
        Dictionary<string, object?> variables = _sandbox.ConnectionVariables();
        variables["wrong"] = SandboxFixture.SecureKey("not-the-key");
        variables["empty"] = new System.Security.SecureString();
        variables["plain"] = SandboxFixture.ApiKeyText;
        _sandbox.Server.ClearRequests();

        PowerShellRun run = _sandbox.PowerShell.Run(
            "Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation\n" +
            "$env:OPENCX_API_KEY = $plain\n" +
            $"try {{ Connect-OpenCx {failing} }} finally {{ $env:OPENCX_API_KEY = $null }}\n" +
            "Get-OpenCxSession -First 1\n" +
            "@(Get-OpenCxConnection).Count",
            variables);

        Assert.Equal(2, run.Errors.Count);
        Assert.StartsWith(errorId + ",", run.Errors[0].FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Contains("is no longer the current connection", run.Errors[0].ErrorDetails.Message, StringComparison.Ordinal);
        Assert.StartsWith("OpenCxNotConnected,", run.Errors[1].FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Equal(0, run.Output.Last().BaseObject);
        // Only the failed connect's own key check, if it made one: Get-OpenCxSession sent nothing.
        Assert.Equal(requests, _sandbox.Server.Requests.Count);
    }

    [Fact]
    public void A_connect_that_retries_says_so_with_progress()
    {
        _sandbox.Server.ClearRequests();
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.Status503);
        _sandbox.Options.FaultSequence.Enqueue(SandboxFault.Status503);

        PowerShellRun run = _sandbox.PowerShell.Run(
            "$ProgressPreference = 'Continue'; Connect-OpenCx -BaseUri $uri -ApiKey $key -MaximumRetryCount 3 -RetryIntervalSec 1 -PassThru",
            _sandbox.ConnectionVariables());

        Assert.Empty(run.Errors);
        Assert.True(Assert.Single(run.Objects<OpenCxConnection>()).Validated);
        Assert.Equal(3, _sandbox.Server.Requests.Count);
        Assert.Equal("Checking the key with one request", run.Progress[0].StatusDescription);
        foreach (int retry in new[] { 1, 2 })
        {
            Assert.Contains(run.Progress, p =>
                p.StatusDescription.StartsWith($"Transient failure: waiting (retry {retry} of 3 after: The API failed (503", StringComparison.Ordinal)
                && p.StatusDescription.EndsWith("; the key is not checked yet", StringComparison.Ordinal)
                && p.SecondsRemaining >= 1);
        }

        Assert.All(run.Progress, p => Assert.StartsWith($"Connecting to OpenCX at {_sandbox.Server.BaseUri}", p.Activity, StringComparison.Ordinal));
        Assert.Equal(ProgressRecordType.Completed, run.Progress.Last().RecordType);
    }
}
