using OpenCx.Sandbox.Data;

namespace OpenCx.Sandbox.Listing;

/// <summary>
/// One GET /chat/sessions request, read from its query string. Every bound is exclusive, as the
/// spec's words say ("created after", "updated before"), and kept in 100 ns ticks so that a
/// bound finer than a millisecond compares exactly.
/// </summary>
internal sealed class ListRequest
{
    /// <summary>The output status name: open (custom statuses included), closed_resolved or closed_unresolved.</summary>
    public string? Status { get; set; }

    public string? Channel { get; set; }

    /// <summary>True: sessions the AI handed off (ai_closure_type handed_off); false: the others.</summary>
    public bool? HandedOff { get; set; }

    public long? CreatedAfterTicks { get; set; }

    public long? CreatedBeforeTicks { get; set; }

    public long? UpdatedAfterTicks { get; set; }

    public long? UpdatedBeforeTicks { get; set; }

    /// <summary>The position the cursor names: how many sessions of the order earlier pages held.</summary>
    public int Offset { get; set; }

    public bool Matches(Session session)
    {
        long created = session.CreatedAtMs * 10_000;
        long updated = session.UpdatedAtMs * 10_000;
        return (Status is null || SessionStatus.OutputName(session.StatusId) == Status)
            && (Channel is null || session.Channel == Channel)
            && (HandedOff is not bool handedOff || (session.AiClosureType == "handed_off") == handedOff)
            && (CreatedAfterTicks is not long createdAfter || created > createdAfter)
            && (CreatedBeforeTicks is not long createdBefore || created < createdBefore)
            && (UpdatedAfterTicks is not long updatedAfter || updated > updatedAfter)
            && (UpdatedBeforeTicks is not long updatedBefore || updated < updatedBefore);
    }
}
