using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Engine;

public sealed class SortingTests
{
    private static readonly SandboxEngine Engine = TestData.Engine;

    [Theory]
    [InlineData(null, null, false, true)]
    [InlineData("last_message_at", "asc", false, false)]
    [InlineData("created_at", "desc", true, true)]
    [InlineData("created_at", "asc", true, false)]
    public void Sessions_come_in_the_requested_order_with_ties_broken_by_id(string? sortBy, string? sortOrder, bool byCreatedAt, bool descending)
    {
        var request = new JsonObject();
        if (sortBy is not null)
        {
            request["sort_by"] = sortBy;
        }

        if (sortOrder is not null)
        {
            request["sort_order"] = sortOrder;
        }

        List<string> expected = Oracle.Expected(Engine, _ => true, byCreatedAt, descending);

        Assert.Equal(expected, Pages.AllIds(Engine, request));
    }

    [Fact]
    public void Default_order_is_last_message_at_descending()
    {
        IReadOnlyList<string> defaults = Engine.MatchingIds(Bodies.Raw("{}"));

        Assert.Equal(Engine.MatchingIds(Bodies.Raw("""{"sort_by":"last_message_at","sort_order":"desc"}""")), defaults);
        Assert.NotEqual(Engine.MatchingIds(Bodies.Raw("""{"sort_by":"created_at"}""")), defaults);
    }

    [Fact]
    public void Ascending_is_the_exact_reverse_of_descending_ties_included()
    {
        IReadOnlyList<string> descending = Engine.MatchingIds(Bodies.Raw("""{"sort_by":"created_at","sort_order":"desc"}"""));
        IReadOnlyList<string> ascending = Engine.MatchingIds(Bodies.Raw("""{"sort_by":"created_at","sort_order":"asc"}"""));

        Assert.Equal(descending.Reverse(), ascending);
    }

    [Fact]
    public void Sessions_with_the_same_created_at_are_ordered_by_id()
    {
        var sessions = Oracle.Sessions(Engine).ToDictionary(s => s.Id);
        IReadOnlyList<string> ids = Engine.MatchingIds(Bodies.Raw("""{"sort_by":"created_at","sort_order":"asc"}"""));

        var tiedPairs = ids.Zip(ids.Skip(1)).Where(p => sessions[p.First].CreatedAtMs == sessions[p.Second].CreatedAtMs).ToList();

        Assert.NotEmpty(tiedPairs);
        Assert.All(tiedPairs, p => Assert.True(string.CompareOrdinal(p.First, p.Second) < 0));
    }
}
