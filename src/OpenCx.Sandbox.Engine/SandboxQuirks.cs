namespace OpenCx.Sandbox;

/// <summary>
/// Ways a real server might not keep to the spec, or keep to it in ways a client does not
/// expect, to prove a client loses nothing when it meets one. All off by default; read on
/// every request.
/// </summary>
public sealed class SandboxQuirks
{
    public static readonly SandboxQuirks None = new SandboxQuirks();

    /// <summary>Answers every request in the default order (last_message_at, newest first), whatever sort_by and sort_order say.</summary>
    public bool IgnoreSort { get; set; }

    /// <summary>Applies every filter but filters.date.</summary>
    public bool IgnoreDateRange { get; set; }

    /// <summary>
    /// Writes values the spec allows though few servers send them (see OddValues): a contact's
    /// dates as text that is no date, ticket numbers as floats, empty strings, UUIDs at the
    /// pattern's extremes and in upper case. The answers still keep to the spec.
    /// </summary>
    public bool SpecValidOddValues { get; set; }

    /// <summary>GET /chat/sessions applies every filter but updated_after and updated_before.</summary>
    public bool IgnoreUpdatedRange { get; set; }

    public bool Any => IgnoreSort || IgnoreDateRange || IgnoreUpdatedRange || SpecValidOddValues;
}
