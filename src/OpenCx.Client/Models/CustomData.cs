using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenCx;

/// <summary>
/// Free-form key/value data (session or contact custom data): values are strings, numbers
/// (long or double) or booleans.
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
        : base(values)
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
            writer.WriteStartObject();
            foreach (KeyValuePair<string, object?> pair in this)
            {
                writer.WritePropertyName(pair.Key);
                WriteValue(writer, pair.Value);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case long whole: writer.WriteNumberValue(whole); break;
            case double real: writer.WriteNumberValue(real); break;
            case JsonElement element: element.WriteTo(writer); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }
}
