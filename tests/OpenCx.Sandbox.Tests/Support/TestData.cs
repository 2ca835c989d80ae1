using System;

namespace OpenCx.Sandbox.Tests.Support;

/// <summary>The shared, read-only data set most engine tests query (churn tests make their own).</summary>
public static class TestData
{
    /// <summary>A fixed "now", so failures reproduce whatever the day.</summary>
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<SandboxEngine> SharedEngine = new(() => NewEngine());

    public static SandboxEngine Engine => SharedEngine.Value;

    public static SandboxEngine NewEngine(int sessionCount = 2500, int seed = 7) =>
        new(new SandboxDataOptions { SessionCount = sessionCount, Seed = seed, Now = Now });
}
