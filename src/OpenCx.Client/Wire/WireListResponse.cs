using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace OpenCx.Client.Wire;

/// <summary>A ListChatSessionsOutput exactly as the read spec shapes it: sessions as the filter endpoint sends them, and the next cursor.</summary>
internal sealed class WireListResponse
{
    public List<WireSession>? Items { get; set; }

    public string? Next { get; set; }
}

/// <summary>Source-generated reading of the list endpoint's answer.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WireListResponse))]
internal sealed partial class ListJsonContext : JsonSerializerContext
{
}
