namespace OpenCx.Sandbox;

/// <summary>
/// Ways a real server might not keep to the spec, to prove a client loses nothing when it meets
/// one. All off by default; read on every request.
/// </summary>
public sealed class SandboxQuirks
{
    public static readonly SandboxQuirks None = new SandboxQuirks();

    /// <summary>Answers every request in the default order (last_message_at, newest first), whatever sort_by and sort_order say.</summary>
    public bool IgnoreSort { get; set; }

    /// <summary>Applies every filter but filters.date.</summary>
    public bool IgnoreDateRange { get; set; }

    /// <summary>GET /chat/sessions applies every filter but updated_after and updated_before.</summary>
    public bool IgnoreUpdatedRange { get; set; }

    public bool Any => IgnoreSort || IgnoreDateRange || IgnoreUpdatedRange;
}
