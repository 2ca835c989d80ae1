using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenCx.Client.Wire;

// A page of a session's history as the read spec shapes it (ListChatHistoryOutput). The event is
// open: the fields the spec names are read typed, any other lands in Unknown and is kept.

internal sealed class WireHistoryResponse
{
    public List<WireHistoryItem>? Items { get; set; }
    public string? Next { get; set; }
}

internal sealed class WireHistoryItem
{
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Id { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }
    public WireHistoryEvent? Event { get; set; }
}

internal sealed class WireHistoryEvent
{
    [JsonConverter(typeof(SharedStringConverter))]
    public string? Type { get; set; }

    public WireSender? Sender { get; set; }
    public WireContent? Content { get; set; }
    public List<WireAttachment>? Attachments { get; set; }

    [JsonConverter(typeof(CustomDataJsonConverter))]
    public CustomData? Context { get; set; }

    public WireIntegration? Integration { get; set; }
    public double? HumanAgentId { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

internal sealed class WireSender
{
    [JsonConverter(typeof(SharedStringConverter))]
    public string? Type { get; set; }

    public string? Name { get; set; }
}

internal sealed class WireContent
{
    public string? Type { get; set; }
    public string? Text { get; set; }
}

internal sealed class WireAttachment
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public double? Size { get; set; }
    public string? Type { get; set; }
    public string? Url { get; set; }
}

internal sealed class WireIntegration
{
    public string? Type { get; set; }
}
