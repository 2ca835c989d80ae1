using System;
using System.Linq;
using OpenCx.Client.Querying;
using Xunit;

namespace OpenCx.Tests.Querying;

public sealed class IdLogTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4096)]
    [InlineData(4097)]
    [InlineData(10_000)]
    public void Every_id_logged_is_in_the_set_across_chunk_boundaries(int count)
    {
        Guid[] ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        var log = new IdLog();
        foreach (Guid id in ids)
        {
            log.Add(id);
        }

        Assert.True(log.ToSet().SetEquals(ids));
    }
}
