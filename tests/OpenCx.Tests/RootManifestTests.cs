using System;
using System.Collections;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// The manifest at the repository root is the source of the shipped one: valid where it stands, in
/// a clone that was never built (the lint's manifest rules read it there), and shipped as written
/// but for the two values only the build knows.
/// </summary>
public sealed class RootManifestTests
{
    private static readonly string RootManifest = Path.Combine(RepoPaths.Root, "OpenCx.psd1");

    [Fact]
    public void The_root_manifest_passes_Test_ModuleManifest_where_it_stands()
    {
        using var shell = PowerShell.Create(InitialSessionState.CreateDefault2());
        shell.AddCommand("Test-ModuleManifest").AddParameter("Path", RootManifest);

        Collection<PSObject> output = shell.Invoke();

        Assert.Empty(shell.Streams.Error.Select(e => e.ToString()));
        PSModuleInfo module = Assert.IsType<PSModuleInfo>(Assert.Single(output).BaseObject);
        Assert.Equal("OpenCx", module.Name);
        Assert.Equal(RepoPaths.Root.TrimEnd(Path.DirectorySeparatorChar), module.ModuleBase.TrimEnd(Path.DirectorySeparatorChar));
        Assert.Equal(6, module.ExportedCmdlets.Count);
    }

    [Fact]
    public void The_built_manifest_is_the_root_manifest_with_RootModule_and_ModuleVersion_written_in()
    {
        Hashtable source = ReadDataFile(RootManifest);
        Hashtable built = ReadDataFile(RepoPaths.ModuleManifest);

        Assert.Equal("OpenCx.PowerShell.dll", built["RootModule"]);
        Assert.NotEqual("0.0.0", built["ModuleVersion"]);
        foreach (Hashtable manifest in new[] { source, built })
        {
            manifest.Remove("RootModule");
            manifest.Remove("ModuleVersion");
        }

        Assert.Equal(Canonical(source), Canonical(built));
    }

    private static Hashtable ReadDataFile(string path)
    {
        using var shell = PowerShell.Create(InitialSessionState.CreateDefault2());
        shell.AddCommand("Import-PowerShellDataFile").AddParameter("Path", path);
        return (Hashtable)Assert.Single(shell.Invoke()).BaseObject;
    }

    /// <summary>The data of a manifest as one string, keys in order, so two manifests compare in one assertion that shows the difference.</summary>
    private static string Canonical(object? value)
    {
        switch (value)
        {
            case Hashtable table:
                var text = new StringBuilder("@{ ");
                foreach (string key in table.Keys.Cast<string>().OrderBy(k => k, StringComparer.OrdinalIgnoreCase))
                {
                    text.Append(key).Append(" = ").Append(Canonical(table[key])).Append("; ");
                }

                return text.Append('}').ToString();
            case object[] items:
                return "@(" + string.Join(", ", items.Select(Canonical)) + ")";
            case null:
                return "$null";
            default:
                return value.GetType().Name + ":'" + value + "'";
        }
    }
}
