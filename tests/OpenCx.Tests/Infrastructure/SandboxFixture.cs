using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Sandbox;
using Xunit;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// A sandbox server on 127.0.0.1 with a known key, and a runspace with the module imported:
/// the test bed of one test class.
/// </summary>
public class SandboxFixture : IAsyncLifetime
{
    public const string ApiKeyText = "ocx_test_5ecr3t_K3Y_that_must_never_show";

    // What the server received and answered, not yet held to the spec (SpecContract).
    private readonly ConcurrentQueue<SandboxRequestLogEntry> _exchanges = new();

    public SandboxServer Server { get; private set; } = null!;

    public ModuleSession PowerShell { get; private set; } = null!;

    /// <summary>The options the server reads on every request: tests change faults and limits through it.</summary>
    public SandboxServerOptions Options { get; private set; } = null!;

    protected virtual SandboxServerOptions CreateOptions() => new SandboxServerOptions
    {
        SessionCount = 1000,
        Seed = 7,
        Now = new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.Zero),
        ApiKey = ApiKeyText,
    };

    public async Task InitializeAsync()
    {
        Options = CreateOptions();
        // Only queued here: the server answers at once, and the test's thread pays for the validation.
        Options.RequestLogged += _exchanges.Enqueue;
        Server = await SandboxServer.StartAsync(Options);
        PowerShell = new ModuleSession();
    }

    public async Task DisposeAsync()
    {
        PowerShell.Dispose();
        await Server.DisposeAsync();

        // What a test sent outside RunConnected fails the class here, with what it broke.
        IReadOnlyList<string> problems = SpecProblems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(Describe(problems));
        }
    }

    /// <summary>
    /// Holds every request this server received since the last call, and every answer it gave,
    /// to the spec (<see cref="SpecContract"/>): a request or an answer the spec forbids fails the
    /// test, naming the field.
    /// </summary>
    public void AssertSpecKept()
    {
        IReadOnlyList<string> problems = SpecProblems();
        Assert.True(problems.Count == 0, Describe(problems));
    }

    private IReadOnlyList<string> SpecProblems()
    {
        var problems = new List<string>();
        while (_exchanges.TryDequeue(out SandboxRequestLogEntry? exchange))
        {
            problems.AddRange(SpecContract.Check(exchange));
        }

        return problems;
    }

    private static string Describe(IReadOnlyList<string> problems) =>
        $"{problems.Count} violation(s) of the spec in ../shared/spec:\n" + string.Join("\n", problems.Distinct().Take(20));

    /// <summary>Puts the server back to a well-behaved one: no faults, limits, latency or churn.</summary>
    public void ResetBehaviour()
    {
        Options.FaultRate = 0;
        Options.Faults = Array.Empty<SandboxFault>();
        Options.FaultSequence.Clear();
        Options.RateLimit = null;
        Options.RateLimitWindow = TimeSpan.FromMinutes(1);
        Options.RateLimitPerKey = false;
        Options.RetryAfterAsHttpDate = false;
        Options.Latency = TimeSpan.Zero;
        Options.ChurnPerRequest = (0, 0);
        Options.Quirks.IgnoreSort = false;
        Options.Quirks.IgnoreDateRange = false;
        Options.Quirks.SpecValidOddValues = false;
        Options.Quirks.IgnoreUpdatedRange = false;
        Server.ResetRateLimit();
        Server.ClearRequests();
        ForgetSharedBudget();
    }

    /// <summary>
    /// Deletes the budget's file the module shares for this server and key. It is one per server
    /// and key whatever the budget, and the smallest budget declared holds for a window: a test's
    /// -RateLimit 1 per minute would otherwise pace the next test of the class.
    /// </summary>
    public void ForgetSharedBudget() =>
        File.Delete(SharedBudgetFile.In(SharedBudgetFile.DefaultFolder, $"{Server.BaseUri.GetLeftPart(UriPartial.Authority)}|{new ApiKey(ApiKeyText).Fingerprint}").FilePath);

    public static SecureString SecureKey(string text = ApiKeyText)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    /// <summary>Variables for a script that connects to this server: $key and $uri.</summary>
    public Dictionary<string, object?> ConnectionVariables() => new Dictionary<string, object?>
    {
        ["key"] = SecureKey(),
        ["uri"] = Server.BaseUri,
    };

    /// <summary>
    /// Runs <paramref name="script"/> after a fresh Connect-OpenCx to this server (no validation
    /// request). The connection's own budget is raised so that tests of other things are not
    /// paced to 100 requests a minute; tests of pacing pass their own -RateLimit.
    /// </summary>
    public PowerShellRun RunConnected(string script, string connectOptions = "", IDictionary<string, object?>? variables = null)
    {
        Server.ClearRequests();
        Dictionary<string, object?> all = ConnectionVariables();
        foreach (KeyValuePair<string, object?> pair in variables ?? new Dictionary<string, object?>())
        {
            all[pair.Key] = pair.Value;
        }

        string budget = connectOptions.Contains("-RateLimit ", StringComparison.OrdinalIgnoreCase) ? string.Empty : "-RateLimit 100000";
        PowerShellRun run = PowerShell.Run($"Connect-OpenCx -BaseUri $uri -ApiKey $key -SkipValidation {budget} {connectOptions}\n{script}", all);
        AssertSpecKept();
        return run;
    }

    public IReadOnlyList<JsonElement> RequestBodies() =>
        Server.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.Clone()).ToList();

    /// <summary>The ids the engine says match <paramref name="requestBody"/>, in its order: the truth to compare with.</summary>
    public IReadOnlyList<string> Truth(string requestBody) => Server.Engine.MatchingIds(Encoding.UTF8.GetBytes(requestBody));
}
