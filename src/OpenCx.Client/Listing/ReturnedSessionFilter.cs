using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OpenCx.Client.Listing;

/// <summary>
/// The filters the list endpoint does not have but whose fields every session carries, applied
/// to what comes back, with the filter endpoint's meanings: any of the values given, and custom
/// data matched as text (42 and true match "42" and "true"), any entry with all its pairs.
/// </summary>
public sealed class ReturnedSessionFilter
{
    public IReadOnlyList<string>? AiClosureTypes { get; init; }

    public IReadOnlyList<string>? Sentiments { get; init; }

    public IReadOnlyList<long>? AssigneeIds { get; init; }

    public bool UnassignedOnly { get; init; }

    public IReadOnlyList<string>? TeamIds { get; init; }

    public IReadOnlyList<string>? ContactIds { get; init; }

    public long? TicketNumber { get; init; }

    public IReadOnlyList<string>? Languages { get; init; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>>? CustomData { get; init; }

    /// <summary>The names of the filters applied here, for -Verbose; empty when none is.</summary>
    public IReadOnlyList<string> Applied
    {
        get
        {
            var names = new List<string>();
            AddIf(names, AiClosureTypes is not null, "-AiClosure");
            AddIf(names, Sentiments is not null, "-Sentiment");
            AddIf(names, AssigneeIds is not null, "-AssigneeId");
            AddIf(names, UnassignedOnly, "-Unassigned");
            AddIf(names, TeamIds is not null, "-TeamId");
            AddIf(names, ContactIds is not null, "-ContactId");
            AddIf(names, TicketNumber is not null, "-TicketNumber");
            AddIf(names, Languages is not null, "-Language");
            AddIf(names, CustomData is not null, "-CustomData");
            return names;
        }
    }

    /// <summary>The filters and their values in one canonical text: part of a sync checkpoint's identity.</summary>
    public string Canonical
    {
        get
        {
            var parts = new List<string>();
            AddIf(parts, AiClosureTypes is not null, "ai_closure=" + Join(AiClosureTypes));
            AddIf(parts, Sentiments is not null, "sentiment=" + Join(Sentiments));
            AddIf(parts, AssigneeIds is not null, "assignee=" + Join(AssigneeIds?.Select(id => id.ToString(CultureInfo.InvariantCulture))));
            AddIf(parts, UnassignedOnly, "unassigned");
            AddIf(parts, TeamIds is not null, "team=" + Join(TeamIds?.Select(id => id.ToLowerInvariant())));
            AddIf(parts, ContactIds is not null, "contact=" + Join(ContactIds?.Select(id => id.ToLowerInvariant())));
            AddIf(parts, TicketNumber is not null, "ticket=" + TicketNumber?.ToString(CultureInfo.InvariantCulture));
            AddIf(parts, Languages is not null, "language=" + Join(Languages));
            AddIf(parts, CustomData is not null, "custom_data=" + string.Join("|", (CustomData ?? Array.Empty<IReadOnlyDictionary<string, string>>())
                .Select(entry => Join(entry.Select(pair => pair.Key + ":" + pair.Value)))));
            return string.Join(";", parts);
        }
    }

    public bool Matches(ChatSession session) =>
        (AiClosureTypes is null || (session.AiClosureType is not null && AiClosureTypes.Contains(session.AiClosureType, StringComparer.Ordinal)))
        && (Sentiments is null || (session.Sentiment is not null && Sentiments.Contains(session.Sentiment, StringComparer.Ordinal)))
        && (AssigneeIds is null || (session.AssigneeId is not null && AssigneeIds.Any(id => id.ToString(CultureInfo.InvariantCulture) == session.AssigneeId)))
        && (!UnassignedOnly || session.AssigneeId is null)
        && (TeamIds is null || (session.Team is not null && TeamIds.Any(id => Guid.TryParse(id, out Guid team) && team == session.Team.Id)))
        && (ContactIds is null || (session.ContactId is Guid contact && ContactIds.Any(id => Guid.TryParse(id, out Guid wanted) && wanted == contact)))
        && (TicketNumber is null || session.TicketNumber == TicketNumber)
        && (Languages is null || (session.Language is not null && Languages.Contains(session.Language, StringComparer.Ordinal)))
        && (CustomData is null || CustomData.Any(entry => entry.All(pair => HasPair(session.CustomData, pair))));

    private static bool HasPair(CustomData data, KeyValuePair<string, string> pair) =>
        data.TryGetValue(pair.Key, out object? value) && string.Equals(AsText(value), pair.Value, StringComparison.Ordinal);

    private static string? AsText(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        double real => real.ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string Join(IEnumerable<string>? values) =>
        string.Join(",", (values ?? Array.Empty<string>()).OrderBy(v => v, StringComparer.Ordinal));

    private static void AddIf(List<string> names, bool applied, string name)
    {
        if (applied)
        {
            names.Add(name);
        }
    }
}
