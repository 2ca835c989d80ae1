using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace OpenCx.Client.Http;

/// <summary>
/// One budget's ledger shared by every process of the user on this machine: a small file per
/// server, key fingerprint and budget holding when the server last asked everyone to wait and
/// when the requests of the last window were sent. The name is a hash and the content is times
/// only: nothing secret, not even the address.
/// </summary>
/// <remarks>
/// The file is its own lock (opened with <see cref="FileShare.None"/>) and is held only while it
/// is read and rewritten, a few microseconds; a caller that cannot have it after
/// <see cref="LockAttempts"/> tries, or cannot write it at all, gives up on it, so no request
/// waits long for the file. Whatever it holds is read defensively: a torn or foreign file counts
/// as empty, times outside the window as gone.
/// </remarks>
internal sealed class SharedBudgetFile
{
    private const int LockAttempts = 50;
    private const int TickBytes = sizeof(long);

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

    public static SharedBudgetFile In(string folder, string scope)
    {
        using var sha = SHA256.Create();
        byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(scope));
        var name = new StringBuilder("budget-", 48);
        for (int i = 0; i < 12; i++)
        {
            name.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return new SharedBudgetFile(Path.Combine(folder, name.Append(".bin").ToString()));
    }

    /// <summary>
    /// Counts a request sent at <paramref name="now"/> if fewer than <paramref name="permits"/>
    /// were sent within <paramref name="span"/> and no one was asked to wait; otherwise says how
    /// long until that may change.
    /// </summary>
    /// <exception cref="IOException">The file could not be used; the message says why.</exception>
    public Admission TryAdmit(DateTimeOffset now, int permits, TimeSpan span) => TryAdmit(now, permits, span, wanted: 1);

    /// <summary>
    /// Counts up to <paramref name="wanted"/> requests as sent at <paramref name="now"/>, as many
    /// as the budget has room for (at least one, or none and how long to wait).
    /// </summary>
    /// <exception cref="IOException">The file could not be used; the message says why.</exception>
    public Admission TryAdmit(DateTimeOffset now, int permits, TimeSpan span, int wanted)
    {
        using FileStream file = OpenLocked();
        (long blockedUntil, List<long> sent) = Read(file, now, span);
        Admission admission;
        if (blockedUntil > now.UtcTicks)
        {
            admission = Admission.Wait(TimeSpan.FromTicks(blockedUntil - now.UtcTicks), WaitReason.RetryAfter);
        }
        else if (sent.Count >= permits)
        {
            sent.Sort();
            admission = Admission.Wait(TimeSpan.FromTicks(sent[sent.Count - permits] + span.Ticks - now.UtcTicks), WaitReason.RateBudget);
        }
        else
        {
            int count = Math.Max(1, Math.Min(wanted, permits - sent.Count));
            for (int i = 0; i < count; i++)
            {
                sent.Add(now.UtcTicks);
            }

            admission = Admission.Admit(count);
        }

        Write(file, blockedUntil, sent);
        return admission;
    }

    /// <summary>Holds every process back until <paramref name="until"/>, as the server asked one of them.</summary>
    /// <exception cref="IOException">The file could not be used; the message says why.</exception>
    public void BlockUntil(DateTimeOffset until, DateTimeOffset now, TimeSpan span)
    {
        using FileStream file = OpenLocked();
        (long blockedUntil, List<long> sent) = Read(file, now, span);
        Write(file, Math.Max(blockedUntil, until.UtcTicks), sent);
    }

    private FileStream OpenLocked()
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
                Thread.Sleep(LockRetryDelay);
            }
            catch (IOException e)
            {
                throw new IOException($"cannot open {FilePath} within {LockAttempts * LockRetryDelay.TotalMilliseconds:0} ms: {e.Message}", e);
            }
        }
    }

    private static (long BlockedUntil, List<long> Sent) Read(FileStream file, DateTimeOffset now, TimeSpan span)
    {
        var sent = new List<long>();
        long length = file.Length;
        if (length < TickBytes || length % TickBytes != 0 || length > 16 * 1024 * 1024)
        {
            return (0, sent);
        }

        byte[] bytes = new byte[length];
        int read = 0;
        while (read < bytes.Length)
        {
            int n = file.Read(bytes, read, bytes.Length - read);
            if (n == 0)
            {
                return (0, sent);
            }

            read += n;
        }

        // A time from the future (a clock set back, a foreign file) would hold a slot forever.
        long oldest = now.UtcTicks - span.Ticks;
        long newest = now.UtcTicks + span.Ticks;
        long blockedUntil = BitConverter.ToInt64(bytes, 0);
        if (blockedUntil > now.UtcTicks + OpenCxClient.MaximumRetryAfter.Ticks)
        {
            blockedUntil = 0;
        }

        for (int offset = TickBytes; offset < bytes.Length; offset += TickBytes)
        {
            long tick = BitConverter.ToInt64(bytes, offset);
            if (tick > oldest && tick <= newest)
            {
                sent.Add(tick);
            }
        }

        return (blockedUntil, sent);
    }

    private static void Write(FileStream file, long blockedUntil, List<long> sent)
    {
        byte[] bytes = new byte[(sent.Count + 1) * TickBytes];
        BitConverter.GetBytes(blockedUntil).CopyTo(bytes, 0);
        for (int i = 0; i < sent.Count; i++)
        {
            BitConverter.GetBytes(sent[i]).CopyTo(bytes, (i + 1) * TickBytes);
        }

        file.Position = 0;
        file.Write(bytes, 0, bytes.Length);
        file.SetLength(bytes.Length);
        file.Flush();
    }

    internal readonly struct Admission
    {
        private Admission(int count, TimeSpan delay, WaitReason reason)
        {
            Count = count;
            Delay = delay;
            Reason = reason;
        }

        public static Admission Admitted { get; } = Admit(1);

        public bool IsAdmitted => Count > 0;

        /// <summary>Requests counted as sent: the one asked for, and any more taken ahead.</summary>
        public int Count { get; }

        public TimeSpan Delay { get; }

        public WaitReason Reason { get; }

        public static Admission Admit(int count) => new Admission(count, TimeSpan.Zero, WaitReason.RateBudget);

        public static Admission Wait(TimeSpan delay, WaitReason reason) => new Admission(0, delay, reason);
    }
}
