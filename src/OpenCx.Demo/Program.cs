using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

// Runs Demo.ps1 (or the script named on the command line) in the PowerShell engine this program
// carries, and prints what it writes as a console would.
string script = args.Length > 0 ? Path.GetFullPath(args[0]) : Path.Combine(AppContext.BaseDirectory, "Demo.ps1");
string modulePath = Path.Combine(FindRepositoryRoot(), "out", "OpenCx", "OpenCx.psd1");

var state = InitialSessionState.CreateDefault2();
// Windows would refuse to run .ps1 files under the default policy; elsewhere there is none to set.
if (OperatingSystem.IsWindows())
{
    state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
}
using Runspace runspace = RunspaceFactory.CreateRunspace(state);
runspace.Open();
using var shell = PowerShell.Create();
shell.Runspace = runspace;
shell.AddCommand(script).AddParameter("ModulePath", modulePath)
    .AddCommand("Out-String").AddParameter("Stream").AddParameter("Width", 120);

try
{
    foreach (PSObject line in shell.Invoke())
    {
        Console.WriteLine(line);
    }
}
catch (RuntimeException e)
{
    Console.Error.WriteLine(e.ErrorRecord);
    return 1;
}

foreach (ErrorRecord error in shell.Streams.Error)
{
    Console.Error.WriteLine(error);
}

return shell.Streams.Error.Count == 0 ? 0 : 1;

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "OpenCx.PowerShell.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Run the demo from inside the repository.");
}
