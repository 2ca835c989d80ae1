using System.Collections.Generic;

namespace OpenCx.Client.Wire;

/// <summary>
/// The filters of a request body other than the dates, as the spec names and types them. A value
/// left null is not sent.
/// </summary>
internal sealed record WireFilters
{
    public static WireFilters None { get; } = new WireFilters();

    public IReadOnlyList<string>? Channels { get; init; }

    public IReadOnlyList<long>? Status { get; init; }

    public IReadOnlyList<string>? AiClosure { get; init; }

    public IReadOnlyList<string>? Sentiment { get; init; }

    /// <summary>An empty list means unassigned sessions only.</summary>
    public IReadOnlyList<long>? Assignees { get; init; }

    public IReadOnlyList<string>? TeamIds { get; init; }

    public IReadOnlyList<string>? ContactIds { get; init; }

    public long? TicketNumber { get; init; }

    public IReadOnlyList<string>? Language { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public string? WaitingOn { get; init; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>>? CustomData { get; init; }
}
