using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenCx.Client.Wire;

// The response exactly as the spec shapes it (FilterChatSessionsOutput), read by the
// source-generated WireJsonContext. SessionMapper turns it into the public models, so the
// wire's snake_case names and loose types stop here.

internal sealed class WireFilterResponse
{
    public List<WireSession>? Data { get; set; }
    public double Page { get; set; }
    public double Limit { get; set; }
    public bool HasNext { get; set; }
    public bool HasPrevious { get; set; }
}

internal sealed class WireSession
{
    public string? Id { get; set; }

    [JsonConverter(typeof(SharedStringConverter))]
    public string? Status { get; set; }

    [JsonConverter(typeof(SharedStringConverter))]
    public string? AiClosureType { get; set; }

    [JsonConverter(typeof(SharedStringConverter))]
    public string? Sentiment { get; set; }

    public WireChannel? Channel { get; set; }
    public WireContact? Contact { get; set; }

    [JsonConverter(typeof(SharedStringConverter))]
    public string? Language { get; set; }

    [JsonConverter(typeof(LenientStringConverter))]
    public string? AssigneeId { get; set; }

    [JsonConverter(typeof(CustomDataJsonConverter))]
    public CustomData? CustomData { get; set; }

    public WireTeam? Team { get; set; }
    public WireHandoff? Handoff { get; set; }
    public WireTicketingSystem? TicketingSystem { get; set; }
    public double TicketNumber { get; set; }
    public bool AssistMode { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class WireChannel
{
    [JsonConverter(typeof(SharedStringConverter))]
    public string? Type { get; set; }
}

internal sealed class WireContact
{
    public string? Id { get; set; }
    public string? Email { get; set; }
    public string? PhoneNumber { get; set; }
    public string? Name { get; set; }

    [JsonConverter(typeof(CustomDataJsonConverter))]
    public CustomData? CustomData { get; set; }

    // Plain strings in the spec (its description says ISO 8601, its schema does not): read as
    // text, and as a date where they are one (SessionMapper).
    public string? CreatedAt { get; set; }
    public string? UpdatedAt { get; set; }
    public string? NonVerifiedName { get; set; }
    public string? NonVerifiedEmail { get; set; }

    [JsonConverter(typeof(CustomDataJsonConverter))]
    public CustomData? NonVerifiedCustomData { get; set; }
}

// A few teams and ticketing systems recur in every page: their strings are shared.
internal sealed class WireTeam
{
    [JsonConverter(typeof(SharedStringConverter))]
    public string? Id { get; set; }

    [JsonConverter(typeof(SharedStringConverter))]
    public string? Name { get; set; }

    [JsonConverter(typeof(SharedStringConverter))]
    public string? Description { get; set; }
}

internal sealed class WireHandoff
{
    [JsonConverter(typeof(SharedStringConverter))]
    public string? Sentiment { get; set; }

    public string? Summary { get; set; }
}

internal sealed class WireTicketingSystem
{
    [JsonConverter(typeof(SharedStringConverter))]
    public string? Name { get; set; }

    public string? ExternalId { get; set; }

    [JsonConverter(typeof(SharedStringConverter))]
    public string? IdType { get; set; }
}
