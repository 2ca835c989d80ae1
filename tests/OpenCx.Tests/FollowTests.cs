using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// -Follow: every matching session, then each session created afterwards as it appears, each
/// once, until the pipeline stops it; with -Checkpoint, following resumes where it stopped.
/// </summary>
public sealed class FollowTests : IClassFixture<SandboxFixture>, IDisposable
{
    private const string NewestFirst = "{\"sort_by\":\"created_at\",\"sort_order\":\"desc\"}";
    private static readonly DateTimeOffset DataEnd = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly SandboxFixture _sandbox;
    private readonly string _folder = Directory.CreateTempSubdirectory("opencx-follow-").FullName;
    // The data set outlives a test: each batch of new sessions is created later than every one before.
    private static int MinutesAfter;

    public FollowTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
        _sandbox.ResetBehaviour();
    }

    public void Dispose()
    {
        _sandbox.ResetBehaviour();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Follow_writes_every_session_then_each_new_one_once_and_stops_when_stopped()
    {
        IReadOnlyList<string> initial = _sandbox.Truth(NewestFirst);
        using Following following = Start("Get-OpenCxSession -Follow -PollIntervalSec 1 -PageSize 50 -Verbose | ForEach-Object { $_.Id.ToString() }");

        following.WaitFor(initial.Count);
        IReadOnlyList<string> firstBatch = Grow(7);
        following.WaitFor(initial.Count + 7);
        IReadOnlyList<string> secondBatch = Grow(3);
        following.WaitFor(initial.Count + 10);
        PowerShellRun stopped = await following.StopAsync();

        Assert.Empty(stopped.Errors);
        Assert.Equal(initial.Concat(firstBatch).Concat(secondBatch), stopped.Output.Select(o => o.ToString()));
        Assert.Contains(stopped.Verbose, v => v.StartsWith("Following: polling every 1 s", StringComparison.Ordinal) && v.Contains("budget", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_downstream_Select_Object_First_ends_following_cleanly()
    {
        int initial = _sandbox.Truth(NewestFirst).Count;
        var grow = Task.Run(() =>
        {
            SpinWait.SpinUntil(() => _sandbox.Server.Requests.Count > initial / 50, TimeSpan.FromSeconds(30));
            Thread.Sleep(1500);
            Grow(5);
        });

        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession -Follow -PollIntervalSec 1 -PageSize 50 | Select-Object -First {initial + 3} | ForEach-Object {{ $_.Id.ToString() }}");
        await grow;

        Assert.Empty(run.Errors);
        Assert.Equal(initial + 3, run.Output.Count);
        Assert.Equal(run.Output.Count, run.Output.Select(o => o.ToString()).Distinct().Count());
    }

    [Fact]
    public async Task Follow_with_a_checkpoint_resumes_following_where_it_stopped()
    {
        string checkpoint = Path.Combine(_folder, "follow.checkpoint.json");
        string command = $"Get-OpenCxSession -Follow -PollIntervalSec 1 -PageSize 50 -Checkpoint '{checkpoint}' | ForEach-Object {{ $_.Id.ToString() }}";
        IReadOnlyList<string> initial = _sandbox.Truth(NewestFirst);

        var written = new List<string>();
        using (Following first = Start(command))
        {
            first.WaitFor(initial.Count);
            Grow(4);
            first.WaitFor(initial.Count + 4);
            written.AddRange((await first.StopAsync()).Output.Select(o => o.ToString()));
        }

        IReadOnlyList<string> whileStopped = Grow(6);
        using (Following second = Start(command))
        {
            second.WaitFor(6);
            written.AddRange((await second.StopAsync()).Output.Select(o => o.ToString()));
        }

        Assert.Equal(_sandbox.Truth(NewestFirst).Count, written.Count);
        Assert.Equal(written.Count, written.Distinct().Count());
        // The second run first reads what was created while it was stopped (newest first, as any run), then follows.
        Assert.Equal(whileStopped.OrderBy(id => id, StringComparer.Ordinal), written.TakeLast(6).OrderBy(id => id, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("-CreatedBefore '2026-10-01'")]
    [InlineData("-SortBy last_message_at")]
    public void Follow_needs_an_open_end_in_creation_order(string parameters)
    {
        PowerShellRun run = _sandbox.RunConnected($"Get-OpenCxSession -Follow {parameters}");

        Assert.StartsWith("OpenCxFollowNotPossible,", Assert.Single(run.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(_sandbox.Server.Requests);
    }

    /// <summary>Creates sessions on the server, each batch a minute after the last; returns their ids oldest first.</summary>
    private IReadOnlyList<string> Grow(int count)
    {
        IReadOnlyList<string> before = _sandbox.Truth(NewestFirst);
        _sandbox.Server.Engine.Churn(touched: 5, created: count, DataEnd.AddMinutes(Interlocked.Increment(ref MinutesAfter)));
        return _sandbox.Truth(NewestFirst).Except(before).Reverse().ToList();
    }

    private Following Start(string script)
    {
        foreach (KeyValuePair<string, object?> pair in _sandbox.ConnectionVariables())
        {
            _sandbox.PowerShell.Runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        }

        var shell = PowerShell.Create();
        shell.Runspace = _sandbox.PowerShell.Runspace;
        shell.AddScript($"Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation -RateLimit 100000\n{script}");
        return new Following(shell);
    }

    /// <summary>A following command running in the background, as a console runs it until Ctrl+C.</summary>
    private sealed class Following : IDisposable
    {
        private readonly PowerShell _shell;
        private readonly PSDataCollection<PSObject> _output = new();
        private readonly Task _completion;

        public Following(PowerShell shell)
        {
            _shell = shell;
            _completion = Task.Factory.FromAsync(shell.BeginInvoke<PSObject, PSObject>(null, _output), shell.EndInvoke);
        }

        public void WaitFor(int count) =>
            Assert.True(SpinWait.SpinUntil(() => _output.Count >= count || _completion.IsCompleted, TimeSpan.FromSeconds(60)) && !_completion.IsCompleted,
                $"{_output.Count} of {count} sessions written; ended: {_completion.IsCompleted} {_completion.Exception?.InnerException?.Message}");

        /// <summary>Ctrl+C: the command ends with the pipeline stopped, and nothing else.</summary>
        public async Task<PowerShellRun> StopAsync()
        {
            _shell.Stop();
            await Assert.ThrowsAsync<PipelineStoppedException>(() => _completion);
            return new PowerShellRun(_output.ToList(), _shell.Streams);
        }

        public void Dispose() => _shell.Dispose();
    }
}
