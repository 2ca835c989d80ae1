using System.Management.Automation;
using OpenCx.Commands.Connection;
using OpenCx.Commands.Infrastructure;

namespace OpenCx.Commands;

/// <summary>Forgets the current connection of this runspace.</summary>
[Cmdlet(VerbsCommunications.Disconnect, "OpenCx")]
[OutputType(typeof(void))]
public sealed class DisconnectOpenCxCommand : OpenCxCmdlet
{
    protected override void EndProcessing()
    {
        OpenCxConnection? current = DefaultConnection.Current;
        DefaultConnection.Current = null;
        WriteVerbose(current is null ? "There was no connection." : $"Disconnected from {current}.");
    }
}
