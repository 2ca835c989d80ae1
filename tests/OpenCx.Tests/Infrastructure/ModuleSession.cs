using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// A real PowerShell runspace with the built module imported from out/OpenCx/OpenCx.psd1, the
/// way a user imports it. Each script it runs is followed by <see cref="InProcessSandboxContract.AssertKept"/>:
/// what the in-process sandbox of Connect-OpenCx -Sandbox was asked and answered keeps to the spec.
/// </summary>
public sealed class ModuleSession : IDisposable
{
    private readonly Runspace _runspace;

    static ModuleSession()
    {
        // The tests run pipelines synchronously on the test framework's pool threads, where
        // pwsh runs each on a thread of its own. On a two-core machine a few parallel tests
        // would then block every pool thread, and the module's HTTP continuations (and the
        // sandbox server's) would wait for the pool to grow, half a second per thread.
        ThreadPool.GetMinThreads(out int workers, out int completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), completionPorts);
        InProcessSandboxContract.Listen();
    }

    public ModuleSession()
        : this(null)
    {
    }

    private ModuleSession(PSHost? host)
    {
        var state = InitialSessionState.CreateDefault2();
        // Windows would refuse to run .ps1 files under the default policy; elsewhere there is none to set.
        if (OperatingSystem.IsWindows())
        {
            state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        }
        _runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        _runspace.Open();
        PowerShellRun import = Run($"Import-Module '{RepoPaths.ModuleManifest}' -ErrorAction Stop");
        if (import.Errors.Count > 0)
        {
            throw new InvalidOperationException("Import-Module failed: " + import.Errors[0]);
        }
    }

    public Runspace Runspace => _runspace;

    /// <summary>A session whose runspace has <paramref name="host"/>: one with a user interface, as pwsh has (the default host has none, so the engine never prompts).</summary>
    public static ModuleSession WithHost(PSHost host) => new ModuleSession(host);

    /// <summary>Runs a script; <paramref name="variables"/> become PowerShell variables of the same names.</summary>
    public PowerShellRun Run(string script, IDictionary<string, object?>? variables = null)
    {
        using PowerShell shell = Create(script, variables);
        Collection<PSObject> output = shell.Invoke();
        InProcessSandboxContract.AssertKept();
        return new PowerShellRun(output, shell.Streams);
    }

    /// <summary>Runs a script and expects it to throw a terminating error, returning that error.</summary>
    public ErrorRecord RunExpectingError(string script, IDictionary<string, object?>? variables = null)
    {
        using PowerShell shell = Create(script, variables);
        try
        {
            shell.Invoke();
        }
        catch (RuntimeException e)
        {
            InProcessSandboxContract.AssertKept();
            return e.ErrorRecord;
        }

        InProcessSandboxContract.AssertKept();
        if (shell.Streams.Error.Count > 0)
        {
            return shell.Streams.Error[0];
        }

        throw new InvalidOperationException("The script did not fail: " + script);
    }

    /// <summary>Starts a script without waiting, to stop it midway as Ctrl+C does.</summary>
    public (PowerShell Shell, Task<PSDataCollection<PSObject>> Completion) Start(string script, IDictionary<string, object?>? variables = null)
    {
        PowerShell shell = Create(script, variables);
        return (shell, shell.InvokeAsync());
    }

    /// <summary>What tab completion offers at the end of <paramref name="input"/>, as the console asks the engine.</summary>
    public string[] Complete(string input)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        var completion = CommandCompletion.CompleteInput(input, input.Length, null, shell);
        return completion.CompletionMatches.Select(m => m.CompletionText.Trim('\'')).ToArray();
    }

    public void Dispose() => _runspace.Dispose();

    private PowerShell Create(string script, IDictionary<string, object?>? variables)
    {
        var shell = PowerShell.Create();
        shell.Runspace = _runspace;
        if (variables != null)
        {
            foreach (KeyValuePair<string, object?> pair in variables)
            {
                _runspace.SessionStateProxy.SetVariable(pair.Key, pair.Value);
            }
        }

        shell.AddScript(script);
        return shell;
    }
}
