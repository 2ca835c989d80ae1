using System.Collections.Generic;
using System.Linq;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestCollectionOrderer("OpenCx.Tests.Infrastructure.PesterFirstOrderer", "OpenCx.Tests")]

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// xunit's own order of the test collections, but for the Pester run's: when the run has
/// PesterTests, the Pester process starts here, in the background, before any test, and its
/// collection comes first of those that run alone. So the minutes the process takes pass beside
/// the xunit classes that run in parallel, and the timing-sensitive classes of
/// <see cref="TimingCollection"/>, which run alone after them, never share the machine with it.
/// </summary>
public sealed class PesterFirstOrderer : ITestCollectionOrderer
{
    private readonly DefaultTestCollectionOrderer _default = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections)
    {
        var ordered = _default.OrderTestCollections(testCollections).ToList();
        if (ordered.Any(IsPester))
        {
            _ = PesterProcessRun.Start();
        }

        // Stable: the rest keep xunit's order.
        return ordered.OrderBy(c => IsPester(c) ? 0 : 1).ToList();
    }

    private static bool IsPester(ITestCollection collection) => collection.DisplayName == PesterCollection.Name;
}

/// <summary>PesterTests alone: its run starts before every test (<see cref="PesterFirstOrderer"/>) and is waited for first of the collections that run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PesterCollection
{
    public const string Name = "Pester in pwsh";
}
