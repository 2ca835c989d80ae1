using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace OpenCx.Commands.Connection;

/// <summary>
/// The connection Connect-OpenCx made current, one per runspace: two runspaces of one process
/// (tests, ForEach-Object -Parallel, a host) never see each other's organisation by accident.
/// </summary>
internal static class DefaultConnection
{
    private static readonly ConditionalWeakTable<Runspace, StrongBox<OpenCxConnection?>> PerRunspace =
        new ConditionalWeakTable<Runspace, StrongBox<OpenCxConnection?>>();

    public static OpenCxConnection? Current
    {
        get => Slot.Value;
        set => Slot.Value = value;
    }

    private static StrongBox<OpenCxConnection?> Slot =>
        PerRunspace.GetValue(Runspace.DefaultRunspace, _ => new StrongBox<OpenCxConnection?>());
}
