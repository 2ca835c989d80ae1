using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenCx.Client.Wire;

/// <summary>Reads a JSON object of scalars into <see cref="CustomData"/>, keeping each value's JSON type.</summary>
internal sealed class CustomDataJsonConverter : JsonConverter<CustomData>
{
    // Booleans boxed once, not once per value.
    private static readonly object True = true;
    private static readonly object False = false;

    public override CustomData? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for custom data, found {reader.TokenType}.");
        }

        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string key = SharedStrings.Get(ref reader)!;
            reader.Read();
            values[key] = ReadValue(ref reader);
        }

        return new CustomData(values);
    }

    public override void Write(Utf8JsonWriter writer, CustomData value, JsonSerializerOptions options) =>
        throw new NotSupportedException("The module never writes custom data through this converter.");

    internal static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out long whole) ? whole : (object)element.GetDouble(),
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Null => null,
        _ => element.Clone(),
    };

    private static object? ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => SharedStrings.Get(ref reader),
        JsonTokenType.Number => reader.TryGetInt64(out long whole) ? whole : (object)reader.GetDouble(),
        JsonTokenType.True => True,
        JsonTokenType.False => False,
        JsonTokenType.Null => null,
        // A value newer than the spec (an object or array): keep it whole rather than fail the page.
        _ => JsonElement.ParseValue(ref reader),
    };
}
