using System;
using System.Linq;
using System.Management.Automation;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>Write-Progress while paging, completed at the end, silent when the user says so.</summary>
public sealed class ProgressTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;

    public ProgressTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    [Fact]
    public void Paging_reports_pages_and_sessions_so_far_and_completes()
    {
        PowerShellRun run = _sandbox.RunConnected("$ProgressPreference = 'Continue'; Get-OpenCxSession -PageSize 100 -First 300 | Out-Null");

        Assert.Empty(run.Errors);
        Assert.Equal("100 sessions from 1 page(s)", run.Progress[0].StatusDescription);
        // Every request but one is a page: the first page's other order checks that the server sorts.
        Assert.Contains(run.Progress, p => p.StatusDescription == $"300 sessions from {_sandbox.Server.Requests.Count - 1} page(s)");
        Assert.Equal(ProgressRecordType.Completed, run.Progress.Last().RecordType);
    }

    [Fact]
    public void Progress_is_silent_under_SilentlyContinue()
    {
        PowerShellRun run = _sandbox.RunConnected("$ProgressPreference = 'SilentlyContinue'; Get-OpenCxSession -First 150 | Out-Null");

        Assert.Empty(run.Errors);
        Assert.Empty(run.Progress);
    }

    [Fact]
    public void Verbose_tells_each_request_with_its_filters_page_status_and_time()
    {
        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -Channel sms -PageSize 10 -First 15 -Verbose | Out-Null");

        Assert.Empty(run.Errors);
        string[] posts = run.Verbose.Where(v => v.StartsWith("POST ", StringComparison.Ordinal)).ToArray();
        // Two pages and, between them, the first page's request oldest first (the check that the server sorts).
        Assert.Equal(3, posts.Length);
        Assert.All(posts, p => Assert.Contains("\"channels\":[\"sms\"]", p, StringComparison.Ordinal));
        Assert.Contains(run.Verbose, v => System.Text.RegularExpressions.Regex.IsMatch(v, @"^200 in \d+ ms$"));
        Assert.Contains(run.Verbose, v => v.StartsWith("Page 2: ", StringComparison.Ordinal));
    }
}
