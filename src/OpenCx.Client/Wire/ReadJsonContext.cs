using System.Text.Json.Serialization;

namespace OpenCx.Client.Wire;

/// <summary>Source-generated metadata for the read endpoints: one session by id, a session's history.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WireSession))]
[JsonSerializable(typeof(WireHistoryResponse))]
internal sealed partial class ReadJsonContext : JsonSerializerContext
{
}
