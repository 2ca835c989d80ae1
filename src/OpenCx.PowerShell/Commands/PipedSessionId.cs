namespace OpenCx.Commands;

/// <summary>
/// A session id piped as text to Get-OpenCxSession (<c>'id1', 'id2' | Get-OpenCxSession</c>).
/// PowerShell makes one from a string and from nothing else, so an object piped with a ContactId
/// still binds -ContactId and an object with an Id property binds -Id: a by-value string
/// parameter would take every object, as its text.
/// </summary>
public sealed class PipedSessionId
{
    public PipedSessionId(string text)
    {
        Text = text;
    }

    public string Text { get; }

    public override string ToString() => Text;
}
