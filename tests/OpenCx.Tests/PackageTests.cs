using System;
using System.Collections;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// The Gallery package's description (packaging/OpenCx.nuspec) says what the manifest says, with
/// the tags the Gallery expects of a module: one PSCmdlet_ and PSCommand_ per exported cmdlet.
/// </summary>
public sealed class PackageTests
{
    private static readonly XNamespace Nuspec = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";

    [Fact]
    public void The_nuspec_describes_the_module_as_its_manifest_does()
    {
        XElement metadata = XDocument.Load(Path.Combine(RepoPaths.Root, "packaging", "OpenCx.nuspec")).Root!.Element(Nuspec + "metadata")!;
        using var session = new ModuleSession();
        var manifest = (Hashtable)session.Run($"Import-PowerShellDataFile -Path '{RepoPaths.ModuleManifest}'").Output.Single().BaseObject;
        var psData = (Hashtable)((Hashtable)manifest["PrivateData"]!)["PSData"]!;
        string[] cmdlets = ((object[])manifest["CmdletsToExport"]!).Cast<string>().ToArray();
        string[] tags = metadata.Element(Nuspec + "tags")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("OpenCx", metadata.Element(Nuspec + "id")!.Value);
        Assert.Equal(manifest["Description"], metadata.Element(Nuspec + "description")!.Value);
        Assert.Equal(manifest["Author"], metadata.Element(Nuspec + "authors")!.Value);
        Assert.Equal(manifest["Copyright"], metadata.Element(Nuspec + "copyright")!.Value);
        Assert.Equal(psData["ProjectUri"], metadata.Element(Nuspec + "projectUrl")!.Value);
        Assert.Equal(psData["ReleaseNotes"], metadata.Element(Nuspec + "releaseNotes")!.Value);
        Assert.Subset(tags.ToHashSet(), ((object[])psData["Tags"]!).Cast<string>().ToHashSet());
        Assert.Subset(tags.ToHashSet(), new[] { "PSModule", "PSIncludes_Cmdlet" }
            .Concat(cmdlets.SelectMany(c => new[] { "PSCmdlet_" + c, "PSCommand_" + c }))
            .Concat(((object[])manifest["CompatiblePSEditions"]!).Select(e => "PSEdition_" + e))
            .ToHashSet());
        Assert.Equal(tags.Length, tags.Distinct().Count());
    }

    [Fact]
    public void The_package_carries_the_README_as_its_readme_and_the_LICENSE()
    {
        XElement metadata = XDocument.Load(Path.Combine(RepoPaths.Root, "packaging", "OpenCx.nuspec")).Root!.Element(Nuspec + "metadata")!;

        // The package is the module folder (<file src="**">): what is there is in the package.
        Assert.Equal("README.md", metadata.Element(Nuspec + "readme")?.Value);
        Assert.Equal("MIT", metadata.Element(Nuspec + "license")?.Value);
        foreach (string file in new[] { "README.md", "LICENSE" })
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(RepoPaths.Root, file)),
                File.ReadAllText(Path.Combine(RepoPaths.ModuleFolder, file)));
        }
    }
}
