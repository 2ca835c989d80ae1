using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Engine;

public sealed class PagingTests
{
    private static readonly SandboxEngine Engine = TestData.Engine;

    [Fact]
    public void Defaults_are_page_1_and_limit_25()
    {
        JsonElement output = Pages.Get(Engine, new JsonObject());

        Assert.Equal(1, output.GetProperty("page").GetInt32());
        Assert.Equal(25, output.GetProperty("limit").GetInt32());
        Assert.Equal(25, output.GetProperty("data").GetArrayLength());
        Assert.True(output.GetProperty("has_next").GetBoolean());
        Assert.False(output.GetProperty("has_previous").GetBoolean());
    }

    [Fact]
    public void Pages_concatenate_to_the_full_result_whatever_the_limit()
    {
        IReadOnlyList<string> all = Engine.MatchingIds(Bodies.Raw("{}"));

        Assert.Equal(all, Pages.AllIds(Engine, new JsonObject(), limit: 100));
        Assert.Equal(all, Pages.AllIds(Engine, new JsonObject(), limit: 7));
        Assert.Equal(Engine.SessionCount, all.Distinct().Count());
    }

    [Fact]
    public void Filtered_pages_concatenate_to_the_full_filtered_result()
    {
        var request = new JsonObject { ["filters"] = JsonNode.Parse("""{"channels":["web"]}""") };

        Assert.Equal(Engine.MatchingIds(Bodies.Raw(request.ToJsonString())), Pages.AllIds(Engine, request, limit: 13));
    }

    [Fact]
    public void Last_page_is_partial_and_has_no_next()
    {
        int count = Engine.SessionCount, limit = 100, lastPage = (count + limit - 1) / limit;

        JsonElement output = Page(lastPage, limit);

        Assert.Equal(count - ((lastPage - 1) * limit), output.GetProperty("data").GetArrayLength());
        Assert.False(output.GetProperty("has_next").GetBoolean());
        Assert.True(output.GetProperty("has_previous").GetBoolean());
    }

    [Fact]
    public void Exactly_full_last_page_has_no_next()
    {
        JsonElement output = Page(Engine.SessionCount / 50, 50);

        Assert.Equal(0, Engine.SessionCount % 50);
        Assert.Equal(50, output.GetProperty("data").GetArrayLength());
        Assert.False(output.GetProperty("has_next").GetBoolean());
    }

    [Fact]
    public void Page_beyond_the_end_is_empty_with_a_previous_page()
    {
        JsonElement output = Page(1000, 100);

        Assert.Equal(0, output.GetProperty("data").GetArrayLength());
        Assert.Equal(1000, output.GetProperty("page").GetInt32());
        Assert.False(output.GetProperty("has_next").GetBoolean());
        Assert.True(output.GetProperty("has_previous").GetBoolean());
    }

    [Fact]
    public void Filter_matching_nothing_gives_an_empty_first_page()
    {
        JsonElement output = Pages.Get(Engine, new JsonObject { ["filters"] = JsonNode.Parse("""{"ticket_number":-1}""") });

        Assert.Equal(0, output.GetProperty("data").GetArrayLength());
        Assert.False(output.GetProperty("has_next").GetBoolean());
        Assert.False(output.GetProperty("has_previous").GetBoolean());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Limit_bounds_are_served_in_full(int limit)
    {
        JsonElement output = Page(2, limit);

        Assert.Equal(limit, output.GetProperty("data").GetArrayLength());
        Assert.Equal(limit, output.GetProperty("limit").GetInt32());
        Assert.Equal(Engine.MatchingIds(Bodies.Raw("{}")).Skip(limit).Take(limit), Pages.Ids(output));
    }

    private static JsonElement Page(int page, int limit) => Pages.Get(Engine, new JsonObject { ["page"] = page, ["limit"] = limit });
}
