using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using OpenCx.Sandbox.Tests.Spec;
using Xunit;

namespace OpenCx.Sandbox.Tests.Support;

/// <summary>Reads GET /chat/sessions as a client would, every page checked against the read spec.</summary>
public static class ListPages
{
    public static JsonElement Get(SandboxEngine engine, string query, SandboxQuirks? quirks = null)
    {
        SandboxResponse response = engine.List(query, quirks ?? SandboxQuirks.None);
        string body = Encoding.UTF8.GetString(response.Body);
        Assert.True(response.StatusCode == 200, body);
        Assert.Empty(SpecSchemas.ValidateListResponse(body));
        return Bodies.Parse(response.Body);
    }

    public static List<string> Ids(JsonElement output) =>
        output.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();

    /// <summary>Follows next from the first page; <paramref name="betweenPages"/> runs after each page (churn).</summary>
    public static List<string> AllIds(SandboxEngine engine, string query, System.Action? betweenPages = null)
    {
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            string withCursor = cursor is null ? query : $"{query}&cursor={System.Uri.EscapeDataString(cursor)}";
            JsonElement output = Get(engine, withCursor);
            ids.AddRange(Ids(output));
            cursor = output.GetProperty("next").GetString();
            betweenPages?.Invoke();
        }
        while (cursor is not null);

        return ids;
    }
}
