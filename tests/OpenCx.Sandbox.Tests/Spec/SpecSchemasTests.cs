using System.Text.Json.Nodes;
using OpenCx.Sandbox.Tests.Support;
using Xunit;

namespace OpenCx.Sandbox.Tests.Spec;

/// <summary>The validator must fail what the spec forbids, or the schema tests prove nothing.</summary>
public sealed class SpecSchemasTests
{
    [Theory]
    [InlineData("tags", "[\"vip\"]")]
    [InlineData("status", "\"pending\"")]
    [InlineData("id", "\"not-a-uuid\"")]
    [InlineData("language", "null")]
    [InlineData("team", "null")]
    [InlineData("created_at", "\"yesterday\"")]
    [InlineData("channel", "{\"type\":\"fax\"}")]
    public void Validator_rejects_a_session_the_spec_forbids(string property, string json)
    {
        JsonNode output = JsonNode.Parse(System.Text.Encoding.UTF8.GetString(TestData.Engine.Filter(Bodies.Raw("{}")).Body))!;
        output["data"]![0]![property] = JsonNode.Parse(json);

        Assert.NotEmpty(SpecSchemas.ValidateResponse(output.ToJsonString()));
    }

    [Fact]
    public void Validator_rejects_a_missing_required_property_and_an_unknown_top_level_one()
    {
        Assert.NotEmpty(SpecSchemas.ValidateResponse("""{"data":[],"page":1,"limit":25,"has_next":false}"""));
        Assert.NotEmpty(SpecSchemas.ValidateResponse("""{"data":[],"page":1,"limit":25,"has_next":false,"has_previous":false,"total":0}"""));
    }

    [Fact]
    public void Validator_follows_references_to_nested_schemas()
    {
        // SessionChannel is reached through GetChatSessionOutput: both are $refs.
        Assert.NotEmpty(SpecSchemas.Validate("FilterSessionsPublicDto", """{"filters":{"channels":["fax"]}}"""));
        Assert.Empty(SpecSchemas.Validate("FilterSessionsPublicDto", """{"filters":{"channels":["web_voice"]}}"""));
    }
}
