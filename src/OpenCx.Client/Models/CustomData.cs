using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenCx;

/// <summary>
/// Free-form key/value data (session or contact custom data): values are strings, numbers
/// (long or double) or booleans; a value newer than the spec (a JSON object or array) is custom
/// data or a read-only list of its own.
/// </summary>
/// <remarks>
/// A read-only dictionary, so PowerShell reads <c>$session.CustomData.plan</c> as it reads a
/// hashtable. <see cref="ToString"/> is compact JSON: that is what <c>Export-Csv</c> writes in
/// the cell, where a plain dictionary would write its .NET type name.
/// </remarks>
public sealed class CustomData : ReadOnlyDictionary<string, object?>
{
    internal static readonly CustomData Empty = new CustomData(new Dictionary<string, object?>());

    internal CustomData(IDictionary<string, object?> values)
        : base(WithPlainValues(values))
    {
    }

    public override string ToString()
    {
        if (Count == 0)
        {
            return string.Empty;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteValue(writer, this);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// JSON objects and arrays as custom data and lists: PowerShell reads them
    /// (<c>$s.AdditionalProperties.sla.minutes</c>) and ConvertTo-Json writes them as they came,
    /// where of a JsonElement it would write only its ValueKind.
    /// </summary>
    private static IDictionary<string, object?> WithPlainValues(IDictionary<string, object?> values)
    {
        if (!values.Values.Any(v => v is JsonElement))
        {
            return values;
        }

        var plain = new Dictionary<string, object?>(values.Count, StringComparer.Ordinal);
        foreach (KeyValuePair<string, object?> pair in values)
        {
            plain[pair.Key] = pair.Value is JsonElement element ? FromJson(element) : pair.Value;
        }

        return plain;
    }

    private static object? FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var members = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (JsonProperty member in element.EnumerateObject())
                {
                    members[member.Name] = FromJson(member.Value);
                }

                return new CustomData(members);
            case JsonValueKind.Array:
                return new ReadOnlyCollection<object?>(element.EnumerateArray().Select(FromJson).ToList());
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out long whole) ? whole : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case long whole: writer.WriteNumberValue(whole); break;
            case double real: writer.WriteNumberValue(real); break;
            case CustomData data:
                writer.WriteStartObject();
                foreach (KeyValuePair<string, object?> pair in data)
                {
                    writer.WritePropertyName(pair.Key);
                    WriteValue(writer, pair.Value);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> list:
                writer.WriteStartArray();
                foreach (object? item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }
}
