using System;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenCx.Client.Wire;

/// <summary>Reads a string field whose values repeat across sessions (a status, a team name) through <see cref="SharedStrings"/>.</summary>
internal sealed class SharedStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SharedStrings.Get(ref reader);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
