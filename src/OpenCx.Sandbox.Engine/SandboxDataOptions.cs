using System;
using System.Collections.Generic;

namespace OpenCx.Sandbox;

/// <summary>What a sandbox data set is generated from: the same values give the same sessions.</summary>
public sealed class SandboxDataOptions
{
    /// <summary>The seed <see cref="SandboxEngine.CreateDefault"/> uses.</summary>
    public const int DefaultSeed = 20240501;

    /// <summary>How many sessions to generate; 2,500 by default.</summary>
    public int SessionCount { get; set; } = 2500;

    public int Seed { get; set; } = DefaultSeed;

    /// <summary>
    /// The moment the data set ends: sessions were created during the 180 days before it.
    /// Defaults to the time these options were made.
    /// </summary>
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>Sessions created at given instants, on top of <see cref="SessionCount"/>.</summary>
    public IReadOnlyList<SandboxBulkImport> BulkImports { get; set; } = Array.Empty<SandboxBulkImport>();
}
