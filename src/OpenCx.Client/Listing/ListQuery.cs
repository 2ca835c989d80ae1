using System;
using System.Collections.Generic;

namespace OpenCx.Client.Listing;

/// <summary>
/// What to read from the list endpoint (GET /chat/sessions), as the user means it: immutable,
/// normalised once (lower-case names, UTC instants to the millisecond). Several statuses or
/// channels are one walk each, since the endpoint takes one of each.
/// </summary>
/// <remarks>
/// The bounds keep the cmdlet's meanings, whatever the server does at the edge (the spec does
/// not say whether its bounds are inclusive): <see cref="CreatedFrom"/> is at or after, every
/// other bound strictly after or before.
/// </remarks>
public sealed record ListQuery
{
    private readonly DateTime? _createdFrom;
    private readonly DateTime? _createdBefore;
    private readonly DateTime? _updatedAfter;
    private readonly DateTime? _updatedBefore;

    /// <summary>open, closed_resolved or closed_unresolved; null for any.</summary>
    public IReadOnlyList<string>? Statuses { get; init; }

    public IReadOnlyList<string>? Channels { get; init; }

    /// <summary>True: only sessions handed off to a human; false: only the others; null: both.</summary>
    public bool? HandedOff { get; init; }

    /// <summary>Sessions created at or after this instant.</summary>
    public DateTime? CreatedFrom { get => _createdFrom; init => _createdFrom = WholeMilliseconds(value); }

    /// <summary>Sessions created strictly before this instant.</summary>
    public DateTime? CreatedBefore { get => _createdBefore; init => _createdBefore = WholeMilliseconds(value); }

    /// <summary>Sessions updated strictly after this instant.</summary>
    public DateTime? UpdatedAfter { get => _updatedAfter; init => _updatedAfter = WholeMilliseconds(value); }

    /// <summary>Sessions updated strictly before this instant.</summary>
    public DateTime? UpdatedBefore { get => _updatedBefore; init => _updatedBefore = WholeMilliseconds(value); }

    /// <summary>The requests one walk of this query makes: one per status and channel.</summary>
    internal IReadOnlyList<ListRequest> Requests()
    {
        var requests = new List<ListRequest>();
        foreach (string? status in OrAny(Statuses))
        {
            foreach (string? channel in OrAny(Channels))
            {
                requests.Add(new ListRequest(this, status, channel));
            }
        }

        return requests;
    }

    /// <summary>True when the session lies in every range the user asked for.</summary>
    internal bool Wants(ChatSession session) =>
        (_createdFrom is null || session.CreatedAt >= _createdFrom)
        && (_createdBefore is null || session.CreatedAt < _createdBefore)
        && (_updatedAfter is null || session.UpdatedAt > _updatedAfter)
        && (_updatedBefore is null || session.UpdatedAt < _updatedBefore);

    private static IEnumerable<string?> OrAny(IReadOnlyList<string>? values) =>
        values is null || values.Count == 0 ? new string?[] { null } : new HashSet<string>(values, StringComparer.Ordinal);

    private static DateTime? WholeMilliseconds(DateTime? value)
    {
        if (value is null)
        {
            return null;
        }

        if (value.Value.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Dates of a query are UTC instants; convert local times with ToUniversalTime() first.", nameof(value));
        }

        long ticks = value.Value.Ticks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
