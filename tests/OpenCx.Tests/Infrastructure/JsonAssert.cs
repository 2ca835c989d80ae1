using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace OpenCx.Tests.Infrastructure;

public static class JsonAssert
{
    /// <summary>Same JSON value (property order aside, as JSON defines it).</summary>
    public static void Equal(string expectedJson, JsonElement actual)
    {
        var expected = JsonNode.Parse(expectedJson);
        var got = JsonNode.Parse(actual.GetRawText());
        if (!JsonNode.DeepEquals(expected, got))
        {
            throw new XunitException($"JSON differs.\nExpected: {expected?.ToJsonString()}\nActual:   {got?.ToJsonString()}");
        }
    }
}
