using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace OpenCx.Commands.Infrastructure
{
    /// <summary>
    /// On Windows PowerShell 5.1 (.NET Framework), lets System.Text.Json and its dependencies that
    /// ship beside the module load even where they ask each other for a version other than the one
    /// shipped: .NET Framework has no binding redirects for a module. PowerShell 7 already carries
    /// newer copies of all of them and resolves them itself, so there this does nothing.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!;

        public void OnImport()
        {
            if (IsDesktop)
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveShippedDependency;
            }
        }

        public void OnRemove(PSModuleInfo module)
        {
            if (IsDesktop)
            {
                AppDomain.CurrentDomain.AssemblyResolve -= ResolveShippedDependency;
            }
        }

        private static bool IsDesktop => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription
            .StartsWith(".NET Framework", StringComparison.Ordinal);

        private static Assembly? ResolveShippedDependency(object? sender, ResolveEventArgs args)
        {
            string path = Path.Combine(ModuleFolder, new AssemblyName(args.Name).Name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }
    }
}
