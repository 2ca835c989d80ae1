using System.Collections.Generic;
using OpenCx.Sandbox.Data;

namespace OpenCx.Sandbox.Filtering;

/// <summary>
/// The request's "filters" object as a predicate. A null criterion does not filter. An empty
/// array does not filter either (the parser leaves it null) except assignees, where the spec
/// gives [] its own meaning: unassigned sessions only.
/// </summary>
internal sealed class SessionFilter
{
    /// <summary>Inclusive lower bound on created_at, in Unix milliseconds.</summary>
    public long? CreatedFromMs { get; set; }

    /// <summary>Inclusive upper bound on created_at, in Unix milliseconds.</summary>
    public long? CreatedToMs { get; set; }

    public HashSet<string>? Channels { get; set; }

    public HashSet<long>? StatusIds { get; set; }

    public HashSet<string>? AiClosureTypes { get; set; }

    public HashSet<string>? Sentiments { get; set; }

    /// <summary>Numeric user ids; empty means "unassigned only".</summary>
    public HashSet<double>? Assignees { get; set; }

    public HashSet<string>? TeamIds { get; set; }

    public HashSet<string>? ContactIds { get; set; }

    public HashSet<string>? Languages { get; set; }

    public double? TicketNumber { get; set; }

    /// <summary>A session must carry all of them.</summary>
    public IReadOnlyList<string>? Tags { get; set; }

    public string? WaitingOn { get; set; }

    /// <summary>OR between the objects, AND between the pairs of one object.</summary>
    public IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>>? CustomData { get; set; }

    /// <summary>True when nothing but the created_at range is asked for.</summary>
    public bool HasOnlyDateRange =>
        Channels is null && StatusIds is null && AiClosureTypes is null && Sentiments is null && Assignees is null
        && TeamIds is null && ContactIds is null && Languages is null && TicketNumber is null && Tags is null
        && WaitingOn is null && CustomData is null;

    public bool Matches(Session session) =>
        (CreatedFromMs is not long from || session.CreatedAtTicks >= from * 10_000)
        && (CreatedToMs is not long to || session.CreatedAtTicks <= to * 10_000)
        && (Channels is null || Channels.Contains(session.Channel))
        && (StatusIds is null || StatusIds.Contains(session.StatusId))
        && (AiClosureTypes is null || (session.AiClosureType is not null && AiClosureTypes.Contains(session.AiClosureType)))
        && (Sentiments is null || (session.Sentiment is not null && Sentiments.Contains(session.Sentiment)))
        && MatchesAssignee(session)
        && (TeamIds is null || (session.Team is not null && TeamIds.Contains(session.Team.Id)))
        && (ContactIds is null || (session.Contact is not null && ContactIds.Contains(session.Contact.Id)))
        && (Languages is null || (session.Language is not null && Languages.Contains(session.Language)))
        && (TicketNumber is not double ticket || session.TicketNumber == ticket)
        && (WaitingOn is null || session.WaitingOn == WaitingOn)
        && HasAllTags(session)
        && MatchesCustomData(session);

    private bool MatchesAssignee(Session session)
    {
        if (Assignees is null)
        {
            return true;
        }

        if (Assignees.Count == 0)
        {
            return session.AssigneeId is null;
        }

        return session.AssigneeId is long id && Assignees.Contains(id);
    }

    private bool HasAllTags(Session session)
    {
        if (Tags is null)
        {
            return true;
        }

        foreach (string tag in Tags)
        {
            if (!Contains(session.Tags, tag))
            {
                return false;
            }
        }

        return true;
    }

    private bool MatchesCustomData(Session session)
    {
        if (CustomData is null)
        {
            return true;
        }

        foreach (IReadOnlyList<KeyValuePair<string, string>> alternative in CustomData)
        {
            if (HasAllPairs(session.CustomData, alternative))
            {
                return true;
            }
        }

        return false;
    }

    // Values compare as strings: a session's 42 (number) and true (boolean) match "42" and "true".
    private static bool HasAllPairs(IReadOnlyList<KeyValuePair<string, CustomDataValue>>? data, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        foreach (KeyValuePair<string, string> pair in pairs)
        {
            if (data is null || !HasPair(data, pair))
            {
                return false;
            }
        }

        return true;
    }

    private static bool HasPair(IReadOnlyList<KeyValuePair<string, CustomDataValue>> data, KeyValuePair<string, string> pair)
    {
        foreach (KeyValuePair<string, CustomDataValue> entry in data)
        {
            if (entry.Key == pair.Key)
            {
                return entry.Value.Text == pair.Value;
            }
        }

        return false;
    }

    private static bool Contains(IReadOnlyList<string> values, string value)
    {
        foreach (string candidate in values)
        {
            if (candidate == value)
            {
                return true;
            }
        }

        return false;
    }
}
