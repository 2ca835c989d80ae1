using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading;
using Json.Schema;
using OpenCx.Sandbox;
using OpenCx.Sandbox.Tests.Spec;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// The spec in ../shared/spec as a contract that the module and the sandbox keep together: every
/// request the module sends to a sandbox server and every answer the server gives are validated
/// against it with a JSON Schema 2020-12 validator, so that the two cannot drift from the spec
/// in step. POST .../chat/sessions/filter holds its body to FilterSessionsPublicDto and a 200
/// answer to FilterChatSessionsOutput; any other path of opencx-sessions-read.openapi.yaml holds
/// its 200 answer to that operation's schema (its references into the filter spec resolve).
/// A path no spec has, an injected fault and an error answer are not held to a schema.
/// </summary>
public static class SpecContract
{
    public const string FilterSpec = "opencx-filter-sessions.openapi.yaml";

    public const string ReadSpec = "opencx-sessions-read.openapi.yaml";

    private static readonly Uri BaseUri = new("https://opencx.spec.test/spec/");

    private static readonly Lazy<Specs> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private static readonly EvaluationOptions Flag = new() { OutputFormat = OutputFormat.Flag };

    private static readonly EvaluationOptions Detailed = new() { OutputFormat = OutputFormat.List };

    private static int RequestCount;

    private static int ResponseCount;

    /// <summary>
    /// Where the spec is: shared/spec beside the repository, as it is laid for CI and in a clone
    /// beside shared/; or beside a folder above it, for a git worktree kept in a folder of its own.
    /// Where there is none (a hosted runner has the repository alone), the repository's copy of
    /// the filter spec in spec/, and no read spec.
    /// </summary>
    public static string SpecFolder { get; } = FindSpecFolder();

    /// <summary>How many request bodies and answers this process has held to the spec.</summary>
    public static (int Requests, int Responses) Checked => (Volatile.Read(ref RequestCount), Volatile.Read(ref ResponseCount));

    /// <summary>A request body of the filter endpoint against FilterSessionsPublicDto: each violation names the field.</summary>
    public static IReadOnlyList<string> ValidateFilterRequest(string json) => Validate(Component(FilterSpec, "FilterSessionsPublicDto"), json);

    /// <summary>A 200 body of the filter endpoint against FilterChatSessionsOutput.</summary>
    public static IReadOnlyList<string> ValidateFilterResponse(string json) => Validate(Component(FilterSpec, "FilterChatSessionsOutput"), json);

    /// <summary>What a logged exchange breaks of the spec, each line naming the request and the field.</summary>
    public static IReadOnlyList<string> Check(SandboxRequestLogEntry entry)
    {
        string path = entry.Path;
        if (path.EndsWith("/chat/sessions/filter", StringComparison.Ordinal) && entry.Method == "POST")
        {
            Interlocked.Increment(ref RequestCount);
            var problems = ValidateFilterRequest(entry.Body).Select(p => $"request {entry.Method} {path} {entry.Body}: {p}").ToList();
            if (IsWholeSuccess(entry))
            {
                Interlocked.Increment(ref ResponseCount);
                problems.AddRange(ValidateFilterResponse(entry.ResponseBody!).Select(p => $"response to {entry.Method} {path}: {p}"));
            }

            return problems;
        }

        if (Loaded.Value.ReadOperations.FirstOrDefault(o => o.Method == entry.Method && o.Path.IsMatch(path)) is { } operation)
        {
            Interlocked.Increment(ref RequestCount);
            var problems = new List<string>();
            if (entry.Body.Length > 0)
            {
                problems.Add($"request {entry.Method} {path}: the spec's operation has no body, and this one has {entry.Body.Length} characters");
            }

            if (IsWholeSuccess(entry))
            {
                Interlocked.Increment(ref ResponseCount);
                problems.AddRange(Validate(operation.Response, entry.ResponseBody!).Select(p => $"response to {entry.Method} {path}: {p}"));
            }

            return problems;
        }

        return Array.Empty<string>();
    }

    private static string FindSpecFolder()
    {
        for (DirectoryInfo? dir = new DirectoryInfo(RepoPaths.Root).Parent; dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "spec");
            if (File.Exists(Path.Combine(candidate, FilterSpec)))
            {
                return candidate;
            }
        }

