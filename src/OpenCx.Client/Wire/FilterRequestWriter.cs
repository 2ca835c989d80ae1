using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace OpenCx.Client.Wire;

/// <summary>
/// Writes FilterSessionsPublicDto by hand: only the fields the user gave, dates in the spec's
/// exact UTC pattern, and user text always as JSON string values (never as structure).
/// </summary>
internal static class FilterRequestWriter
{
    /// <summary>The spec's date pattern accepts only UTC with a trailing Z.</summary>
    internal const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static byte[] Write(SessionFilter filter, int page, int limit)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteFilters(writer, filter);
            WriteStringIfSet(writer, "sort_by", filter.SortBy);
            WriteStringIfSet(writer, "sort_order", filter.SortOrder);
            writer.WriteNumber("page", page);
            writer.WriteNumber("limit", limit);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string FormatDate(DateTimeOffset value) =>
        value.UtcDateTime.ToString(DateFormat, CultureInfo.InvariantCulture);

    /// <summary>The instant the server reads from <see cref="FormatDate"/>: whole milliseconds, UTC.</summary>
    public static DateTimeOffset AsSent(DateTimeOffset value) =>
        new DateTimeOffset(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static void WriteFilters(Utf8JsonWriter writer, SessionFilter filter)
    {
        writer.WriteStartObject("filters");
        if (filter.CreatedAfter.HasValue || filter.CreatedBefore.HasValue)
        {
            writer.WriteStartObject("date");
            if (filter.CreatedAfter.HasValue)
            {
                writer.WriteString("from", FormatDate(filter.CreatedAfter.Value));
            }

            if (filter.CreatedBefore.HasValue)
            {
                writer.WriteString("to", FormatDate(filter.CreatedBefore.Value));
            }

            writer.WriteEndObject();
        }

        WriteStrings(writer, "channels", filter.Channels);
        WriteNumbers(writer, "status", filter.Statuses);
        WriteStrings(writer, "ai_closure", filter.AiClosureTypes);
        WriteStrings(writer, "sentiment", filter.Sentiments);
        WriteNumbers(writer, "assignees", filter.AssigneeIds);
        WriteStrings(writer, "team_ids", filter.TeamIds);
        WriteStrings(writer, "contact_ids", filter.ContactIds);
        if (filter.TicketNumber.HasValue)
        {
            writer.WriteNumber("ticket_number", filter.TicketNumber.Value);
        }

        WriteStrings(writer, "language", filter.Languages);
        WriteStrings(writer, "tags", filter.Tags);
        WriteStringIfSet(writer, "waiting_on", filter.WaitingOn);
        if (filter.CustomData != null)
        {
            writer.WriteStartArray("custom_data");
            foreach (IReadOnlyDictionary<string, string> entry in filter.CustomData)
            {
                writer.WriteStartObject();
                foreach (KeyValuePair<string, string> pair in entry)
                {
                    writer.WriteString(pair.Key, pair.Value);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteStringIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value != null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values == null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (string value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    private static void WriteNumbers(Utf8JsonWriter writer, string name, IReadOnlyList<long>? values)
    {
        if (values == null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (long value in values)
        {
            writer.WriteNumberValue(value);
        }

        writer.WriteEndArray();
    }
}
