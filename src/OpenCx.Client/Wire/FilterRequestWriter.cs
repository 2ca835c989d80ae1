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

    public static byte[] Write(FilterRequest request)
    {
        using var buffer = new MemoryStream(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            WriteFilters(writer, request);
            writer.WriteString("sort_by", request.SortBy);
            writer.WriteString("sort_order", request.SortOrder);
            writer.WriteNumber("page", request.Page);
            writer.WriteNumber("limit", request.Limit);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>A UTC instant as the spec's pattern wants it; null stays null.</summary>
    public static string? FormatDate(DateTime? value) =>
        value?.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static void WriteFilters(Utf8JsonWriter writer, FilterRequest request)
    {
        WireFilters filter = request.Filters;
        writer.WriteStartObject("filters");
        if (request.DateFrom.HasValue || request.DateTo.HasValue)
        {
            writer.WriteStartObject("date");
            WriteStringIfSet(writer, "from", FormatDate(request.DateFrom));
            WriteStringIfSet(writer, "to", FormatDate(request.DateTo));
            writer.WriteEndObject();
        }

        WriteStrings(writer, "channels", filter.Channels);
        WriteNumbers(writer, "status", filter.Status);
        WriteStrings(writer, "ai_closure", filter.AiClosure);
        WriteStrings(writer, "sentiment", filter.Sentiment);
        WriteNumbers(writer, "assignees", filter.Assignees);
        WriteStrings(writer, "team_ids", filter.TeamIds);
        WriteStrings(writer, "contact_ids", filter.ContactIds);
        if (filter.TicketNumber.HasValue)
        {
            writer.WriteNumber("ticket_number", filter.TicketNumber.Value);
        }

        WriteStrings(writer, "language", filter.Language);
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
