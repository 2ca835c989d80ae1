using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace OpenCx.Tests.Infrastructure;

/// <summary>A command run in a process of its own, connected to the sandbox, to be killed as kill -9 does.</summary>
internal static class ChildRun
{
    /// <summary>Starts <paramref name="command"/> with $checkpoint and $file set, connected to <paramref name="sandbox"/>.</summary>
    public static Process Start(SandboxFixture sandbox, string folder, string command, string checkpoint, string file, IDictionary<string, string>? environment = null)
    {
        string script = Path.Combine(folder, $"child-{System.Guid.NewGuid():N}.ps1");
        File.WriteAllText(script,
            "param($ModulePath)\n" +
            "Import-Module $ModulePath\n" +
            "$key = ConvertTo-SecureString $env:OPENCX_TEST_KEY -AsPlainText -Force\n" +
            "Connect-OpenCx -BaseUri $env:OPENCX_TEST_URI -ApiKey $key -SkipValidation -RateLimit 100000\n" +
            "$checkpoint = $env:OPENCX_TEST_CHECKPOINT\n" +
            "$file = $env:OPENCX_TEST_FILE\n" +
            command + "\n");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepoPaths.ScriptHost);
        start.ArgumentList.Add(script);
        start.Environment["OPENCX_TEST_KEY"] = SandboxFixture.ApiKeyText;
        start.Environment["OPENCX_TEST_URI"] = sandbox.Server.BaseUri.ToString();
        start.Environment["OPENCX_TEST_CHECKPOINT"] = checkpoint;
        start.Environment["OPENCX_TEST_FILE"] = file;
        foreach (KeyValuePair<string, string> pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        return Process.Start(start)!;
    }
}
