using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Client.Http;

/// <summary>
/// One server and key's ledger, shared by every process of the user on this machine: a small
/// file holding when the server last asked everyone to wait, the smallest budget a sharer
/// declared, and when the requests of the last window were sent. The name is a hash of the
/// server and the key's fingerprint, not of a budget: processes that give one key different
/// budgets still share, and the smallest budget any of them declares holds for all. The content
/// is times only: nothing secret, not even the address.
/// </summary>
/// <remarks>
/// Times are the monotonic clock's (<see cref="Clock.Monotonic"/>), which every process of the
/// machine reads alike and no one can set back. The file is its own lock (opened with
/// <see cref="FileShare.None"/>) and is held only while it is read and rewritten, a few
/// microseconds; a caller that cannot have it after <see cref="LockAttempts"/> tries, or cannot
/// write it at all, gives up on it, so no request waits long for the file. Whatever it holds is
/// read defensively: a torn or foreign file counts as empty, times outside the window as gone.
/// </remarks>
internal sealed class SharedBudgetFile
{
    private const int LockAttempts = 50;
    private const int TickBytes = sizeof(long);

    /// <summary>Longs before the send times: the Retry-After end, and the declared budget (permits, window, when).</summary>
    private const int HeaderLongs = 4;

    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(4);

    public SharedBudgetFile(string path)
    {
        FilePath = path;
    }

    /// <summary>
    /// Under the temp folder, which every process of the user can write and the system cleans; named
    /// for the user, because on Linux and macOS the temp folder is shared by all users and a folder
    /// another user created first could not be written.
    /// </summary>
    public static string DefaultFolder { get; } = Path.Combine(Path.GetTempPath(), $"OpenCx-{Environment.UserName}", "rate-budgets");

    public string FilePath { get; }

    /// <param name="scope">The server and the key's fingerprint: never the budget.</param>
    public static SharedBudgetFile In(string folder, string scope)
    {
        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(scope));
        // "budget2": the layout with a declared budget; a file of the old layout is another name.
        var name = new StringBuilder("budget2-", 48);
        for (int i = 0; i < 12; i++)
        {
            name.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return new SharedBudgetFile(Path.Combine(folder, name.Append(".bin").ToString()));
    }

    /// <summary>
    /// Counts up to <paramref name="request"/>'s wanted requests as sent, as many as the budget
    /// has room for (at least one, or none and how long to wait). The first is stamped now; the
    /// others, taken ahead, at the lease's end (<see cref="AdmissionRequest.LeaseSpan"/> from
    /// now), before which they must be sent, so that every one stays in the window at least as long as it would have if stamped
    /// when it was sent, and no window ever holds more than the budget.
    /// </summary>
    /// <exception cref="IOException">The file could not be used; the message says why.</exception>
    public async Task<Admission> TryAdmitAsync(AdmissionRequest request, Clock clock, CancellationToken cancellationToken)
    {
        using FileStream file = await OpenLockedAsync(clock, cancellationToken).ConfigureAwait(false);
        TimeSpan now = clock.Monotonic;
        Ledger ledger = Read(file, now, request.Span);
        ledger.Declare(request.Permits, request.Span, now);
        Admission admission;
        if (ledger.BlockedUntil > now.Ticks)
        {
            admission = Admission.Wait(TimeSpan.FromTicks(ledger.BlockedUntil - now.Ticks), WaitReason.RetryAfter);
        }
        else
        {
            (int room, TimeSpan wait) = ledger.Room(now, request.Allowed, request.Span);
            if (room < 1)
            {
                admission = Admission.Wait(wait, WaitReason.RateBudget);
            }
            else
            {
                int count = Math.Min(request.Wanted, room);
                ledger.Sent.Add(now.Ticks);
                for (int i = 1; i < count; i++)
                {
                    ledger.Sent.Add((now + request.LeaseSpan).Ticks);
                }

                admission = Admission.Admit(count, now);
            }
        }

        Write(file, ledger);
        return admission;
    }

    /// <summary>Holds every process back until <paramref name="until"/>, as the server asked one of them.</summary>
    /// <exception cref="IOException">The file could not be used; the message says why.</exception>
    public async Task BlockUntilAsync(TimeSpan until, TimeSpan span, Clock clock, CancellationToken cancellationToken)
    {
        using FileStream file = await OpenLockedAsync(clock, cancellationToken).ConfigureAwait(false);
        Ledger ledger = Read(file, clock.Monotonic, span);
        ledger.BlockedUntil = Math.Max(ledger.BlockedUntil, until.Ticks);
        Write(file, ledger);
    }

