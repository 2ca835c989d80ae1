using System.Collections.Generic;
using System.Text.Json;
using OpenCx.Sandbox.Data;

namespace OpenCx.Sandbox.Json;

/// <summary>Writes custom_data objects, keeping each value's JSON type.</summary>
internal static class CustomDataJson
{
    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<KeyValuePair<string, CustomDataValue>> data)
    {
        writer.WriteStartObject(name);
        foreach (KeyValuePair<string, CustomDataValue> entry in data)
        {
            CustomDataValue value = entry.Value;
            switch (value.Kind)
            {
                case CustomDataKind.Number:
                    writer.WriteNumber(entry.Key, value.Number);
                    break;
                case CustomDataKind.Boolean:
                    writer.WriteBoolean(entry.Key, value.Flag);
                    break;
                default:
                    writer.WriteString(entry.Key, value.Text);
                    break;
            }
        }

        writer.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, IReadOnlyList<KeyValuePair<string, string>> data)
    {
        writer.WriteStartObject(name);
        foreach (KeyValuePair<string, string> entry in data)
        {
            writer.WriteString(entry.Key, entry.Value);
        }

        writer.WriteEndObject();
    }
}
