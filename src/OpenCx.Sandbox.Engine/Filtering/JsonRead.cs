using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace OpenCx.Sandbox.Filtering;

/// <summary>
/// Typed reads of one request value under JSON Schema rules (2.0 is an integer, null is no
/// string), each throwing <see cref="InvalidFilterRequestException"/> that names the value's path.
/// </summary>
internal static class JsonRead
{
    /// <summary>The schema's maximum for status ids: the largest integer a JavaScript number holds exactly.</summary>
    public const long MaxSafeInteger = 9_007_199_254_740_991;

    public static long Integer(JsonElement value, string path, long minimum, long maximum)
    {
        if (value.ValueKind != JsonValueKind.Number
            || !value.TryGetDouble(out double number)
            || Math.Floor(number) != number
            || number < minimum
            || number > maximum)
        {
            throw new InvalidFilterRequestException(string.Format(
                CultureInfo.InvariantCulture, "{0} must be an integer between {1} and {2}", path, minimum, maximum));
        }

        return (long)number;
    }

    public static double Number(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || double.IsInfinity(number))
        {
            throw new InvalidFilterRequestException($"{path} must be a number");
        }

        return number;
    }

    public static string String(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new InvalidFilterRequestException($"{path} must be a string");

    public static string Enum(JsonElement value, string path, IReadOnlyList<string> allowed)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            string text = value.GetString()!;
            foreach (string candidate in allowed)
            {
                if (candidate == text)
                {
                    return text;
                }
            }
        }

        throw new InvalidFilterRequestException($"{path} must be one of {string.Join(", ", allowed)}");
    }

    public static void Object(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidFilterRequestException($"{path} must be an object");
        }
    }

    /// <summary>The items of an array, each read by <paramref name="read"/> with its own path.</summary>
    public static List<T> Array<T>(JsonElement value, string path, Func<JsonElement, string, T> read)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidFilterRequestException($"{path} must be an array");
        }

        var items = new List<T>(value.GetArrayLength());
        int index = 0;
        foreach (JsonElement item in value.EnumerateArray())
        {
            items.Add(read(item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]"));
            index++;
        }

        return items;
    }
}
