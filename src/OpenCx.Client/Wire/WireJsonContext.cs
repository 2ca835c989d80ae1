using System.Text.Json.Serialization;

namespace OpenCx.Client.Wire;

/// <summary>Source-generated (de)serialization metadata: no reflection at run time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(WireFilterResponse))]
internal sealed partial class WireJsonContext : JsonSerializerContext
{
}
