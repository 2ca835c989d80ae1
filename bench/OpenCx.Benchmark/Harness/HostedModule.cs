using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;

namespace OpenCx.Benchmark.Harness;

/// <summary>
/// A PowerShell _runspace in this process with the built module imported from out/OpenCx, the way
/// a user imports it, and connected to one sandbox server.
/// </summary>
internal sealed class HostedModule : IDisposable
{
    private readonly Runspace _runspace;

    public HostedModule()
    {
        _runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        _runspace.Open();
        Run($"Import-Module '{BenchmarkPaths.ModuleManifest}' -ErrorAction Stop");
    }

    /// <summary>
    /// Connect-OpenCx to the sandbox server at <paramref name="baseUri"/> with the given client-side
    /// budget; by default one the scenarios never reach, so only the rate-limit scenario is paced.
    /// </summary>
    public void Connect(Uri baseUri, int rateLimit = 100_000, int rateLimitWindowSec = 60)
    {
        _runspace.SessionStateProxy.SetVariable("benchUri", baseUri);
        _runspace.SessionStateProxy.SetVariable("benchKey", SecureKey(SandboxSettings.ApiKey));
        _runspace.SessionStateProxy.SetVariable("benchLimit", rateLimit);
        _runspace.SessionStateProxy.SetVariable("benchWindow", rateLimitWindowSec);
        Run("Connect-OpenCx -BaseUri $benchUri -ApiKey $benchKey -SkipValidation -RateLimit $benchLimit -RateLimitWindowSec $benchWindow");
    }

    /// <summary>Runs a script; any error, terminating or not, fails the benchmark.</summary>
    public Collection<PSObject> Run(string script, PSDataCollection<PSObject>? output = null)
    {
        using PowerShell shell = Create(script);
        Collection<PSObject> result;
        if (output is null)
        {
            result = shell.Invoke();
        }
        else
        {
            shell.Invoke(null, output);
            result = new Collection<PSObject>();
        }

        if (shell.Streams.Error.Count > 0)
        {
            throw new InvalidOperationException($"'{script}' wrote an error: {shell.Streams.Error[0]}");
        }

        return result;
    }

    /// <summary>Runs a script and returns the errors it wrote (or threw) instead of failing.</summary>
    public IReadOnlyList<ErrorRecord> RunCollectingErrors(string script, PSDataCollection<PSObject> output)
    {
        using PowerShell shell = Create(script);
        var errors = new List<ErrorRecord>();
        try
        {
            shell.Invoke(null, output);
        }
        catch (RuntimeException e)
        {
            errors.Add(e.ErrorRecord);
        }

        errors.AddRange(shell.Streams.Error);
        return errors;
    }

    public void Dispose() => _runspace.Dispose();

    private PowerShell Create(string script)
    {
        var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        shell.AddScript(script);
        return shell;
    }

    private static SecureString SecureKey(string text)
    {
        var secure = new SecureString();
        foreach (char c in text)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }
}
