using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Reflection;

namespace OpenCx.Commands.Infrastructure;

/// <summary>
/// Writes a command's verbose, warning and debug records so that -Debug means what PowerShell 7 says it
/// means, "show the debug stream and go on", on every edition and in every host.
/// </summary>
/// <remarks>
/// Where the host can prompt, the engine turns a command's -Debug into Inquire for its verbose
/// records (PowerShell 7) and for its debug records too (Windows PowerShell 5.1): "Continue with
/// this operation?" at every record, a prompt error under -NonInteractive, and in pwsh with no
/// console input (a scheduled task) a NullReferenceException from the console host's prompt.
/// So with -Debug and no -Verbose the verbose lines go to the debug stream, where the user looks
/// anyway. On Windows PowerShell the command's debug preference is set to Continue through the
/// engine's internal setter, the one Trace-Command -PSHost uses: no public API can, and
/// PowerShell 7 made the same change for every command (PowerShell/PowerShell#8195).
/// </remarks>
internal sealed class CommandStreams
{
    private readonly Cmdlet _cmdlet;
    private readonly bool _verboseAsDebug;
    private readonly bool _warningAsDebug;

    private CommandStreams(Cmdlet cmdlet, bool verboseAsDebug, bool warningAsDebug)
    {
        _cmdlet = cmdlet;
        _verboseAsDebug = verboseAsDebug;
        _warningAsDebug = warningAsDebug;
    }

    /// <summary>Reads -Debug and -Verbose as bound: call it once parameters are bound.</summary>
    public static CommandStreams For(PSCmdlet cmdlet)
    {
        Dictionary<string, object> bound = cmdlet.MyInvocation.BoundParameters;
        bool debug = bound.TryGetValue("Debug", out object? value) && LanguagePrimitives.IsTrue(value);
        if (debug && ModuleInitializer.IsDesktop)
        {
            LetDebugContinue(cmdlet.CommandRuntime);
        }

        // -Debug turns warnings into Inquire as well, even where the host cannot prompt: unless
        // -WarningAction says otherwise, a warning then goes to the debug stream, marked as one.
        return new CommandStreams(cmdlet, debug && !bound.ContainsKey("Verbose"), debug && !bound.ContainsKey("WarningAction"));
    }

    public void WriteVerbose(string text)
    {
        if (_verboseAsDebug)
        {
            _cmdlet.WriteDebug(text);
        }
        else
        {
            _cmdlet.WriteVerbose(text);
        }
    }

    public void WriteDebug(string text) => _cmdlet.WriteDebug(text);

    public void WriteWarning(string text)
    {
        if (_warningAsDebug)
        {
            _cmdlet.WriteDebug("WARNING: " + text);
        }
        else
        {
            _cmdlet.WriteWarning(text);
        }
    }

    // Should a later engine lack the setter, -Debug there means what that engine makes it mean.
    private static void LetDebugContinue(ICommandRuntime runtime)
    {
        PropertyInfo? preference = runtime.GetType().GetProperty("DebugPreference", BindingFlags.Instance | BindingFlags.NonPublic);
        if (preference is null || !preference.CanWrite || preference.PropertyType != typeof(ActionPreference))
        {
            return;
        }

        try
        {
            preference.SetValue(runtime, ActionPreference.Continue);
        }
        catch (Exception e) when (e is TargetInvocationException || e is MethodAccessException || e is ArgumentException)
        {
        }
    }
}
