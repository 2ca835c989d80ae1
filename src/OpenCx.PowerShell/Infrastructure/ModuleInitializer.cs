using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Reflection;

namespace OpenCx.Commands.Infrastructure;

/// <summary>
/// What Windows PowerShell 5.1 (.NET Framework) needs and PowerShell 7 does not: System.Text.Json
/// and its dependencies, which the module ships in its Dependencies folder out of every probe, must
/// load for the module's own assemblies (and for no one else's: <see cref="ShippedDependencies"/>),
/// and HTTPS must be allowed to use TLS 1.2 (Windows PowerShell's default list may lack it).
/// PowerShell 7 loads its own System.Text.Json, and finds OpenCx.Client beside this assembly.
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

    private static ShippedDependencies? Shipped;

    public void OnImport()
    {
        if (IsDesktop)
        {
            // Read here, where a broken module folder fails Import-Module, not in a handler every
            // assembly load in the process may reach.
            Shipped = new ShippedDependencies(ModuleFolder);
            AppDomain.CurrentDomain.AssemblyResolve += ResolveShippedDependency;

            // Added to what the process allows, never removing anything, as PowerShellGet does.
            ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls12;
        }
    }

    public void OnRemove(PSModuleInfo module)
    {
        if (IsDesktop)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveShippedDependency;
        }
    }

    internal static bool IsDesktop => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription
        .StartsWith(".NET Framework", StringComparison.Ordinal);

    private static Assembly? ResolveShippedDependency(object? sender, ResolveEventArgs args)
    {
        AssemblyName requested;
        try
        {
            requested = new AssemblyName(args.Name);
        }
        catch (Exception e) when (e is ArgumentException || e is FileLoadException)
        {
            // Not a name this module could have shipped; whoever asked hears it from the runtime.
            return null;
        }

        string? path = Shipped?.PathFor(requested, args.RequestingAssembly);
        return path is null ? null : Assembly.LoadFrom(path);
    }
}
