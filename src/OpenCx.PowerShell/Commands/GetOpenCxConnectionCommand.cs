using System.Management.Automation;
using OpenCx.Commands.Connection;
using OpenCx.Commands.Infrastructure;

namespace OpenCx.Commands;

/// <summary>Returns the current connection of this runspace, or nothing when there is none.</summary>
[Cmdlet(VerbsCommon.Get, "OpenCxConnection")]
[OutputType(typeof(OpenCxConnection))]
public sealed class GetOpenCxConnectionCommand : OpenCxCmdlet
{
    protected override void EndProcessing()
    {
        OpenCxConnection? current = DefaultConnection.Current;
        if (current is null)
        {
            WriteVerbose("Not connected. Run Connect-OpenCx, or Connect-OpenCx -Sandbox to try the module.");
            return;
        }

        WriteObject(current);
    }
}
