using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using Json.Schema;

namespace OpenCx.Sandbox.Tests.Spec;

/// <summary>
/// The schemas of spec/opencx-filter-sessions.openapi.yaml, read from the file itself, as
/// JSON Schema 2020-12 validators. Reusable: give it a schema name from components/schemas
/// and a JSON text, get back the violations (none means valid).
/// </summary>
public static class SpecSchemas
{
    public const string SpecPath = "spec/opencx-filter-sessions.openapi.yaml";

    /// <summary>The read endpoints (one session, a session's history, the list); its schemas refer to the filter spec's.</summary>
    public const string ReadSpecPath = "spec/opencx-sessions-read.openapi.yaml";

    private const string BaseUri = "https://opencx.sandbox.test/openapi.json";

    private static readonly Lazy<JsonObject> Document = new(() => LoadDocument(SpecPath));

    private static readonly Lazy<JsonObject> ReadDocument = new(LoadReadDocument);

    private static readonly Dictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    private static readonly Dictionary<string, JsonSchema> ReadSchemas = new(StringComparer.Ordinal);

    // [assertFormats, detailed]: a flag-only pass is several times faster, and the list of
    // errors is only worth its cost when something fails.
    private static readonly EvaluationOptions[,] OptionSets =
    {
        { Options(assertFormats: false, detailed: false), Options(assertFormats: false, detailed: true) },
        { Options(assertFormats: true, detailed: false), Options(assertFormats: true, detailed: true) },
    };

    /// <summary>
    /// Validates <paramref name="json"/> against components/schemas/<paramref name="schemaName"/>.
    /// With <paramref name="assertFormats"/> (the default, for what the server writes) uuid,
    /// email and date-time formats are checked too, stricter than 2020-12's default. Request
    /// bodies want false: the spec's own date pattern admits "2025-05-01T00:00Z" (no seconds),
    /// which RFC 3339's date-time does not, and the pattern is what the API enforces.
    /// </summary>
    public static IReadOnlyList<string> Validate(string schemaName, string json, bool assertFormats = true) =>
        Validate(schemaName, JsonNode.Parse(json), assertFormats);

    /// <summary>A request body against FilterSessionsPublicDto, formats as annotations (see <see cref="Validate(string, string, bool)"/>).</summary>
    public static IReadOnlyList<string> ValidateRequest(string json) => Validate("FilterSessionsPublicDto", json, assertFormats: false);

    /// <summary>A 200 body against FilterChatSessionsOutput, formats asserted.</summary>
    public static IReadOnlyList<string> ValidateResponse(string json) => Validate("FilterChatSessionsOutput", json);

    public static IReadOnlyList<string> Validate(string schemaName, JsonNode? instance, bool assertFormats = true) =>
        Evaluate(SchemaFor(schemaName, Document.Value, Schemas), instance, assertFormats);

    /// <summary>A 200 body of GET /chat/sessions against the read spec's ListChatSessionsOutput, formats asserted.</summary>
    public static IReadOnlyList<string> ValidateListResponse(string json) => ValidateRead("ListChatSessionsOutput", json);

    /// <summary>Validates <paramref name="json"/> against a schema of the read spec (ListChatHistoryOutput...), formats asserted.</summary>
    public static IReadOnlyList<string> ValidateRead(string schemaName, string json) =>
        Evaluate(SchemaFor(schemaName, ReadDocument.Value, ReadSchemas), JsonNode.Parse(json), assertFormats: true);

    private static IReadOnlyList<string> Evaluate(JsonSchema schema, JsonNode? instance, bool assertFormats)
    {
        EvaluationResults results;

        // One evaluation at a time: test classes run in parallel and the validator builds its
        // caches lazily on the shared schema object.
        int formats = assertFormats ? 1 : 0;
        lock (schema)
        {
            if (schema.Evaluate(instance, OptionSets[formats, 0]).IsValid)
            {
                return Array.Empty<string>();
            }

            results = schema.Evaluate(instance, OptionSets[formats, 1]);
        }

        return results.Details
            .Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid, with no detail")
            .ToList();
    }

    private static EvaluationOptions Options(bool assertFormats, bool detailed) => new()
    {
        OutputFormat = detailed ? OutputFormat.List : OutputFormat.Flag,
        RequireFormatValidation = assertFormats,
        AllowReferencesIntoUnknownKeywords = true,
    };

    private static JsonSchema SchemaFor(string schemaName, JsonObject document, Dictionary<string, JsonSchema> schemas)
    {
        lock (schemas)
        {
            if (!schemas.TryGetValue(schemaName, out JsonSchema? schema))
            {
                if (document["components"]?["schemas"]?[schemaName] is null)
                {
                    throw new ArgumentException($"The spec has no schema {schemaName}.", nameof(schemaName));
                }

                // The whole spec is the schema resource, so "#/components/schemas/..." references
                // resolve inside it as JSON pointers; "components" is an unknown keyword to the
                // validator, hence AllowReferencesIntoUnknownKeywords.
                var root = (JsonObject)document.DeepClone();
                root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
                root["$id"] = $"{BaseUri}?schema={schemaName}";
                root["$ref"] = $"#/components/schemas/{schemaName}";
                schema = JsonSchema.FromText(root.ToJsonString());
                schemas.Add(schemaName, schema);
            }

            return schema;
        }
    }

    /// <summary>
    /// The read spec with the filter spec's schemas beside its own, and its references into the
    /// filter spec made local, so that one document resolves every reference.
    /// </summary>
    private static JsonObject LoadReadDocument()
    {
        JsonObject document = LoadDocument(ReadSpecPath, text => text.Replace(
            "opencx-filter-sessions.openapi.yaml#/components/schemas/", "#/components/schemas/", StringComparison.Ordinal));
        var own = (JsonObject)document["components"]!["schemas"]!;
        foreach (KeyValuePair<string, JsonNode?> filterSchema in (JsonObject)Document.Value["components"]!["schemas"]!)
        {
            own.Add(filterSchema.Key, filterSchema.Value!.DeepClone());
        }

        return document;
    }

    private static JsonObject LoadDocument(string specPath, Func<string, string>? rewrite = null)
    {
        string path = Path.Combine(AppContext.BaseDirectory, specPath);
        string text = File.ReadAllText(path);
        var document = (JsonObject)YamlToJson.Convert(rewrite is null ? text : rewrite(text))!;
        foreach (JsonObject? schema in ((JsonObject)document["components"]!["schemas"]!).Select(p => (JsonObject)p.Value!))
        {
            // Each component carries "$id: '#/components/schemas/Name'" and its own "$schema".
            // A 2020-12 $id must not have a fragment; a validator that honours it anyway makes
            // every component a resource of its own, and the "#/components/schemas/..."
            // references inside it then point into that component instead of the document.
            // The keys say nothing about the shapes, so they are dropped, and "$schema" is
            // declared once at the root instead.
            schema.Remove("$id");
            schema.Remove("$schema");
        }

        return document;
    }
}
