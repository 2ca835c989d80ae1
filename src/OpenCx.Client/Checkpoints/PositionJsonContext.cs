using System.Text.Json.Serialization;
using OpenCx.Client.Querying;

namespace OpenCx.Client.Checkpoints;

/// <summary>Source-generated (de)serialization of the walk position inside its token: compact, as the version 1 file had it.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WalkPosition))]
internal sealed partial class PositionJsonContext : JsonSerializerContext
{
}
