using System.Text.Json.Serialization;

namespace OpenCx.Client.Checkpoints;

/// <summary>Source-generated (de)serialization of the checkpoint file: readable, indented JSON.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CheckpointDocument))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext
{
}
