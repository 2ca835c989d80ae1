using System;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace OpenCx.Commands.Infrastructure;

/// <summary>
/// Why a write to the pipeline ended in a <see cref="PipelineStoppedException"/>: a stop was asked
/// for (Ctrl+C, or a downstream Select-Object -First that had what it wanted), or a downstream
/// command failed. PowerShell hands all of them up as the same exception and keeps the reason in
/// its pipeline's first terminating error, which it does not expose.
/// </summary>
/// <remarks>
/// <para>
/// The command's own stop token is no witness of Ctrl+C: PowerShell marks the pipeline as
/// stopping and records the stop before it tells the commands, so a command downstream can end a
/// hand-over before this one is told.
/// </para>
/// <para>
/// Read by reflection, so a PowerShell that keeps it elsewhere makes this say "unknown", and the
/// caller keeps to what it did before it could tell (a stop counts the session handed over).
/// </para>
/// </remarks>
internal static class DownstreamStop
{
    private const BindingFlags Internal = BindingFlags.Instance | BindingFlags.NonPublic;

    /// <summary>True for a downstream failure, false for a stop asked for downstream, null when this PowerShell does not say.</summary>
    public static bool? WasFailure(Cmdlet cmdlet)
    {
        try
        {
            object? runtime = cmdlet.CommandRuntime;
            object? pipeline = runtime?.GetType().GetProperty("PipelineProcessor", Internal)?.GetValue(runtime);
            object? first = pipeline?.GetType().GetField("_firstTerminatingError", Internal)?.GetValue(pipeline);
            return first is ExceptionDispatchInfo recorded
                ? !(recorded.SourceException is PipelineStoppedException || recorded.SourceException.GetType().Name == "StopUpstreamCommandsException")
                : null;
        }
        catch (Exception e) when (e is TargetInvocationException || e is MemberAccessException)
        {
            return null;
        }
    }
}
