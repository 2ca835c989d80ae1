using System.Collections.Generic;
using System.Text.Json;
using OpenCx.Sandbox.History;

namespace OpenCx.Sandbox.Json;

/// <summary>Writes a ListChatHistoryOutput: {"items": [{id, created_at, event}], "next"}.</summary>
internal static class HistoryJson
{
    public static byte[] Write(IReadOnlyList<HistoryEvent> events, int from, int count, string? next) => JsonOutput.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("items");
        for (int i = from; i < from + count; i++)
        {
            WriteItem(writer, events[i]);
        }

        writer.WriteEndArray();
        if (next is null)
        {
            writer.WriteNull("next");
        }
        else
        {
            writer.WriteString("next", next);
        }

        writer.WriteEndObject();
    });

    private static void WriteItem(Utf8JsonWriter writer, HistoryEvent e)
    {
        writer.WriteStartObject();
        writer.WriteString("id", e.Id);
        Timestamp.Write(writer, JsonEncodedText.Encode("created_at"), e.CreatedAtMs);
        writer.WriteStartObject("event");
        writer.WriteString("type", e.Type);
        if (e.SenderType is not null)
        {
            writer.WriteStartObject("sender");
            writer.WriteString("type", e.SenderType);
            SessionJson.WriteStringOrNull(writer, JsonEncodedText.Encode("name"), e.SenderName);
            writer.WriteEndObject();
        }

        if (e.Text is not null)
        {
            writer.WriteStartObject("content");
            writer.WriteString("type", "text");
            writer.WriteString("text", e.Text);
            writer.WriteEndObject();
        }

        if (e.AttachmentName is not null)
        {
            writer.WriteStartArray("attachments");
            writer.WriteStartObject();
            writer.WriteString("id", e.Id + "-a");
            writer.WriteString("name", e.AttachmentName);
            writer.WriteNumber("size", 48213);
            writer.WriteString("type", "image/png");
            writer.WriteString("url", "https://files.example/" + e.Id);
            writer.WriteEndObject();
            writer.WriteEndArray();
        }

        if (e.Integration is not null)
        {
            writer.WriteStartObject("integration");
            writer.WriteString("type", e.Integration);
            writer.WriteEndObject();
        }

        if (e.HumanAgentId is long agent)
        {
            writer.WriteNumber("human_agent_id", agent);
        }

        if (e.Rating is int rating)
        {
            writer.WriteNumber("rating", rating);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
