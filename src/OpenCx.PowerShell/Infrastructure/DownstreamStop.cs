using System;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace OpenCx.Commands.Infrastructure;

/// <summary>
/// Why a write to the pipeline ended in a <see cref="PipelineStoppedException"/> that nobody
/// asked for with Ctrl+C: a downstream Select-Object -First had what it wanted, or a downstream
/// command failed. PowerShell hands both up as the same exception and keeps the reason in its
/// pipeline's first terminating error, which it does not expose.
/// </summary>
/// <remarks>
/// Read by reflection, so a PowerShell that keeps it elsewhere makes this say "unknown", and the
/// caller keeps to what it did before it could tell (a stop counts the session handed over).
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
                ? recorded.SourceException.GetType().Name != "StopUpstreamCommandsException"
                : null;
        }
        catch (Exception e) when (e is TargetInvocationException || e is MemberAccessException)
        {
            return null;
        }
    }
}
