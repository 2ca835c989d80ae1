namespace OpenCx.Client.Http;

/// <summary>Where a connection's proxy comes from.</summary>
public enum ProxyMode
{
    /// <summary>The system's settings, as every other program of the machine uses them.</summary>
    System,

    /// <summary>No proxy at all, whatever the system says.</summary>
    None,

    /// <summary>The proxy the user named.</summary>
    Explicit,
}
