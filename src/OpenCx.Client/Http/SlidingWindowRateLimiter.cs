using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Client.Http;

/// <summary>
/// At most <c>permits</c> requests in any <c>window</c>, shared by every command of the process
/// that uses the same API key against the same server, and through a <see cref="SharedBudgetFile"/>
/// by every other process of the user that does; fewer while the server answers 429 anyway.
/// </summary>
/// <remarks>
/// A sliding log rather than a token bucket: a bucket that starts full lets through a burst plus
/// a minute of refill inside one minute, which is exactly what a server counting "100 per
/// minute" answers with 429. The log never sends more than the budget in any window, and still
/// lets a short script send its few requests at once.
/// The rate adapts as the AWS SDKs' adaptive retry mode does, more simply: a 429 to a request
/// sent within the budget means someone else spends it too (another machine) or the server
/// allows less, so the allowance drops to <see cref="DecreaseFactor"/> of itself; each window
/// without a 429 gives back a tenth of the budget, until it is whole again.
/// </remarks>
public sealed class SlidingWindowRateLimiter
{
    /// <summary>The AWS SDKs' CUBIC beta: a cut that finds a lower limit in a few steps without halving at once.</summary>
    internal const double DecreaseFactor = 0.7;

    /// <summary>Quiet windows before trying again the rate that last drew a 429: near a limit, probe rarely.</summary>
    internal const int ProbeWindows = 5;

    /// <summary>The share of the budget (and of the window) a process takes from the shared file ahead of use.</summary>
    internal const int LeaseFraction = 20;

    private static readonly ConcurrentDictionary<(Clock Clock, string Key), SlidingWindowRateLimiter> Shared =
        new ConcurrentDictionary<(Clock Clock, string Key), SlidingWindowRateLimiter>();

    // A slot frees this long after the window: the server counts arrivals, not departures, and
    // a request that travelled slower than a later one must not make it see one too many.
    private static readonly TimeSpan ArrivalJitterMargin = TimeSpan.FromMilliseconds(50);

    private readonly Queue<TimeSpan> _sent = new Queue<TimeSpan>();
    private readonly Clock _clock;

    // One file access at a time from this process; a caller that needs the file waits here,
    // asynchronously and cancellably, never under the lock every caller takes.
    private readonly SemaphoreSlim _fileGate = new SemaphoreSlim(1, 1);
    private SharedBudgetFile? _file;
    private bool _fileChecked;

    // Counts the file's admissions, so that a caller that waited for the file sees whether
    // another took a lease meanwhile.
    private int _admissions;

    // Permits taken from the shared file ahead of use, while a large budget makes one file
    // access per request cost more than it shares (see AdmitSharedAsync).
    private int _leased;
    private TimeSpan _leaseEnds = TimeSpan.MinValue;
    private TimeSpan _blockedUntil = TimeSpan.MinValue;
    private double _allowed;
    private TimeSpan _allowedSince = TimeSpan.MinValue;
    private double _limitedAt = double.MaxValue;

    public SlidingWindowRateLimiter(int permits, TimeSpan window)
        : this(permits, window, Clock.System)
    {
    }

    internal SlidingWindowRateLimiter(int permits, TimeSpan window, Clock clock, SharedBudgetFile? file = null)
    {
        if (permits < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(permits), permits, "The rate limit must allow at least one request.");
        }

