using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenCx.Client.Wire;

/// <summary>
/// Reads an id the spec types as a string but that a server may send as a number, keeping its text.
/// </summary>
internal sealed class LenientStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => SharedStrings.Get(ref reader),
            JsonTokenType.Null => null,
            JsonTokenType.Number => SharedStrings.GetRawNumber(ref reader),
            _ => JsonElement.ParseValue(ref reader).GetRawText(),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
