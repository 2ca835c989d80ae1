using System.Text.Json;
using OpenCx.Sandbox.Data;
using OpenCx.Sandbox.Listing;

namespace OpenCx.Sandbox.Json;

/// <summary>Writes a ListChatSessionsOutput: the page's sessions and the cursor of the next, or null.</summary>
internal static class ListOutputJson
{
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText Next = JsonEncodedText.Encode("next");

    public static byte[] Write(ListPage page) => JsonOutput.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray(Items);
        foreach (Session session in page.Items)
        {
            SessionJson.Write(writer, session);
        }

        writer.WriteEndArray();
        SessionJson.WriteStringOrNull(writer, Next, page.Next);
        writer.WriteEndObject();
    });
}
