using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenCx.Sandbox.Tests.Spec;
using Xunit;

namespace OpenCx.Sandbox.Tests.Support;

/// <summary>Reads answers of the engine as a client would.</summary>
public static class Pages
{
    /// <summary>
    /// Asks for one page, checking on the way that the request is a valid FilterSessionsPublicDto
    /// and the answer a 200 with a valid FilterChatSessionsOutput: so every page any test reads
    /// is also a schema test.
    /// </summary>
    public static JsonElement Get(SandboxEngine engine, JsonObject request)
    {
        string json = request.ToJsonString();
        Assert.Empty(SpecSchemas.ValidateRequest(json));
        SandboxResponse response = engine.Filter(Bodies.Raw(json));
        string body = Encoding.UTF8.GetString(response.Body);
        Assert.True(response.StatusCode == 200, body);
        Assert.Empty(SpecSchemas.ValidateResponse(body));
        return Bodies.Parse(response.Body);
    }

    public static List<string> Ids(JsonElement output) =>
        output.GetProperty("data").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();

    /// <summary>Follows has_next from page 1 and returns every id in the order served.</summary>
    public static List<string> AllIds(SandboxEngine engine, JsonObject request, int limit = 100)
    {
        var ids = new List<string>();
        for (int page = 1; ; page++)
        {
            var copy = (JsonObject)request.DeepClone();
            copy["page"] = page;
            copy["limit"] = limit;
            JsonElement output = Get(engine, copy);
            ids.AddRange(Ids(output));
            if (!output.GetProperty("has_next").GetBoolean())
            {
                return ids;
            }
        }
    }
}
