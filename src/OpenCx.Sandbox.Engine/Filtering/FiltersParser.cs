using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace OpenCx.Sandbox.Filtering;

/// <summary>Reads and validates the "filters" object of a request.</summary>
internal static class FiltersParser
{
    public static SessionFilter Parse(JsonElement filters, string path)
    {
        JsonRead.Object(filters, path);
        var filter = new SessionFilter();
        foreach (JsonProperty property in filters.EnumerateObject())
        {
            JsonElement value = property.Value;
            string at = path + "." + property.Name;
            switch (property.Name)
            {
                case "date":
                    ReadDate(value, at, filter);
                    break;
                case "channels":
                    filter.Channels = SetOrNull(JsonRead.Array(value, at, (v, p) => JsonRead.Enum(v, p, SpecVocabulary.Channels)));
                    break;
                case "status":
                    filter.StatusIds = SetOrNull(JsonRead.Array(value, at, (v, p) => JsonRead.Integer(v, p, 0, JsonRead.MaxSafeInteger)));
                    break;
                case "ai_closure":
                    filter.AiClosureTypes = SetOrNull(JsonRead.Array(value, at, (v, p) => JsonRead.Enum(v, p, SpecVocabulary.AiClosureTypes)));
                    break;
                case "sentiment":
                    filter.Sentiments = SetOrNull(JsonRead.Array(value, at, (v, p) => JsonRead.Enum(v, p, SpecVocabulary.Sentiments)));
                    break;
                case "assignees":
                    // Never null once given: [] is the spec's "unassigned only".
                    filter.Assignees = new HashSet<double>(JsonRead.Array(value, at, JsonRead.Number));
                    break;
                case "team_ids":
                    filter.TeamIds = SetOrNull(JsonRead.Array(value, at, JsonRead.String), StringComparer.OrdinalIgnoreCase);
                    break;
                case "contact_ids":
                    filter.ContactIds = SetOrNull(JsonRead.Array(value, at, JsonRead.String), StringComparer.OrdinalIgnoreCase);
                    break;
                case "ticket_number":
                    filter.TicketNumber = JsonRead.Number(value, at);
                    break;
                case "language":
                    filter.Languages = SetOrNull(JsonRead.Array(value, at, JsonRead.String));
                    break;
                case "tags":
                    List<string> tags = JsonRead.Array(value, at, JsonRead.String);
                    filter.Tags = tags.Count == 0 ? null : tags;
                    break;
                case "waiting_on":
                    filter.WaitingOn = JsonRead.Enum(value, at, SpecVocabulary.WaitingOnFilter);
                    break;
                case "custom_data":
                    List<IReadOnlyList<KeyValuePair<string, string>>> alternatives = JsonRead.Array(value, at, ReadCustomDataObject);
                    filter.CustomData = alternatives.Count == 0 ? null : alternatives;
                    break;
            }
        }

        return filter;
    }

    private static void ReadDate(JsonElement date, string path, SessionFilter filter)
    {
        JsonRead.Object(date, path);
        foreach (JsonProperty property in date.EnumerateObject())
        {
            string at = path + "." + property.Name;
            switch (property.Name)
            {
                case "from":
                    // Inclusive: a bound with a sub-millisecond part admits only the next whole millisecond.
                    long fromMs = ReadUtcDateTime(property.Value, at, out bool fromHasRemainder);
                    filter.CreatedFromMs = fromHasRemainder ? fromMs + 1 : fromMs;
                    break;
                case "to":
                    filter.CreatedToMs = ReadUtcDateTime(property.Value, at, out _);
                    break;
            }
        }
    }

    private static long ReadUtcDateTime(JsonElement value, string path, out bool hasRemainder)
    {
        string text = JsonRead.String(value, path);
        if (!UtcDateTime.TryParse(text, out long floorMs, out hasRemainder))
        {
            throw new InvalidFilterRequestException(
                $"{path} must be a UTC date-time matching the spec's pattern, for example 2024-05-01T00:00:00.000Z");
        }

        return floorMs;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ReadCustomDataObject(JsonElement value, string path)
    {
        JsonRead.Object(value, path);

        // A repeated key keeps its last value, as JSON.parse does on the real API.
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty property in value.EnumerateObject())
        {
            pairs[property.Name] = JsonRead.String(property.Value, path + "." + property.Name);
        }

        return pairs.ToList();
    }

    private static HashSet<T>? SetOrNull<T>(List<T> items, IEqualityComparer<T>? comparer = null) =>
        items.Count == 0 ? null : new HashSet<T>(items, comparer);
}
