using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace OpenCx.Benchmark.Harness;

/// <summary>What the sandbox server is _started with.</summary>
internal sealed record SandboxSettings(int Sessions)
{
    public const string ApiKey = "bench-key";

    /// <summary>A fixed end of the data set, in the past, so that every session predates a run and the truth is reproducible.</summary>
    public static readonly DateTimeOffset DataNow = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public const int Seed = 1;

    public int LatencyMs { get; init; }

    public int? RateLimit { get; init; }

    public int RateWindowSeconds { get; init; } = 60;

    /// <summary>Log every request, so the benchmark can count the server's answers by status.</summary>
    public bool LogRequests { get; init; }
}

/// <summary>
/// The sandbox server as a separate _process on 127.0.0.1, so that its CPU time and memory are not
/// the client's: the client _process then holds only the module, PowerShell and the harness.
/// </summary>
internal sealed partial class SandboxProcess : IDisposable
{
    // Servers still running when the benchmark exits early (Ctrl+C, SIGTERM, a failure) are stopped too.
    private static readonly ConcurrentDictionary<SandboxProcess, bool> Running = new();
    private static readonly PosixSignalRegistration[] Signals =
    {
        PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => StopAll()),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => StopAll()),
        PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => StopAll()),
    };

    private readonly Process _process;
    private readonly ConcurrentDictionary<string, int> _statuses = new();
    private readonly TaskCompletionSource<Uri> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static SandboxProcess() => AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();

    private SandboxProcess(SandboxSettings settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in Arguments(settings))
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
    }

    public Uri BaseUri { get; private set; } = null!;

    public static async Task<SandboxProcess> StartAsync(SandboxSettings settings)
    {
        var server = new SandboxProcess(settings);
        server._process.Start();
        Running[server] = true;
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        Task finished = await Task.WhenAny(server._started.Task, Task.Delay(TimeSpan.FromSeconds(60))).ConfigureAwait(false);
        if (finished != server._started.Task)
        {
            server.Dispose();
            throw new TimeoutException("The sandbox server did not start within 60 seconds.");
        }

        server.BaseUri = await server._started.Task.ConfigureAwait(false);
        return server;
    }

    /// <summary>How many answers the server logged with this status ("200", "429", "dropped").</summary>
    public int Answered(string status) => _statuses.TryGetValue(status, out int count) ? count : 0;

    public void ClearCounts() => _statuses.Clear();

    /// <summary>The processor time the server has used so far, read afresh.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public void Dispose()
    {
        if (!Running.TryRemove(this, out _))
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It has already gone.
        }

        _process.Dispose();
    }

    private static void StopAll()
    {
        foreach (SandboxProcess server in Running.Keys)
        {
            server.Dispose();
        }
    }

    private static IEnumerable<string> Arguments(SandboxSettings settings)
    {
        yield return BenchmarkPaths.SandboxServer;
        yield return "--port";
        yield return "0";
        yield return "--sessions";
        yield return Invariant(settings.Sessions);
        yield return "--seed";
        yield return Invariant(SandboxSettings.Seed);
        yield return "--now";
        yield return SandboxSettings.DataNow.ToString("o", CultureInfo.InvariantCulture);
        yield return "--api-key";
        yield return SandboxSettings.ApiKey;
        if (settings.LatencyMs > 0)
        {
            yield return "--latency-ms";
            yield return Invariant(settings.LatencyMs);
        }

        if (settings.RateLimit is int limit)
        {
            yield return "--rate-limit";
            yield return Invariant(limit);
            yield return "--rate-window-s";
            yield return Invariant(settings.RateWindowSeconds);
        }

        if (!settings.LogRequests)
        {
            yield return "--quiet";
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _started.TrySetException(new InvalidOperationException("The sandbox server exited before it listened."));
            return;
        }

        Match address = Listening().Match(line);
        if (address.Success)
        {
            _started.TrySetResult(new Uri(address.Groups[1].Value + "/"));
            return;
        }

        Match answer = Answer().Match(line);
        if (answer.Success)
        {
            _statuses.AddOrUpdate(answer.Groups[1].Value, 1, (_, n) => n + 1);
        }
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^OpenCx sandbox: \d+ sessions at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();

    [GeneratedRegex(@" -> (\d{3}|dropped)")]
    private static partial Regex Answer();
}
