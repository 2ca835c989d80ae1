using System;
using System.IO;

namespace OpenCx.Tests.Infrastructure;

/// <summary>Where the built module and the spec are, found from the repository root.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string ModuleFolder => Path.Combine(Root, "out", "OpenCx");

    public static string ModuleManifest => Path.Combine(ModuleFolder, "OpenCx.psd1");

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
