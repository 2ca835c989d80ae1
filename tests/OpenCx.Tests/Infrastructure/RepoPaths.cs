using System;
using System.IO;

namespace OpenCx.Tests.Infrastructure;

/// <summary>Where the built module and the spec are, found from the repository root.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release, as this test assembly was built.</summary>
    private static string ThisConfiguration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    public static string ModuleFolder => Path.Combine(Root, "out", "OpenCx");

    public static string ModuleManifest => Path.Combine(ModuleFolder, "OpenCx.psd1");

    /// <summary>The demo host: runs a script in its own process, with the built module, as pwsh would.</summary>
    public static string ScriptHost => Path.Combine(Root, "src", "OpenCx.Demo", "bin", ThisConfiguration, "net10.0", "OpenCx.Demo.dll");

    public static string Spec => Path.Combine(Root, "spec", "opencx-filter-sessions.openapi.yaml");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenCx.PowerShell.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run from inside the repository: no OpenCx.PowerShell.sln above " + AppContext.BaseDirectory);
    }
}
