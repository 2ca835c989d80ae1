using System;
using System.Collections.Generic;
using System.Text.Json;

namespace OpenCx.Client.Wire;

/// <summary>Turns the wire shape into the public models, checking the few fields paging depends on.</summary>
internal static class SessionMapper
{
    public static ChatSession ToSession(WireSession wire)
    {
        Guid id = ParseId(wire.Id, "id");
        DateTime createdAt = wire.CreatedAt?.UtcDateTime
            ?? throw new FormatException($"Session {id} has no created_at.");

        return new ChatSession(
            id,
            wire.Status ?? string.Empty,
            wire.AiClosureType,
            wire.Sentiment,
            wire.Channel?.Type,
            wire.Contact is null ? null : ToContact(wire.Contact),
            wire.Language,
            wire.AssigneeId,
            wire.CustomData ?? CustomData.Empty,
            wire.Team is null ? null : new Team(ParseId(wire.Team.Id, "team.id"), wire.Team.Name ?? string.Empty, wire.Team.Description),
            wire.Handoff is null ? null : new Handoff(wire.Handoff.Sentiment, wire.Handoff.Summary ?? string.Empty),
            wire.TicketingSystem is null ? null : new TicketingSystem(
                wire.TicketingSystem.Name ?? string.Empty,
                wire.TicketingSystem.ExternalId ?? string.Empty,
                wire.TicketingSystem.IdType ?? string.Empty),
            (long)wire.TicketNumber,
            wire.AssistMode,
            createdAt,
            wire.UpdatedAt?.UtcDateTime ?? createdAt,
            ToCustomData(wire.Unknown));
    }

    private static Contact ToContact(WireContact wire) => new Contact(
        ParseId(wire.Id, "contact.id"),
        wire.Email,
        wire.PhoneNumber,
        wire.Name,
        wire.CustomData,
        new TextDate(wire.CreatedAt),
        new TextDate(wire.UpdatedAt),
        wire.NonVerifiedName,
        wire.NonVerifiedEmail,
        wire.NonVerifiedCustomData);

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

    private static Guid ParseId(string? text, string field) =>
        Guid.TryParse(text, out Guid id) ? id : throw new FormatException($"The {field} '{text}' is not a UUID.");
}
