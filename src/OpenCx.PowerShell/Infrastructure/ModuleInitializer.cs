using System;
using System.IO;
using System.Management.Automation;
using System.Net;
using System.Reflection;

namespace OpenCx.Commands.Infrastructure;

/// <summary>
/// What Windows PowerShell 5.1 (.NET Framework) needs and PowerShell 7 does not: System.Text.Json
/// and its dependencies that ship beside the module must load even where they ask each other
/// for a version other than the one shipped (a module gets no binding redirects), and HTTPS
/// must be allowed to use TLS 1.2 (Windows PowerShell's default list may lack it).
/// </summary>
public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

    public void OnImport()
    {
        if (IsDesktop)
        {
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
        string path = Path.Combine(ModuleFolder, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(path) ? Assembly.LoadFrom(path) : null;
    }
}
