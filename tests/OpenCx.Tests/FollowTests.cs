using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OpenCx;
using OpenCx.Client.Http;
using OpenCx.Sandbox;
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

    [Fact]
    public async Task Follow_rides_out_a_two_minute_outage_and_writes_every_session_created_before_during_and_after_it_once()
    {
        var clock = new ManualClock();
        using OpenCxClient client = ClientOn(clock);
        IReadOnlyList<string> initial = _sandbox.Truth(NewestFirst);
        using Following following = Start("$ProgressPreference = 'Continue'; Get-OpenCxSession -Connection $connection -Follow -PollIntervalSec 1 -PageSize 50 -Verbose | ForEach-Object { $_.Id.ToString() }", Connection(client));
        following.WaitFor(initial.Count);
        IReadOnlyList<string> before = Grow(3);
        following.WaitFor(initial.Count + 3);

        // Down for two minutes of the client's clock (every request dropped or answered 503),
        // while sessions keep being created; the clock moves on whenever the command waits on it.
        // Once, while it waits to try again, the server lets two requests through: that poll
        // writes its first page, then fails, and the next one must go on from there.
        _sandbox.Options.Faults = new[] { SandboxFault.DropConnection, SandboxFault.Status503 };
        _sandbox.Options.FaultRate = 1;
        TimeSpan down = clock.Monotonic;
        string downAt = clock.UtcNow.ToLocalTime().ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        var during = new List<string>();
        bool letThrough = false;
        while (clock.Monotonic - down < TimeSpan.FromMinutes(2))
        {
            int second = (int)(clock.Monotonic - down).TotalSeconds;
            if (second is 0 or 60 or 90)
            {
                during.AddRange(Grow(2));
            }

            ManualClock.AwaitState(() => clock.Waiting > 0 || following.Ended, "the command waiting on the clock");
            Assert.False(following.Ended, $"Following ended during the outage, {second} s into it: {following.Failure}");
            if (!letThrough && following.Warnings > 0)
            {
                letThrough = true;
                for (int batch = 0; batch < 3; batch++)
                {
                    during.AddRange(Grow(40));
                }

                _sandbox.Options.FaultSequence.Enqueue(SandboxFault.None);
                _sandbox.Options.FaultSequence.Enqueue(SandboxFault.None);
            }

            clock.Advance(TimeSpan.FromSeconds(1));
        }

        int writtenWhileDown = following.Count;
        _sandbox.Options.FaultRate = 0;
        following.WaitFor(initial.Count + 3 + during.Count, () =>
        {
            if (clock.Waiting > 0)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        });
        IReadOnlyList<string> after = Grow(4);
        following.WaitFor(initial.Count + 3 + during.Count + 4);
        PowerShellRun stopped = await following.StopAsync();

        string[] written = stopped.Output.Select(o => o.ToString()).ToArray();
        Assert.Empty(stopped.Errors);
        Assert.Equal(126, during.Count);
        // Some sessions were written while the server was down (by the poll let through), not all.
        Assert.InRange(writtenWhileDown, initial.Count + 3 + 1, initial.Count + 3 + during.Count - 1);
        Assert.Equal(initial.Concat(before), written.Take(initial.Count + 3));
        Assert.Equal(written.Length, written.Distinct().Count());
        Assert.Equal(during.Concat(after).OrderBy(id => id, StringComparer.Ordinal), written.Skip(initial.Count + 3).OrderBy(id => id, StringComparer.Ordinal));
        Assert.Equal(after.OrderBy(id => id, StringComparer.Ordinal), written.TakeLast(4).OrderBy(id => id, StringComparer.Ordinal));
        Assert.Collection(
            stopped.Warnings,
            w => Assert.Matches("^Following: a poll failed: .+ The command keeps trying, first in 5 s, then at growing intervals up to 60 s, .+ Press Ctrl\\+C to stop it\\.$", w),
            w => Assert.Matches($"^Following: the server answers again, after 2 min \\d+ s without an answer \\(since {downAt}\\)", w));
        string[] waits = stopped.Progress.Select(p => p.StatusDescription).Where(s => s.StartsWith("Server unreachable", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(waits);
        Assert.All(waits, s => Assert.Matches($"^Server unreachable since {downAt}; next try in [1-9][0-9]? s$", s));
        Assert.Contains($"Server unreachable since {downAt}; next try in 20 s", waits);
        Assert.Contains(stopped.Verbose, v => v.StartsWith("Following: poll 2 in a row failed: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ctrl_C_while_following_waits_out_an_outage_ends_the_command_at_once()
    {
        var clock = new ManualClock();
        using OpenCxClient client = ClientOn(clock);
        int initial = _sandbox.Truth(NewestFirst).Count;
        using Following following = Start("Get-OpenCxSession -Connection $connection -Follow -PollIntervalSec 1 -PageSize 50 | ForEach-Object { $_.Id.ToString() }", Connection(client));
        following.WaitFor(initial);
        _sandbox.Options.Faults = new[] { SandboxFault.Status503 };
        _sandbox.Options.FaultRate = 1;

        // Through the request's own retries, into the wait before the next poll, which the clock never ends.
        while (following.Warnings == 0)
        {
            ManualClock.AwaitState(() => clock.Waiting > 0 || following.Warnings > 0 || following.Ended, "the command waiting on the clock");
            Assert.False(following.Ended, following.Failure);
            if (following.Warnings == 0)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        ManualClock.AwaitState(() => clock.Waiting > 0, "the wait before the next poll");
        var stopping = Stopwatch.StartNew();
        PowerShellRun stopped = await following.StopAsync();
        stopping.Stop();

        Assert.Empty(stopped.Errors);
        Assert.StartsWith("Following: a poll failed: ", Assert.Single(stopped.Warnings), StringComparison.Ordinal);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(1), $"Ctrl+C took {stopping.Elapsed.TotalMilliseconds:0} ms to end the command.");
    }

    [Theory]
    [InlineData(SandboxFault.Status401, "OpenCxUnauthorized,")]
    [InlineData(SandboxFault.Status400, "OpenCxBadRequest,")]
    public async Task A_failure_that_trying_again_would_repeat_still_ends_following_at_once(SandboxFault fault, string errorId)
    {
        int initial = _sandbox.Truth(NewestFirst).Count;
        using Following following = Start("Get-OpenCxSession -Follow -PollIntervalSec 1 -PageSize 50 | ForEach-Object { $_.Id.ToString() }");
        following.WaitFor(initial);
        _sandbox.Options.Faults = new[] { fault };
        _sandbox.Options.FaultRate = 1;

        PowerShellRun run = await following.EndAsync();

        Assert.StartsWith(errorId, Assert.Single(run.Errors).FullyQualifiedErrorId, StringComparison.Ordinal);
        Assert.Empty(run.Warnings);
        Assert.Equal(initial, run.Output.Count);
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

    /// <summary>A client of the sandbox server that paces, retries and waits on <paramref name="clock"/>.</summary>
    private OpenCxClient ClientOn(ManualClock clock) =>
        new(new OpenCxClientOptions(_sandbox.Server.BaseUri, new ApiKey(SandboxFixture.ApiKeyText))
        {
            Proxy = ProxySettings.None,
            RateLimit = 100000,
            Clock = clock,
        });

    private OpenCxConnection Connection(OpenCxClient client) =>
        new(client, _sandbox.Server.BaseUri, isSandbox: false, validated: false, 100000, TimeSpan.FromMinutes(1), ProxySettings.None);

    /// <summary>Starts <paramref name="script"/> after a Connect-OpenCx, with $connection set to <paramref name="connection"/>.</summary>
    private Following Start(string script, OpenCxConnection? connection = null)
    {
        foreach (KeyValuePair<string, object?> pair in _sandbox.ConnectionVariables())
        {
            _sandbox.PowerShell.Runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
        }

        _sandbox.PowerShell.Runspace.SessionStateProxy.SetVariable("connection", connection);

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

        public bool Ended => _completion.IsCompleted;

        public int Count => _output.Count;

        public int Warnings => _shell.Streams.Warning.Count;

        /// <summary>Why the command ended, if it did.</summary>
        // By index: enumerating a collection a running command writes to waits for it to close.
        public string Failure => $"ended: {Ended} {_completion.Exception?.InnerException?.Message} {string.Join(" ", Enumerable.Range(0, _shell.Streams.Error.Count).Select(i => _shell.Streams.Error[i].ToString()))}";

        /// <summary>Waits until <paramref name="count"/> sessions are out, doing <paramref name="meanwhile"/> between looks.</summary>
        public void WaitFor(int count, Action? meanwhile = null)
        {
            bool reached = SpinWait.SpinUntil(() => { meanwhile?.Invoke(); return _output.Count >= count || _completion.IsCompleted; }, TimeSpan.FromSeconds(60));
            Assert.True(reached && !_completion.IsCompleted, $"{_output.Count} of {count} sessions written; {Failure}");
        }

        /// <summary>Ctrl+C: the command ends with the pipeline stopped, and nothing else.</summary>
        public async Task<PowerShellRun> StopAsync()
        {
            _shell.Stop();
            await Assert.ThrowsAsync<PipelineStoppedException>(() => _completion);
            return new PowerShellRun(_output.ToList(), _shell.Streams);
        }

        /// <summary>The command ending on its own, within a minute.</summary>
        public async Task<PowerShellRun> EndAsync()
        {
            await _completion.WaitAsync(TimeSpan.FromSeconds(60));
            return new PowerShellRun(_output.ToList(), _shell.Streams);
        }

        public void Dispose() => _shell.Dispose();
    }
}
