using System;
using System.Collections.Generic;
using System.IO;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// Runs a help example as a user would after connecting: in a fresh runspace with the module
/// imported, connected to the in-process sandbox, in an empty working folder. Examples that
/// connect with a key of their own find it in the variables their text names ($apiKey,
/// $europeKey, $americasKey), and Connect-OpenCx sends them to the sandbox server on loopback
/// through $PSDefaultParameterValues, so the example's text runs unchanged.
/// </summary>
public sealed class HelpExampleRunner
{
    /// <summary>The variables examples may use without setting them, as their remarks explain.</summary>
    public static readonly IReadOnlyList<string> KeyVariables = new[] { "apiKey", "europeKey", "americasKey" };

    private const string Prelude =
        "Set-Location -LiteralPath $exampleFolder\n" +
        "$PSDefaultParameterValues['Connect-OpenCx:BaseUri'] = $sandboxUri\n" +
        // The examples share the process's rate budget with every other test: spare them the 100/min pacing.
        "$PSDefaultParameterValues['Connect-OpenCx:RateLimit'] = 100000\n" +
        "Connect-OpenCx -Sandbox\n";

    private readonly SandboxFixture _sandbox;

    public HelpExampleRunner(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    public PowerShellRun Run(string code)
    {
        string folder = Directory.CreateTempSubdirectory("opencx-example-").FullName;
        try
        {
            using var session = new ModuleSession();
            var variables = new Dictionary<string, object?>
            {
                ["exampleFolder"] = folder,
                ["sandboxUri"] = _sandbox.Server.BaseUri,
            };
            foreach (string name in KeyVariables)
            {
                variables[name] = SandboxFixture.SecureKey();
            }

            PowerShellRun prelude = session.Run(Prelude, variables);
            if (prelude.Errors.Count > 0)
            {
                throw new InvalidOperationException("The example harness failed: " + prelude.Errors[0]);
            }

            return session.Run(code);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
