using System;

namespace OpenCx.Client.Querying;

/// <summary>How a walk reads: the page size, read-ahead, and the look-back window of incremental runs.</summary>
public sealed class WalkOptions
{
    /// <summary>
    /// How far an incremental run (a complete checkpoint run again, or a -Follow poll) reads back
    /// before the newest session written so far: five minutes. A session that becomes visible up
    /// to this long after its creation time (a long transaction, a replica, a queue) is still
    /// written, once; the sessions of the window are read again and recognised by id.
    /// </summary>
    public static readonly TimeSpan DefaultLookBack = TimeSpan.FromMinutes(5);

    private int _pageSize = 100;
    private TimeSpan _lookBack = DefaultLookBack;

    /// <summary>Sessions per request, 1 to 100.</summary>
    public int PageSize
    {
        get => _pageSize;
        set => _pageSize = value is >= 1 and <= 100
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The page size must be between 1 and 100.");
    }

    /// <summary>Request the next page while the caller writes this one (off only to measure what it is worth).</summary>
    public bool ReadAhead { get; set; } = true;

    /// <summary>See <see cref="DefaultLookBack"/>; zero reads on from the newest session written.</summary>
    public TimeSpan LookBack
    {
        get => _lookBack;
        set => _lookBack = value >= TimeSpan.Zero
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "The look-back window cannot be negative.");
    }
}
