using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;

namespace OpenCx.Commands.Validation;

/// <summary>
/// Turns -CustomData hashtables into the API's custom_data filter: each value becomes text
/// (the API compares strings), and anything that is not a plain value is refused before a
/// request is sent.
/// </summary>
internal static class CustomDataFilter
{
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Convert(Hashtable[] tables)
    {
        var entries = new List<IReadOnlyDictionary<string, string>>(tables.Length);
        for (int i = 0; i < tables.Length; i++)
        {
            Hashtable? table = tables[i];
            if (table is null || table.Count == 0)
            {
                throw Invalid(i, "is empty; give at least one key = value pair, e.g. @{ plan = 'pro' }");
            }

            var entry = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry pair in table)
            {
                string key = System.Convert.ToString(pair.Key, CultureInfo.InvariantCulture) ?? string.Empty;
                if (key.Length == 0)
                {
                    throw Invalid(i, "has an empty key");
                }

                entry[key] = ToText(pair.Value, i, key);
            }

            entries.Add(entry);
        }

        return entries;
    }

    private static string ToText(object? value, int index, string key)
    {
        object? plain = value is PSObject wrapped ? wrapped.BaseObject : value;
        switch (plain)
        {
            case null:
                throw Invalid(index, $"has no value for '{key}'; custom data is compared as text, so give the text to match");
            case string text:
                return text;
            case bool flag:
                return flag ? "true" : "false";
            case IFormattable number when IsNumber(number):
                return number.ToString(null, CultureInfo.InvariantCulture);
            default:
                throw Invalid(index, $"gives '{key}' a {plain.GetType().Name}; custom data values must be text, numbers or booleans");
        }
    }

    private static bool IsNumber(object value) =>
        value is byte || value is sbyte || value is short || value is ushort || value is int || value is uint
        || value is long || value is ulong || value is float || value is double || value is decimal;

    private static ArgumentException Invalid(int index, string problem) =>
        new ArgumentException($"-CustomData entry {index + 1} {problem}.");
}
