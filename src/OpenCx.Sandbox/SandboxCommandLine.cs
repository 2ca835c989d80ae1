using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace OpenCx.Sandbox;

/// <summary>The sandbox program's arguments, read by hand: a handful of "--name value" pairs need no package.</summary>
internal static class SandboxCommandLine
{
    public const string Usage = """
        Usage: dotnet run --project src/OpenCx.Sandbox -- [options]
          --port N               port on 127.0.0.1 (default 5000; 0 = any free port)
          --sessions N           number of generated sessions (default 1000)
          --seed N               data and fault seed (default 1)
          --now ISO-8601         end of the data set's 180 days (default: now)
          --api-key KEY          require exactly this bearer token (default: any)
          --rate-limit N         requests per window, then 429 (default: unlimited)
          --rate-window-s N      the rate limit's sliding window in seconds (default 60)
          --rate-limit-per-key   count the rate limit for each key apart (default: all requests together)
          --retry-after-date     send Retry-After as an HTTP date instead of seconds
          --latency-ms N         delay before every answer
          --fault-rate R         share of requests faulted, 0..1
          --faults LIST          kinds to choose from: 400,401,403,404,500,502,503,504,drop,truncate,nonjson,
                                 endless-empty,endless-repeat (has_next true for ever)
          --churn T,C            after each answer, T sessions get a message (some change status) and C are created
          --ignore-sort          answer in the default order whatever sort_by and sort_order say
          --ignore-date-range    apply every filter but filters.date
          --odd-values           write values the spec allows but few servers send: a contact's dates as
                                 text that is no date, ticket numbers as floats (1005.0), empty strings,
                                 UUIDs at the pattern's extremes and in upper case
          --ignore-updated-range GET /chat/sessions applies every filter but updated_after/updated_before
          --bulk-import ISO,N    N more sessions created in that millisecond, stored finer than printed
          --quiet                do not log requests
        """;

    private static readonly Dictionary<string, SandboxFault> FaultNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["400"] = SandboxFault.Status400,
        ["401"] = SandboxFault.Status401,
        ["403"] = SandboxFault.Status403,
        ["404"] = SandboxFault.Status404,
        ["500"] = SandboxFault.Status500,
        ["502"] = SandboxFault.Status502,
        ["503"] = SandboxFault.Status503,
        ["504"] = SandboxFault.Status504,
        ["drop"] = SandboxFault.DropConnection,
        ["truncate"] = SandboxFault.TruncatedBody,
        ["nonjson"] = SandboxFault.NonJsonBody,
        ["endless-empty"] = SandboxFault.EmptyPageWithNext,
        ["endless-repeat"] = SandboxFault.RepeatedPageWithNext,
    };

    /// <summary>Null when help was asked for; throws <see cref="ArgumentException"/> naming a bad argument.</summary>
    public static SandboxServerOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new SandboxServerOptions { Port = 5000 };
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            switch (name)
            {
                case "-h" or "--help": return null;
                case "--port": options.Port = Integer(name, Value(), 0, 65535); break;
                case "--sessions": options.SessionCount = Integer(name, Value(), 0, 10_000_000); break;
                case "--seed": options.Seed = Integer(name, Value(), int.MinValue, int.MaxValue); break;
                case "--now": options.Now = Timestamp(name, Value()); break;
                case "--api-key": options.ApiKey = Value(); break;
                case "--rate-limit": options.RateLimit = Integer(name, Value(), 1, int.MaxValue); break;
                case "--rate-window-s": options.RateLimitWindow = TimeSpan.FromSeconds(Integer(name, Value(), 1, 86_400)); break;
                case "--rate-limit-per-key": options.RateLimitPerKey = true; break;
                case "--retry-after-date": options.RetryAfterAsHttpDate = true; break;
                case "--latency-ms": options.Latency = TimeSpan.FromMilliseconds(Integer(name, Value(), 0, 600_000)); break;
                case "--fault-rate": options.FaultRate = Rate(name, Value()); break;
                case "--faults": options.Faults = Value().Split(',').Select(f => Fault(name, f.Trim())).ToArray(); break;
                case "--churn": options.ChurnPerRequest = Churn(name, Value()); break;
                case "--ignore-sort": options.Quirks.IgnoreSort = true; break;
                case "--ignore-date-range": options.Quirks.IgnoreDateRange = true; break;
                case "--odd-values": options.Quirks.SpecValidOddValues = true; break;
                case "--ignore-updated-range": options.Quirks.IgnoreUpdatedRange = true; break;
                case "--bulk-import": options.BulkImports = options.BulkImports.Append(BulkImport(name, Value())).ToArray(); break;
                case "--quiet": options.LogRequests = false; break;
                default: throw new ArgumentException($"Unknown argument {name}.");
            }
        }

        return options;
    }

    private static int Integer(string name, string text, int minimum, int maximum) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value >= minimum && value <= maximum
            ? value
            : throw new ArgumentException($"{name} must be an integer from {minimum} to {maximum}, not '{text}'.");

    private static double Rate(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value >= 0 && value <= 1
            ? value
            : throw new ArgumentException($"{name} must be a number from 0 to 1, not '{text}'.");

    private static DateTimeOffset Timestamp(string name, string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset value)
            ? value
            : throw new ArgumentException($"{name} must be an ISO 8601 date and time, not '{text}'.");

    private static SandboxFault Fault(string name, string text) =>
        FaultNames.TryGetValue(text, out SandboxFault fault) || Enum.TryParse(text, ignoreCase: true, out fault)
            ? fault
            : throw new ArgumentException($"{name}: unknown fault '{text}'; use {string.Join(",", FaultNames.Keys)}.");

    private static SandboxBulkImport BulkImport(string name, string text)
    {
        int comma = text.LastIndexOf(',');
        if (comma < 0)
        {
            throw new ArgumentException($"{name} must be an instant and a count, such as 2026-01-01T00:00:00Z,300.");
        }

        return new SandboxBulkImport(Timestamp(name, text.Substring(0, comma)), Integer(name, text.Substring(comma + 1), 1, 10_000), storedFinerThanPrinted: true);
    }

    private static (int Touched, int Created) Churn(string name, string text)
    {
        string[] parts = text.Split(',');
        if (parts.Length != 2)
        {
            throw new ArgumentException($"{name} must be two counts, touched and created, such as 2,1.");
        }

        return (Integer(name, parts[0], 0, 1_000_000), Integer(name, parts[1], 0, 1_000_000));
    }
}
