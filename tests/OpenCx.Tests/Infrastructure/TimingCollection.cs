using Xunit;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// Tests that measure time (pacing, Retry-After, cancellation within a second) run alone, so
/// that the rest of the suite competing for two cores cannot blur what they measure.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "Timing";
}