        return Path.Combine(RepoPaths.Root, "spec");
    }

    private static bool IsWholeSuccess(SandboxRequestLogEntry entry) => entry.StatusCode == 200 && entry.Fault is null && entry.ResponseBody is not null;

    private static IReadOnlyList<string> Validate(JsonSchema schema, string json)
    {
        JsonElement instance;
        try
        {
            using var document = JsonDocument.Parse(json);
            instance = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return new[] { $"not JSON: {e.Message}" };
        }

        EvaluationResults results;

        // One evaluation of a schema at a time: test classes run in parallel.
        lock (schema)
        {
            if (schema.Evaluate(instance, Flag).IsValid)
            {
                return Array.Empty<string>();
            }

            results = schema.Evaluate(instance, Detailed);
        }

        return (results.Details ?? new List<EvaluationResults>())
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{Field(d.InstanceLocation.ToString())} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid, with no detail")
            .ToList();
    }

    /// <summary>The JSON pointer of the instance as a field name: "/filters/date/from" is filters.date.from.</summary>
    private static string Field(string pointer) => pointer.Length == 0 ? "(the body)" : pointer.TrimStart('/').Replace('/', '.');

    private static JsonSchema Component(string spec, string name) => Loaded.Value.Reference(spec, "#/components/schemas/" + name);

    private static Specs Load()
    {
        // 2020-12, but for the keywords of OpenAPI around the schemas ("openapi", "paths", ...),
        // which this dialect would refuse: they are not schema keywords, and nothing to validate.
        Dialect dialect = Dialect.Draft202012.With(
            Array.Empty<IKeywordHandler>(), id: new Uri("https://json-schema.org/draft/2020-12/schema"), allowUnknownKeywords: true);
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry(), DialectRegistry = new DialectRegistry(), Dialect = dialect };
        options.DialectRegistry.Register(dialect);
        var documents = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (string name in new[] { FilterSpec, ReadSpec })
        {
            string path = Path.Combine(SpecFolder, name);
            if (!File.Exists(path))
            {
                if (name == ReadSpec)
                {
                    continue;
                }

                throw new FileNotFoundException($"The spec is read from ../shared/spec beside the repository, or else from spec/; {path} is missing.", path);
            }

            var document = (JsonObject)YamlToJson.Convert(File.ReadAllText(path))!;
            foreach (JsonObject schema in ((JsonObject)document["components"]!["schemas"]!).Select(p => (JsonObject)p.Value!))
            {
                // Each component carries "$id: '#/components/schemas/Name'" and a "$schema" of its own:
                // a 2020-12 $id must not have a fragment, and one that is honoured anyway makes the
                // component a resource whose "#/..." references point into itself. Dropped; the
                // dialect is declared once, at the root.
                schema.Remove("$id");
                schema.Remove("$schema");
            }

            document["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            document["$id"] = new Uri(BaseUri, name).ToString();
            using var parsed = JsonDocument.Parse(document.ToJsonString());
            options.SchemaRegistry.Register(JsonSchema.Build(parsed.RootElement.Clone(), options, new Uri(BaseUri, name)));
            documents.Add(name, document);
        }

        var specs = new Specs(options);
        if (!documents.ContainsKey(ReadSpec))
        {
            return specs;
        }

        foreach ((string template, JsonNode? item) in (JsonObject)documents[ReadSpec]["paths"]!)
        {
            foreach ((string method, JsonNode? operation) in (JsonObject)item!)
            {
                if (operation?["responses"]?["200"]?["content"]?["application/json"]?["schema"] is null)
                {
                    continue;
                }

                string pointer = $"#/paths/{Escape(template)}/{method}/responses/200/content/{Escape("application/json")}/schema";
                specs.ReadOperations.Add(new ReadOperation(method.ToUpperInvariant(), new Regex(PathPattern(template), RegexOptions.CultureInvariant), specs.Reference(ReadSpec, pointer)));
            }
        }

        return specs;
    }

    /// <summary>A path template as the end of a path, under any base path: "/chat/sessions/{id}" matches ".../chat/sessions/abc".</summary>
    private static string PathPattern(string template) =>
        "/" + string.Join("/", template.Trim('/').Split('/').Select(s => s.StartsWith('{') ? "[^/]+" : Regex.Escape(s))) + "$";

    private static string Escape(string pointerSegment) => Uri.EscapeDataString(pointerSegment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));

    private sealed class Specs
    {
        private readonly BuildOptions _options;

        private readonly Dictionary<string, JsonSchema> _references = new(StringComparer.Ordinal);

        public Specs(BuildOptions options) => _options = options;

        public List<ReadOperation> ReadOperations { get; } = new();

        public JsonSchema Reference(string spec, string fragment)
        {
            string target = new Uri(BaseUri, spec) + fragment;
            lock (_references)
            {
                if (!_references.TryGetValue(target, out JsonSchema? schema))
                {
                    string text = $"{{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\",\"$ref\":\"{target}\"}}";
                    schema = JsonSchema.FromText(text, _options, new Uri(BaseUri, $"ref-{_references.Count}.json"));
                    _references.Add(target, schema);
                }

                return schema;
            }
        }
    }

    private sealed record ReadOperation(string Method, Regex Path, JsonSchema Response);
}
