using System.Text.Json;
using OpenCx.Sandbox.Data;
using OpenCx.Sandbox.Filtering;

namespace OpenCx.Sandbox.Json;

/// <summary>Writes a FilterChatSessionsOutput.</summary>
internal static class FilterOutputJson
{
    private static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    private static readonly JsonEncodedText Page = JsonEncodedText.Encode("page");
    private static readonly JsonEncodedText Limit = JsonEncodedText.Encode("limit");
    private static readonly JsonEncodedText HasNext = JsonEncodedText.Encode("has_next");
    private static readonly JsonEncodedText HasPrevious = JsonEncodedText.Encode("has_previous");

    public static byte[] Write(SessionPage page, bool oddValues = false) => JsonOutput.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray(Data);
        foreach (Session session in page.Data)
        {
            SessionJson.Write(writer, session, oddValues);
        }

        writer.WriteEndArray();
        writer.WriteNumber(Page, page.Page);
        writer.WriteNumber(Limit, page.Limit);
        writer.WriteBoolean(HasNext, page.HasNext);
        writer.WriteBoolean(HasPrevious, page.HasPrevious);
        writer.WriteEndObject();
    });
}
