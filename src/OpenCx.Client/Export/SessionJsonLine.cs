using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenCx.Client.Export;

/// <summary>
/// One session as one line of JSON: every property by the session's names, nested objects as
/// objects, dates as in the CSV (a contact's date that is no date as the server's text), the
/// properties newer than the module under AdditionalProperties.
/// </summary>
internal static class SessionJsonLine
{
    private static readonly JsonWriterOptions Options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The line, its terminator included: JSON escapes every line break inside it.</summary>
    public static byte[] Of(ChatSession session)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("Id", session.Id);
            writer.WriteNumber("TicketNumber", session.TicketNumber);
            writer.WriteString("CreatedAt", SessionColumns.Instant(session.CreatedAt));
            writer.WriteString("UpdatedAt", SessionColumns.Instant(session.UpdatedAt));
            writer.WriteString("Status", session.Status);
            writer.WriteString("Channel", session.Channel);
            writer.WriteString("AiClosureType", session.AiClosureType);
            writer.WriteString("Sentiment", session.Sentiment);
            writer.WriteString("Language", session.Language);
            writer.WriteString("AssigneeId", session.AssigneeId);
            WriteObject(writer, "Team", session.Team, TeamProperties);
            WriteObject(writer, "Contact", session.Contact, ContactProperties);
            WriteObject(writer, "Handoff", session.Handoff, HandoffProperties);
            WriteObject(writer, "TicketingSystem", session.TicketingSystem, TicketingSystemProperties);
            writer.WriteBoolean("AssistMode", session.AssistMode);
            WriteData(writer, "CustomData", session.CustomData);
            WriteData(writer, "AdditionalProperties", session.AdditionalProperties);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>The id and UpdatedAt of a line <see cref="Of"/> wrote.</summary>
    /// <exception cref="JsonException">The line is not a JSON object.</exception>
    /// <exception cref="FormatException">It has no session id or no UpdatedAt.</exception>
    public static (Guid Id, string UpdatedAt) VersionOf(string line)
    {
        using var json = JsonDocument.Parse(line);
        JsonElement root = json.RootElement;
        return root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("Id", out JsonElement id) && id.ValueKind == JsonValueKind.String
            && root.TryGetProperty("UpdatedAt", out JsonElement updatedAt) && updatedAt.ValueKind == JsonValueKind.String
            ? (Guid.Parse(id.GetString()!), updatedAt.GetString()!)
            : throw new FormatException("a line has no session Id or UpdatedAt.");
    }

    /// <summary>A nested object by its properties, or null.</summary>
    private static void WriteObject<T>(Utf8JsonWriter writer, string name, T? value, Action<Utf8JsonWriter, T> writeProperties)
        where T : class
    {
        if (value is null)
        {
            writer.WriteNull(name);
            return;
        }

        writer.WriteStartObject(name);
        writeProperties(writer, value);
        writer.WriteEndObject();
    }

    private static void TeamProperties(Utf8JsonWriter writer, Team team)
    {
        writer.WriteString("Id", team.Id);
        writer.WriteString("Name", team.Name);
        writer.WriteString("Description", team.Description);
    }

    private static void ContactProperties(Utf8JsonWriter writer, Contact contact)
    {
        writer.WriteString("Id", contact.Id);
        writer.WriteString("Email", contact.Email);
        writer.WriteString("PhoneNumber", contact.PhoneNumber);
        writer.WriteString("Name", contact.Name);
        WriteData(writer, "CustomData", contact.CustomData);
        WriteTextDate(writer, "CreatedAt", contact.CreatedAt, contact.CreatedAtText);
        WriteTextDate(writer, "UpdatedAt", contact.UpdatedAt, contact.UpdatedAtText);
        writer.WriteString("NonVerifiedName", contact.NonVerifiedName);
        writer.WriteString("NonVerifiedEmail", contact.NonVerifiedEmail);
        WriteData(writer, "NonVerifiedCustomData", contact.NonVerifiedCustomData);
    }

    private static void HandoffProperties(Utf8JsonWriter writer, Handoff handoff)
    {
        writer.WriteString("Sentiment", handoff.Sentiment);
        writer.WriteString("Summary", handoff.Summary);
    }

    private static void TicketingSystemProperties(Utf8JsonWriter writer, TicketingSystem system)
    {
        writer.WriteString("Name", system.Name);
        writer.WriteString("ExternalId", system.ExternalId);
        writer.WriteString("IdType", system.IdType);
    }

    /// <summary>
    /// A date the spec types as any string: the instant as every date of the file when it is one,
    /// else the text the server sent ("yesterday", ""), which no instant could stand for.
    /// </summary>
    private static void WriteTextDate(Utf8JsonWriter writer, string name, DateTime? value, string? text) =>
        writer.WriteString(name, value is DateTime instant ? SessionColumns.Instant(instant) : text);
    /// <summary>Custom data as the object it was: <see cref="CustomData.ToString"/> is its JSON.</summary>
    private static void WriteData(Utf8JsonWriter writer, string name, CustomData? data)
    {
        writer.WritePropertyName(name);
        if (data is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteRawValue(data.Count == 0 ? "{}" : data.ToString(), skipInputValidation: true);
        }
    }
}
