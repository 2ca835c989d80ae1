using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using OpenCx.Sandbox;
using Xunit;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// The spec as a contract for the in-process sandbox too: every request that Connect-OpenCx
/// -Sandbox's handler answers in this process (<see cref="SandboxHttpHandler.Answered"/>), and its
/// answer, held to the spec by <see cref="SpecContract"/> as the sandbox server's log is by
/// <see cref="SandboxFixture"/>. <see cref="ModuleSession"/> checks after each script it runs, so
/// every hosted-runspace test that uses -Sandbox (the help examples among them) is held to it.
/// </summary>
public static class InProcessSandboxContract
{
    // What the handlers answered, not yet held to the spec: the handler only queues, and the
    // thread that checks pays for the validation.
    private static readonly ConcurrentQueue<SandboxExchange> Exchanges = new();

    private static int Listening;

    /// <summary>Starts recording; the first call of the process subscribes, later ones do nothing.</summary>
    public static void Listen()
    {
        if (Interlocked.Exchange(ref Listening, 1) == 0)
        {
            SandboxHttpHandler.Answered += (_, exchange) => Exchanges.Enqueue(exchange);
        }
    }

    /// <summary>
    /// Holds every exchange recorded since the last call to the spec: a request or an answer the
    /// spec forbids fails, naming the field. Test classes run in parallel, so an exchange is
    /// checked by whichever test calls first; any of them fails the suite.
    /// </summary>
    public static void AssertKept()
    {
        var problems = new List<string>();
        while (Exchanges.TryDequeue(out SandboxExchange? exchange))
        {
            problems.AddRange(SpecContract.Check(ToLogEntry(exchange)));
        }

        Assert.True(
            problems.Count == 0,
            $"{problems.Count} violation(s) of the spec in ../shared/spec by the in-process sandbox's exchanges (Connect-OpenCx -Sandbox):\n"
                + string.Join("\n", problems.Distinct().Take(20)));
    }

    /// <summary>An exchange as the sandbox server logs one: the path with a GET's query string, the bodies as text.</summary>
    private static SandboxRequestLogEntry ToLogEntry(SandboxExchange exchange) =>
        new(DateTimeOffset.UtcNow, exchange.Method, exchange.Method == "GET" ? exchange.Path + exchange.Query : exchange.Path,
            exchange.RequestBody, exchange.StatusCode, fault: null, hadAuthorization: true, TimeSpan.Zero)
        {
            ResponseBody = exchange.ResponseBody,
        };
}
