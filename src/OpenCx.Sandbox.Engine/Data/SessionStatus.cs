namespace OpenCx.Sandbox.Data;

/// <summary>The numeric status ids the filter takes and the names the output shows.</summary>
internal static class SessionStatus
{
    public const long Open = 0;
    public const long ClosedResolved = 1;
    public const long ClosedUnresolved = 2;

    /// <summary>
    /// The output only knows open, closed_resolved and closed_unresolved. Custom status ids
    /// (7 and 12 in the sandbox, organisation-defined in OpenCX, such as "pending") are
    /// sub-states of an open session, so they are shown as "open" while the filter still
    /// tells them apart by id.
    /// </summary>
    public static string OutputName(long statusId) => statusId switch
    {
        ClosedResolved => "closed_resolved",
        ClosedUnresolved => "closed_unresolved",
        _ => "open",
    };

    public static bool IsClosed(long statusId) => statusId is ClosedResolved or ClosedUnresolved;
}
