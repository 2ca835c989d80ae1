using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenCx.Sandbox.Tests.Spec;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// The closed sets of values of spec/opencx-filter-sessions.openapi.yaml, read from the file
/// itself: every <c>enum</c> of its schemas, and the named status codes that the description of
/// the filter's <c>status</c> gives (the filter takes integers, so the names are not an enum there).
/// </summary>
public static class SpecEnums
{
    /// <summary>The schema whose description names the status codes ("0 = open, 1 = ...").</summary>
    public const string StatusCodes = "FilterSessionsPublicDto.filters.status";

    private static readonly Lazy<JsonNode> Document = new(() => YamlToJson.Convert(File.ReadAllText(RepoPaths.Spec))!);

    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyList<string>>> Enums = new(ReadEnums);

    /// <summary>
    /// Every enum by where it stands under components/schemas, written with dots and without the
    /// schema keywords on the way (properties, items, anyOf): "GetChatSessionOutput.handoff.sentiment".
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> All => Enums.Value;

    /// <summary>The values of one enum, in the spec's order.</summary>
    public static IReadOnlyList<string> At(string name) =>
        All.TryGetValue(name, out IReadOnlyList<string>? values)
            ? values
            : throw new ArgumentException($"The spec has no enum at {name}; it has: {string.Join(", ", All.Keys)}.", nameof(name));

    /// <summary>The pattern of one string schema, as the spec writes it: "GetChatSessionOutput.id".</summary>
    public static string PatternAt(string name) => Schema(name)["pattern"]!.GetValue<string>();

    /// <summary>The named statuses in the order of their codes, as the filter's description gives them; the codes run 0, 1, 2...</summary>
    public static IReadOnlyList<string> StatusNamesByCode()
    {
        string description = Schema(StatusCodes)["description"]!.GetValue<string>();
        var named = Regex.Matches(description, @"(\d+) = ([a-z_]+)")
            .Select(m => (Code: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Name: m.Groups[2].Value))
            .ToList();
        if (named.Count == 0 || !named.Select(n => n.Code).SequenceEqual(Enumerable.Range(0, named.Count)))
        {
            throw new InvalidOperationException($"The description of {StatusCodes} no longer names the codes 0, 1, 2... as \"0 = open\": {description}");
        }

        return named.Select(n => n.Name).ToList();
    }

    private static JsonNode Schema(string name)
    {
        string[] parts = name.Split('.');
        JsonNode node = Document.Value["components"]!["schemas"]![parts[0]]!;
        foreach (string property in parts.Skip(1))
        {
            node = node["properties"]![property]!;
        }

        return node;
    }

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> ReadEnums()
    {
        var found = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, JsonNode?> schema in Document.Value["components"]!["schemas"]!.AsObject())
        {
            Collect(schema.Value!, schema.Key, found);
        }

        return found;
    }

    private static void Collect(JsonNode node, string name, IDictionary<string, IReadOnlyList<string>> found)
    {
        if (node is JsonArray array)
        {
            foreach (JsonNode? item in array)
            {
                if (item is not null)
                {
                    Collect(item, name, found);
                }
            }

            return;
        }

        if (node is not JsonObject obj)
        {
            return;
        }

        foreach (KeyValuePair<string, JsonNode?> pair in obj)
        {
            if (pair.Value is null)
            {
                continue;
            }

            if (pair.Key == "enum")
            {
                found.Add(name, pair.Value.AsArray().Select(v => v!.GetValue<string>()).ToList());
            }
            else if (pair.Key == "properties")
            {
                foreach (KeyValuePair<string, JsonNode?> property in pair.Value.AsObject())
                {
                    Collect(property.Value!, $"{name}.{property.Key}", found);
                }
            }
            else if (pair.Key is "items" or "anyOf" or "oneOf" or "allOf")
            {
                Collect(pair.Value, name, found);
            }
        }
    }
}
