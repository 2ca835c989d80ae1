using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using OpenCx.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace OpenCx.Tests;

/// <summary>
/// One key's budget beyond one process, end to end in real time against the sandbox server's
/// per-key limit: two child processes pace themselves together through the shared file, and a
/// process facing a server that allows half its budget lowers its rate. The waits themselves,
/// exactly, SlidingWindowRateLimiterTests and ClientWaitTests prove on a clock the test moves. As
/// in RateLimitTests, the server's window is a quarter shorter than the client's: a request can
/// reach the server later than the one sent after it on a busy two-core machine.
/// </summary>
[Collection(TimingCollection.Name)]
public sealed class SharedBudgetTests : IClassFixture<SandboxFixture>, IDisposable
{
    private readonly SandboxFixture _sandbox;
    private readonly ITestOutputHelper _output;
    private readonly string _folder = Directory.CreateTempSubdirectory("opencx-shared-budget-").FullName;

    public SharedBudgetTests(SandboxFixture sandbox, ITestOutputHelper output)
    {
        _sandbox = sandbox;
        _output = output;
    }

    public void Dispose()
    {
        _sandbox.ResetBehaviour();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Two_processes_sharing_a_key_pace_themselves_together_and_both_get_every_session()
    {
        // Alone, each would send its 10 requests against a limit of 5 per window: half of them 429.
        _sandbox.Options.RateLimitPerKey = true;
        _sandbox.Options.RateLimit = 5;
        _sandbox.Options.RateLimitWindow = TimeSpan.FromSeconds(1.5);
        string script = Path.Combine(_folder, "export.ps1");
        File.WriteAllText(script,
            "param($ModulePath)\n" +
            "Import-Module $ModulePath\n" +
            "$key = ConvertTo-SecureString $env:OPENCX_TEST_KEY -AsPlainText -Force\n" +
            "Connect-OpenCx -BaseUri $env:OPENCX_TEST_URI -ApiKey $key -SkipValidation -RateLimit 5 -RateLimitWindowSec 2\n" +
            "$count = (Get-OpenCxSession -PageSize 100 -Verbose 4> $env:OPENCX_TEST_VERBOSE | Measure-Object).Count\n" +
            "Set-Content -LiteralPath $env:OPENCX_TEST_COUNT -Value $count\n");

        Task<(int Count, string Verbose, string Errors)>[] children = Enumerable.Range(1, 2)
            .Select(n => Task.Run(() => RunChild(script, n)))
            .ToArray();
        (int Count, string Verbose, string Errors)[] results = await Task.WhenAll(children);

        Assert.All(results, r => Assert.True(r.Count == 1000, $"{r.Count} sessions; stderr: {r.Errors}"));
        int requests = _sandbox.Server.Requests.Count;
        int limited = _sandbox.Server.Requests.Count(r => r.StatusCode == 429);
        _output.WriteLine($"{limited} of {requests} requests answered 429");
        Assert.True(requests >= 20, $"{requests} requests");
        Assert.True(limited * 10 < requests, $"{limited} of {requests} requests answered 429");
        Assert.All(results, r => Assert.Contains("Rate limit: sharing the budget with other processes on this machine through ", r.Verbose, StringComparison.Ordinal));
        Assert.All(results, r => Assert.DoesNotContain(SandboxFixture.ApiKeyText, r.Verbose, StringComparison.Ordinal));
    }

    [Fact]
    public void Against_a_server_allowing_half_the_budget_the_command_adapts_gets_every_session_and_says_its_rate()
    {
        _sandbox.Options.RateLimitPerKey = true;
        _sandbox.Options.RateLimit = 3;
        _sandbox.Options.RateLimitWindow = TimeSpan.FromSeconds(1.5);

        PowerShellRun run = _sandbox.RunConnected("Get-OpenCxSession -PageSize 50 -First 400 -Verbose", "-RateLimit 6 -RateLimitWindowSec 2");

        Assert.Empty(run.Errors);
        Assert.Equal(400, run.Output.Count);
        int requests = _sandbox.Server.Requests.Count;
        int limited = _sandbox.Server.Requests.Count(r => r.StatusCode == 429);
        _output.WriteLine($"{limited} of {requests} requests answered 429");
        Assert.InRange(limited, 1, 3);
        Assert.Contains(run.Verbose, v => v.StartsWith("Rate limit: the server answered 429 though this process kept to 6 requests per 2 s; it now allows itself 4,", StringComparison.Ordinal));
    }

    private (int Count, string Verbose, string Errors) RunChild(string script, int number)
    {
        string countFile = Path.Combine(_folder, $"count-{number}.txt");
        string verboseFile = Path.Combine(_folder, $"verbose-{number}.txt");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepoPaths.ScriptHost);
        start.ArgumentList.Add(script);
        start.Environment["OPENCX_TEST_KEY"] = SandboxFixture.ApiKeyText;
        start.Environment["OPENCX_TEST_URI"] = _sandbox.Server.BaseUri.ToString();
        start.Environment["OPENCX_TEST_COUNT"] = countFile;
        start.Environment["OPENCX_TEST_VERBOSE"] = verboseFile;
        using Process child = Process.Start(start)!;
        Task<string> output = child.StandardOutput.ReadToEndAsync();
        Task<string> errors = child.StandardError.ReadToEndAsync();
        if (!child.WaitForExit(90_000))
        {
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }

        int count = File.Exists(countFile) ? int.Parse(File.ReadAllText(countFile).Trim(), System.Globalization.CultureInfo.InvariantCulture) : -1;
        string verbose = File.Exists(verboseFile) ? File.ReadAllText(verboseFile) : string.Empty;
        return (count, verbose, errors.Result + output.Result);
    }
}
