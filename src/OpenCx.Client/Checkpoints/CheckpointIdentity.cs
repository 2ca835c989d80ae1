using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using OpenCx.Client.Querying;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Checkpoints;

/// <summary>
/// Which export a checkpoint belongs to: the query's filters, end and sort, normalised, and not
/// its start. A start that moves (<c>-CreatedAfter (Get-Date).AddDays(-30)</c> written every
/// night) continues the same export; the order of the values in a filter does not matter.
/// </summary>
/// <remarks>
/// Written here rather than taken from the wire so that a change to the requests the client
/// sends never orphans the checkpoints in the field.
/// </remarks>
internal static class CheckpointIdentity
{
    public static string Of(SessionQuery query)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (query.CreatedBefore is DateTime before)
            {
                writer.WriteString("createdBefore", before.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
            }

            Set(writer, "channels", query.Channels);
            Set(writer, "statuses", query.Statuses?.Select(s => s.ToString(CultureInfo.InvariantCulture)).ToArray());
            Set(writer, "aiClosureTypes", query.AiClosureTypes);
            Set(writer, "sentiments", query.Sentiments);
            Set(writer, "assigneeIds", query.AssigneeIds?.Select(s => s.ToString(CultureInfo.InvariantCulture)).ToArray());
            if (query.UnassignedOnly)
            {
                writer.WriteBoolean("unassigned", true);
            }

            Set(writer, "teamIds", query.TeamIds?.Select(id => id.ToLowerInvariant()).ToArray());
            Set(writer, "contactIds", query.ContactIds?.Select(id => id.ToLowerInvariant()).ToArray());
            if (query.TicketNumber is long ticket)
            {
                writer.WriteNumber("ticketNumber", ticket);
            }

            Set(writer, "languages", query.Languages);
            Set(writer, "tags", query.Tags);
            if (query.WaitingOn is not null)
            {
                writer.WriteString("waitingOn", query.WaitingOn);
            }

            // Entries are alternatives and keys within one entry all apply: both are sets.
            Set(writer, "customData", query.CustomData?.Select(Entry).ToArray());
            writer.WriteString("sortBy", query.SortBy == SessionSortField.CreatedAt ? "created_at" : "last_message_at");
            writer.WriteString("sortOrder", query.SortOrder == SessionSortOrder.Ascending ? "asc" : "desc");
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// True when a version 1 checkpoint, whose identity was the request as it went on the wire with
    /// its start (<paramref name="recordedFrom"/>), was made by the same filters, end and sort.
    /// </summary>
    public static bool MatchesVersion1(string recorded, DateTime? recordedFrom, SessionQuery query) =>
        string.Equals(recorded, Encoding.UTF8.GetString(FilterRequestWriter.Write(
            SessionQuery.Request(query.ToWireFilters(), recordedFrom, query.CreatedBefore, query.SortBy, query.SortOrder, page: 1, limit: 1))), StringComparison.Ordinal);

    private static string Entry(IReadOnlyDictionary<string, string> entry) =>
        string.Join("\u001f", entry.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key + "\u001e" + pair.Value));

    private static void Set(Utf8JsonWriter writer, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (string value in values.Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal))
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
