using System;
using System.Collections.Generic;
using System.Globalization;

namespace OpenCx.Client.Export;

/// <summary>
/// The one set of columns of a CSV export: the session's properties by their names, nested
/// objects flattened to what people filter on, and the properties newer than the module in one
/// column that is always there, so that every night's file has the same columns.
/// </summary>
internal static class SessionColumns
{
    private static readonly (string Name, Func<ChatSession, string?> Value)[] Columns =
    {
        ("Id", s => s.Id.ToString()),
        ("TicketNumber", s => s.TicketNumber.ToString(CultureInfo.InvariantCulture)),
        ("CreatedAt", s => Instant(s.CreatedAt)),
        ("UpdatedAt", s => Instant(s.UpdatedAt)),
        ("Status", s => s.Status),
        ("Channel", s => s.Channel),
        ("AiClosureType", s => s.AiClosureType),
        ("Sentiment", s => s.Sentiment),
        ("Language", s => s.Language),
        ("AssigneeId", s => s.AssigneeId),
        ("TeamId", s => s.Team?.Id.ToString()),
        ("Team", s => s.Team?.Name),
        ("ContactId", s => s.Contact?.Id.ToString()),
        ("ContactName", s => s.Contact is null ? null : s.Contact.Name ?? s.Contact.NonVerifiedName),
        ("ContactEmail", s => s.Contact is null ? null : s.Contact.Email ?? s.Contact.NonVerifiedEmail),
        ("ContactPhoneNumber", s => s.Contact?.PhoneNumber),
        ("Handoff", s => s.Handoff?.Summary),
        ("HandoffSentiment", s => s.Handoff?.Sentiment),
        ("TicketingSystem", s => s.TicketingSystem?.Name),
        ("TicketingSystemExternalId", s => s.TicketingSystem?.ExternalId),
        ("TicketingSystemIdType", s => s.TicketingSystem?.IdType),
        ("AssistMode", s => s.AssistMode ? "True" : "False"),
        ("CustomData", s => s.CustomData.ToString()),
        ("AdditionalProperties", s => s.AdditionalProperties.ToString()),
    };

    /// <summary>The column names, in order; the first is the session's id.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.ConvertAll(Columns, c => c.Name);

    /// <summary>Where <see cref="VersionOf"/>'s UpdatedAt stands in a row.</summary>
    public static int UpdatedAtColumn { get; } = Array.FindIndex(Columns, c => c.Name == "UpdatedAt");

    /// <summary>The header line, terminator included.</summary>
    public static string Header => CsvText.Row(Names);

    /// <summary>One session's line, terminator included.</summary>
    public static string Row(ChatSession session) => CsvText.Row(Array.ConvertAll(Columns, c => c.Value(session)));

    /// <summary>
    /// Which state of a session a row holds: its id, and its UpdatedAt as the file writes it (a
    /// server that sends no updated_at has the session's CreatedAt there, so then the id alone).
    /// </summary>
    public static (Guid Id, string UpdatedAt) VersionOf(ChatSession session) => (session.Id, Instant(session.UpdatedAt));

    /// <summary>ISO 8601 in UTC to the millisecond, whatever the culture: sorts as text, parses back to the same instant.</summary>
    public static string Instant(DateTime value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