    private async Task<FileStream> OpenLockedAsync(Clock clock, CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        }
        catch (Exception e) when (e is UnauthorizedAccessException || e is IOException || e is NotSupportedException)
        {
            throw new IOException($"cannot create {Path.GetDirectoryName(FilePath)}: {e.Message}", e);
        }

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(FilePath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 4096, FileOptions.None);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new IOException($"cannot write {FilePath}: {e.Message}", e);
            }
            catch (IOException) when (attempt < LockAttempts)
            {
                // Another process holds it for a moment (or the disk refuses: the last try says so).
            }
            catch (IOException e)
            {
                throw new IOException($"cannot open {FilePath} within {LockAttempts * LockRetryDelay.TotalMilliseconds:0} ms: {e.Message}", e);
            }

            await clock.Delay(LockRetryDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Ledger Read(FileStream file, TimeSpan now, TimeSpan span)
    {
        var ledger = new Ledger();
        long length = file.Length;
        if (length < HeaderLongs * TickBytes || length % TickBytes != 0 || length > 16 * 1024 * 1024)
        {
            return ledger;
        }

        byte[] bytes = new byte[length];
        int read = 0;
        while (read < bytes.Length)
        {
            int n = file.Read(bytes, read, bytes.Length - read);
            if (n == 0)
            {
                return ledger;
            }

            read += n;
        }

        long blockedUntil = BitConverter.ToInt64(bytes, 0);
        long permits = BitConverter.ToInt64(bytes, TickBytes);
        long declaredSpan = BitConverter.ToInt64(bytes, 2 * TickBytes);
        long declaredAt = BitConverter.ToInt64(bytes, 3 * TickBytes);

        // A time from the future (a foreign file, one of an earlier boot) would hold a slot forever.
        ledger.BlockedUntil = blockedUntil > now.Ticks + OpenCxClient.MaximumRetryAfter.Ticks ? 0 : blockedUntil;
        if (permits > 0 && permits <= int.MaxValue && declaredSpan > 0 && declaredAt <= now.Ticks && declaredAt + declaredSpan > now.Ticks)
        {
            ledger.Permits = (int)permits;
            ledger.DeclaredSpan = declaredSpan;
            ledger.DeclaredAt = declaredAt;
        }

        long kept = Math.Max(span.Ticks, ledger.DeclaredSpan);
        long oldest = now.Ticks - kept;
        long newest = now.Ticks + kept;
        for (int offset = HeaderLongs * TickBytes; offset < bytes.Length; offset += TickBytes)
        {
            long tick = BitConverter.ToInt64(bytes, offset);
            if (tick > oldest && tick <= newest)
            {
                ledger.Sent.Add(tick);
            }
        }

        return ledger;
    }

    private static void Write(FileStream file, Ledger ledger)
    {
        byte[] bytes = new byte[(ledger.Sent.Count + HeaderLongs) * TickBytes];
        BitConverter.GetBytes(ledger.BlockedUntil).CopyTo(bytes, 0);
        BitConverter.GetBytes((long)ledger.Permits).CopyTo(bytes, TickBytes);
        BitConverter.GetBytes(ledger.DeclaredSpan).CopyTo(bytes, 2 * TickBytes);
        BitConverter.GetBytes(ledger.DeclaredAt).CopyTo(bytes, 3 * TickBytes);
        for (int i = 0; i < ledger.Sent.Count; i++)
        {
            BitConverter.GetBytes(ledger.Sent[i]).CopyTo(bytes, (i + HeaderLongs) * TickBytes);
        }

        file.Position = 0;
        file.Write(bytes, 0, bytes.Length);
        file.SetLength(bytes.Length);
        file.Flush();
    }

    /// <summary>What a caller asks of the file.</summary>
    /// <param name="Permits">The caller's budget (per <paramref name="Span"/>), which it declares to the others.</param>
    /// <param name="Allowed">What the caller allows itself now (its budget, or less after 429s).</param>
    /// <param name="Wanted">The one request, and any taken ahead.</param>
    /// <param name="LeaseSpan">How long after the admission the requests taken ahead may be sent.</param>
    internal readonly record struct AdmissionRequest(int Permits, int Allowed, TimeSpan Span, int Wanted, TimeSpan LeaseSpan);

    /// <summary>The file's content, read.</summary>
    private sealed class Ledger
    {
        public long BlockedUntil { get; set; }

        /// <summary>The smallest budget declared within its own window, or 0 for none.</summary>
        public int Permits { get; set; }

        public long DeclaredSpan { get; set; }

        public long DeclaredAt { get; set; }

        public List<long> Sent { get; } = new List<long>();

        /// <summary>Takes the caller's budget as the one that holds when it is no larger (as a rate) or the one declared has lapsed.</summary>
        public void Declare(int permits, TimeSpan span, TimeSpan now)
        {
            if (Permits == 0 || (long)permits * DeclaredSpan <= Permits * span.Ticks)
            {
                Permits = permits;
                DeclaredSpan = span.Ticks;
                DeclaredAt = now.Ticks;
            }
        }

        /// <summary>How many more may be sent now under both the caller's allowance and the declared budget; if none, how long until one may.</summary>
        public (int Room, TimeSpan Wait) Room(TimeSpan now, int allowed, TimeSpan span)
        {
            Sent.Sort();
            (int ownRoom, long ownWait) = RoomIn(now.Ticks, allowed, span.Ticks);
            (int declaredRoom, long declaredWait) = RoomIn(now.Ticks, Permits, DeclaredSpan);
            return (Math.Min(ownRoom, declaredRoom), TimeSpan.FromTicks(Math.Max(ownWait, declaredWait)));
        }

        private (int Room, long Wait) RoomIn(long now, int permits, long span)
        {
            // Every time after the window's start counts, those stamped ahead too.
            int inWindow = 0;
            for (int i = Sent.Count - 1; i >= 0 && Sent[i] > now - span; i--)
            {
                inWindow++;
            }

            if (inWindow < permits)
            {
                return (permits - inWindow, 0);
            }

            return (0, Sent[Sent.Count - permits] + span - now);
        }
    }

    internal readonly struct Admission
    {
        private Admission(int count, TimeSpan at, TimeSpan delay, WaitReason reason)
        {
            Count = count;
            At = at;
            Delay = delay;
            Reason = reason;
        }

        public bool IsAdmitted => Count > 0;

        /// <summary>Requests counted as sent: the one asked for, and any more taken ahead.</summary>
        public int Count { get; }

        /// <summary>When the first was stamped.</summary>
        public TimeSpan At { get; }

        public TimeSpan Delay { get; }

        public WaitReason Reason { get; }

        public static Admission Admit(int count, TimeSpan at) => new Admission(count, at, TimeSpan.Zero, WaitReason.RateBudget);

        public static Admission Wait(TimeSpan delay, WaitReason reason) => new Admission(0, TimeSpan.Zero, delay, reason);
    }
}
