using Xunit;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// For test classes that load the CPU (new runspaces, Get-Help parsing MAML):
/// they run after every other class, one at a time, so that the suite's timing-sensitive tests
/// (timeouts, retries, pacing, churn) never share a two-core machine with them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "Solo: CPU-heavy";
}
