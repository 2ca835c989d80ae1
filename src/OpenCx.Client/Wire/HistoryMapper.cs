using System;
using System.Collections.Generic;
using System.Text.Json;

namespace OpenCx.Client.Wire;

/// <summary>Turns a wire history page into <see cref="SessionEvent"/>s: every item, whatever its type.</summary>
internal static class HistoryMapper
{
    public static List<SessionEvent> ToEvents(Guid sessionId, WireHistoryResponse wire)
    {
        if (wire.Items is null)
        {
            throw new JsonException("The body has no 'items' array.");
        }

        var events = new List<SessionEvent>(wire.Items.Count);
        foreach (WireHistoryItem? item in wire.Items)
        {
            if (item is null)
            {
                throw new JsonException("The 'items' array holds a null.");
            }

            events.Add(ToEvent(sessionId, item));
        }

        return events;
    }

    private static SessionEvent ToEvent(Guid sessionId, WireHistoryItem item)
    {
        DateTime createdAt = item.CreatedAt?.UtcDateTime
            ?? throw new FormatException($"An event of session {sessionId} has no created_at.");
        WireHistoryEvent wire = item.Event
            ?? throw new FormatException($"The item {item.Id} of session {sessionId} has no event.");
        if (string.IsNullOrEmpty(wire.Type))
        {
            throw new FormatException($"The event {item.Id} of session {sessionId} has no type.");
        }

        return new SessionEvent(
            sessionId,
            item.Id,
            wire.Type!,
            createdAt,
            wire.Sender is null ? null : new EventSender(wire.Sender.Type ?? string.Empty, wire.Sender.Name),
            wire.Content?.Text,
            ToAttachments(wire.Attachments),
            wire.HumanAgentId is double agent ? (long)agent : null,
            wire.Integration?.Type,
            wire.Context ?? CustomData.Empty,
            ToCustomData(wire.Unknown));
    }

    private static AttachmentList ToAttachments(List<WireAttachment>? wire)
    {
        if (wire is null || wire.Count == 0)
        {
            return AttachmentList.Empty;
        }

        var attachments = new List<EventAttachment>(wire.Count);
        foreach (WireAttachment a in wire)
        {
            attachments.Add(new EventAttachment(a.Id, a.Name, a.Size, a.Type, a.Url));
        }

        return new AttachmentList(attachments);
    }

    private static CustomData ToCustomData(Dictionary<string, JsonElement>? unknown)
    {
        if (unknown is null || unknown.Count == 0)
        {
            return CustomData.Empty;
        }

        var values = new Dictionary<string, object?>(unknown.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, JsonElement> pair in unknown)
        {
            values[pair.Key] = CustomDataJsonConverter.ToValue(pair.Value);
        }

        return new CustomData(values);
    }
}