        if (window <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "The rate-limit window must be positive.");
        }

        Permits = permits;
        Window = window;
        _clock = clock;
        _file = file;
        _allowed = permits;
    }

    public int Permits { get; }

    public TimeSpan Window { get; }

    /// <summary>Requests this process now allows itself per window: <see cref="Permits"/>, or fewer after 429s.</summary>
    public int Allowed
    {
        get
        {
            lock (_sent)
            {
                return (int)_allowed;
            }
        }
    }

    /// <summary>The ledger shared with other processes; null when there is none or it could not be used.</summary>
    internal string? SharedFile
    {
        get
        {
            lock (_sent)
            {
                return _file?.FilePath;
            }
        }
    }

    private TimeSpan Span => Window + ArrivalJitterMargin;

    private TimeSpan LeaseSpan => TimeSpan.FromTicks(Span.Ticks / LeaseFraction);

    /// <summary>The one limiter for this server, key and budget in this process, shared with other processes through the user's temp folder.</summary>
    public static SlidingWindowRateLimiter For(string scope, int permits, TimeSpan window) => For(scope, permits, window, Clock.System, SharedBudgetFile.DefaultFolder);

    /// <summary>
    /// The one limiter for this server, key and budget among those that read <paramref name="clock"/>;
    /// with a <paramref name="sharedFolder"/>, shared with other processes through a file there,
    /// one file per server and key whatever the budget (the smallest declared holds).
    /// </summary>
    /// <param name="scope">The server and the key's fingerprint.</param>
    internal static SlidingWindowRateLimiter For(string scope, int permits, TimeSpan window, Clock clock, string? sharedFolder = null) =>
        Shared.GetOrAdd((clock, $"{scope}|{permits}|{window.Ticks}|{sharedFolder}"), _ => new SlidingWindowRateLimiter(
            permits, window, clock, sharedFolder is null ? null : SharedBudgetFile.In(sharedFolder, scope)));

    /// <summary>Waits until a request may be sent, and counts it as sent.</summary>
    /// <returns>When it was counted (on the monotonic clock), for <see cref="TooManyRequests"/>.</returns>
    public async Task<TimeSpan> AcquireAsync(IClientTrace? trace, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan delay;
            WaitReason reason;
            string? note;
            int allowed;
            int admissions;
            lock (_sent)
            {
                TimeSpan now = _clock.Monotonic;
                note = Recover(now);
                allowed = (int)_allowed;
                admissions = _admissions;
                while (_sent.Count > 0 && _sent.Peek() + Span <= now)
                {
                    _sent.Dequeue();
                }

                if (_blockedUntil > now)
                {
                    delay = _blockedUntil - now;
                    reason = WaitReason.RetryAfter;
                }
                else if (_sent.Count >= allowed)
                {
                    delay = _sent.Peek() + Span - now;
                    reason = WaitReason.RateBudget;
                }
                else if (_file is null || (_leased > 0 && now < _leaseEnds))
                {
                    _leased = _file is null ? 0 : _leased - 1;
                    _sent.Enqueue(now);
                    Report(trace, note);
                    return now;
                }
                else
                {
                    delay = TimeSpan.Zero;
                    reason = WaitReason.RateBudget;
                }
            }

            Report(trace, note);
            if (delay == TimeSpan.Zero)
            {
                SharedBudgetFile.Admission? shared = await AdmitSharedAsync(admissions, allowed, trace, cancellationToken).ConfigureAwait(false);
                if (shared is { IsAdmitted: true } admitted)
                {
                    return admitted.At;
                }

                if (shared is not { } refused)
                {
                    // Another caller took from the file meanwhile, or the file is gone: look again.
                    continue;
                }

                (delay, reason) = (refused.Delay, refused.Reason);
            }

            trace?.Waiting(delay, reason, reason == WaitReason.RateBudget
                ? $"{allowed} requests per {Window.TotalSeconds:0.###} s already sent"
                : "the server asked to retry later");
            await _clock.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Holds every caller back until the server's Retry-After has passed, those of other processes too.</summary>
    public async Task BlockForAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        TimeSpan until;
        lock (_sent)
        {
            until = _clock.Monotonic + retryAfter;
            if (until > _blockedUntil)
            {
                _blockedUntil = until;
            }

            _leased = 0;
        }

        await _fileGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _ = await UseSharedAsync(f => f.BlockUntilAsync(until, Span, _clock, cancellationToken), null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fileGate.Release();
        }
    }

    /// <summary>
    /// The server answered 429 to the request counted at <paramref name="sentAt"/>: it was within
    /// the budget, so the server allows less than the budget says. One cut per rate: answers to
    /// requests sent before the last change were sent at the old rate and are already answered for.
    /// </summary>
    public void TooManyRequests(TimeSpan sentAt, IClientTrace? trace)
    {
        string? note = null;
        lock (_sent)
        {
            if (sentAt > _allowedSince && _allowed > 1)
            {
                _limitedAt = _allowed;
                _allowed = Math.Max(1, Math.Floor(_allowed * DecreaseFactor));
                _leased = 0;
                _allowedSince = _clock.Monotonic;
                note = $"Rate limit: the server answered 429 though this process kept to {Permits} requests per {Window.TotalSeconds:0.###} s; it now allows itself {(int)_allowed}, and more again after {Window.TotalSeconds:0.###} s without a 429.";
            }
        }

        Report(trace, note);
    }

    /// <summary>
    /// Gives back a tenth of the budget after each quiet window since the last change, and the
    /// step back to the rate that last drew a 429 only after <see cref="ProbeWindows"/> of them,
    /// so that a rate just under the server's limit holds rather than saws.
    /// </summary>
    private string? Recover(TimeSpan now)
    {
        double step = Math.Max(1, Math.Floor(Permits / 10.0));
        double next = Math.Min(Permits, _allowed + step);
        TimeSpan quiet = next >= _limitedAt ? TimeSpan.FromTicks(Window.Ticks * ProbeWindows) : Window;
        if (_allowed >= Permits || now - _allowedSince < quiet)
        {
            return null;
        }

        _allowed = next;
        _allowedSince = now;
        if (_allowed >= _limitedAt)
        {
            _limitedAt = double.MaxValue;
        }

        return _allowed >= Permits
            ? $"Rate limit: no 429 for {quiet.TotalSeconds:0.###} s; this process is back to the full {Permits} requests per {Window.TotalSeconds:0.###} s."
            : $"Rate limit: no 429 for {quiet.TotalSeconds:0.###} s; this process now allows itself {(int)_allowed} requests per {Window.TotalSeconds:0.###} s (of {Permits}).";
    }

    /// <summary>
    /// One request from the shared budget, and with a large budget a few more taken ahead: a
    /// twentieth of it, to be used within a twentieth of the window. So a process pays one file
    /// access per that many requests; the file stamps those taken ahead at the lease's end, so
    /// that no window holds more than the budget. A budget under 40 takes none ahead: one access
    /// per request, as exact as the file can be. The file is used outside the lock every caller
    /// takes: a caller with a lease in hand, or stopping, does not wait for another's file access.
    /// </summary>
    /// <returns>The file's answer; null when another caller took from the file while this one waited for it, or the file was dropped.</returns>
    private async Task<SharedBudgetFile.Admission?> AdmitSharedAsync(int admissionsSeen, int allowed, IClientTrace? trace, CancellationToken cancellationToken)
    {
        await _fileGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            SharedBudgetFile? file;
            lock (_sent)
            {
                file = _file;
                if (file is null || _admissions != admissionsSeen)
                {
                    return null;
                }
            }

            int wanted = Math.Max(1, allowed / LeaseFraction);
            SharedBudgetFile.Admission? admission = null;
            string? note = await UseSharedAsync(
                async f => admission = await f.TryAdmitAsync(new SharedBudgetFile.AdmissionRequest(Permits, allowed, Span, wanted, LeaseSpan), _clock, cancellationToken).ConfigureAwait(false),
                null,
                cancellationToken).ConfigureAwait(false);
            Report(trace, note);
            if (admission is not { } answer)
            {
                return null;
            }

            lock (_sent)
            {
                _admissions++;
                if (answer.IsAdmitted)
                {
                    _leased = answer.Count - 1;
                    _leaseEnds = answer.At + LeaseSpan;
                    _sent.Enqueue(answer.At);
                }
            }

            return answer;
        }
        finally
        {
            _fileGate.Release();
        }
    }

    /// <summary>Uses the shared file if there is one; the first failure drops it for good, and says so.</summary>
    /// <returns><paramref name="note"/>, with what the user should know of the file added.</returns>
    private async Task<string?> UseSharedAsync(Func<SharedBudgetFile, Task> use, string? note, CancellationToken cancellationToken)
    {
        SharedBudgetFile? file;
        lock (_sent)
        {
            file = _file;
        }

        if (file is null)
        {
            return note;
        }

        try
        {
            await use(file).ConfigureAwait(false);
            lock (_sent)
            {
                if (_fileChecked)
                {
                    return note;
                }

                _fileChecked = true;
            }

            return Join(note, $"Rate limit: sharing the budget with other processes on this machine through {file.FilePath}.");
        }
        catch (Exception e) when ((e is IOException || e is UnauthorizedAccessException) && !cancellationToken.IsCancellationRequested)
        {
            lock (_sent)
            {
                _file = null;
            }

            return Join(note, $"Rate limit: cannot share the budget with other processes ({e.Message}); this process keeps to {Permits} requests per {Window.TotalSeconds:0.###} s on its own.");
        }
    }

    private static string? Join(string? first, string second) => first is null ? second : $"{first} {second}";

    private static void Report(IClientTrace? trace, string? note)
    {
        if (note != null)
        {
            trace?.Note(note);
        }
    }
}
