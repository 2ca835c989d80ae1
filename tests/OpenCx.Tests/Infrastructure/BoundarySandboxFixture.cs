using System;
using OpenCx.Sandbox;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// A sandbox with sessions where date logic breaks: three at exactly midnight UTC on the first
/// of August, September, October and November 2026, three one millisecond before each, and a
/// bulk import of 250 sessions in one millisecond stored finer than printed.
/// </summary>
public sealed class BoundarySandboxFixture : SandboxFixture
{
    public static readonly DateTime[] MonthStarts =
    {
        new(2026, 8, 1, 0, 0, 0, DateTimeKind.Utc),
        new(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc),
        new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc),
        new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    public static readonly DateTimeOffset BulkAt = new(2026, 9, 14, 8, 30, 0, 123, TimeSpan.Zero);

    protected override SandboxServerOptions CreateOptions()
    {
        SandboxServerOptions options = base.CreateOptions();
        options.SessionCount = 537;
        var imports = new System.Collections.Generic.List<SandboxBulkImport> { new(BulkAt, 250, storedFinerThanPrinted: true) };
        foreach (DateTime start in MonthStarts)
        {
            imports.Add(new SandboxBulkImport(start, 3));
            imports.Add(new SandboxBulkImport(start.AddMilliseconds(-1), 3));
        }

        options.BulkImports = imports;
        return options;
    }
}
