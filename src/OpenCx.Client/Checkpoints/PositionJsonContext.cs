using System.Text.Json.Serialization;

namespace OpenCx.Client.Checkpoints;

/// <summary>Source-generated reading of a version 1 position token.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Version1Position))]
internal sealed partial class PositionJsonContext : JsonSerializerContext
{
}
