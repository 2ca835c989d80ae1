using System;

namespace OpenCx.Sandbox;

/// <summary>
/// Sessions created at one instant, on top of the generated ones: what a bulk import or an e-mail
/// batch leaves behind, and what date-boundary and tie tests need.
/// </summary>
public sealed class SandboxBulkImport
{
    public SandboxBulkImport(DateTimeOffset at, int count, bool storedFinerThanPrinted = false)
    {
        if (count < 1 || count > 10_000)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A bulk import holds 1 to 10,000 sessions.");
        }

        At = at;
        Count = count;
        StoredFinerThanPrinted = storedFinerThanPrinted;
    }

    /// <summary>The millisecond every session of the import is created in.</summary>
    public DateTimeOffset At { get; }

    public int Count { get; }

    /// <summary>
    /// The server keeps each session's creation time to the 100 ns inside that millisecond (one
    /// distinct time each, all but one after the millisecond's start), sorts and filters by it,
    /// and prints only the millisecond: a date filter's <c>to</c> at that millisecond then excludes
    /// most of them, as a database with microsecond timestamps behind a millisecond API would.
    /// </summary>
    public bool StoredFinerThanPrinted { get; }
}
