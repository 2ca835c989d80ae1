using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// The built module, read as Windows PowerShell 5.1 on .NET Framework 4.7.2 would load it: every
/// assembly it ships finds every assembly it references, in the framework or in the module, at a
/// version no older than the one it was built against. The metadata is read, never loaded, so this
/// holds on any machine the suite runs on.
/// </summary>
public sealed class DependencyClosureTests
{
    [Fact]
    public void Every_reference_of_every_shipped_assembly_is_in_NET_Framework_472_or_in_the_module()
    {
        Dictionary<string, Version> framework = FrameworkAssemblies();
        List<ShippedAssembly> shipped = ShippedAssemblies();
        var inModule = shipped.ToDictionary(a => a.Name, a => a.Version, StringComparer.OrdinalIgnoreCase);

        var unmet = new List<string>();
        foreach (ShippedAssembly assembly in shipped)
        {
            foreach ((string name, Version version) in assembly.References)
            {
                framework.TryGetValue(name, out Version? inFramework);
                inModule.TryGetValue(name, out Version? ours);
                if (!Satisfies(inFramework, version) && !Satisfies(ours, version))
                {
                    unmet.Add($"{assembly.RelativePath} needs {name} {version}: the framework has {inFramework?.ToString() ?? "none"}, the module {ours?.ToString() ?? "none"}");
                }
            }
        }

        Assert.True(unmet.Count == 0, "Unmet on .NET Framework 4.7.2:\n" + string.Join("\n", unmet));
        // What the check stands on: the framework list was read, and so was System.Text.Json's closure.
        Assert.Equal(new Version(2, 0, 0, 0), framework["netstandard"]);
        Assert.Contains(shipped, a => a.Name == "System.Text.Json" && a.References.Any(r => r.Name == "System.Memory"));
    }

    [Fact]
    public void Only_OpenCx_assemblies_sit_beside_the_manifest_and_the_third_party_ones_in_Dependencies()
    {
        List<ShippedAssembly> shipped = ShippedAssemblies();

        Assert.All(shipped.Where(a => !a.RelativePath.StartsWith("Dependencies", StringComparison.Ordinal)),
            a => Assert.StartsWith("OpenCx.", a.Name, StringComparison.Ordinal));
        Assert.All(shipped.Where(a => a.RelativePath.StartsWith("Dependencies", StringComparison.Ordinal)),
            a => Assert.False(a.Name.StartsWith("OpenCx", StringComparison.OrdinalIgnoreCase), a.RelativePath));
        Assert.Contains(shipped, a => a.RelativePath == Path.Combine("Dependencies", "System.Text.Json.dll"));
        Assert.Contains(shipped, a => a.RelativePath == "OpenCx.PowerShell.dll");
        Assert.Contains(shipped, a => a.RelativePath == "OpenCx.Client.dll");
    }

    private static bool Satisfies(Version? available, Version wanted) => available is not null && available >= wanted;

    /// <summary>
    /// What Windows PowerShell 5.1 on .NET Framework 4.7.2 provides: the framework's reference
    /// assemblies and facades (from the NuGet package the test project downloads), and the engine's
    /// own System.Management.Automation, 3.0.0.0 in every Windows PowerShell since 3.0.
    /// </summary>
    private static Dictionary<string, Version> FrameworkAssemblies()
    {
        string folder = typeof(DependencyClosureTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NetFramework472ReferenceAssemblies").Value!;
        var framework = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase)
        {
            ["System.Management.Automation"] = new Version(3, 0, 0, 0),
        };
        foreach (string path in Directory.GetFiles(folder, "*.dll").Concat(Directory.GetFiles(Path.Combine(folder, "Facades"), "*.dll")))
        {
            using var pe = new PEReader(File.OpenRead(path));
            // A few files of the targeting pack are not assemblies (no metadata, or a module).
            if (pe.HasMetadata && pe.GetMetadataReader().IsAssembly)
            {
                AssemblyDefinition definition = pe.GetMetadataReader().GetAssemblyDefinition();
                framework[pe.GetMetadataReader().GetString(definition.Name)] = definition.Version;
            }
        }

        return framework;
    }

    private static List<ShippedAssembly> ShippedAssemblies()
    {
        var shipped = new List<ShippedAssembly>();
        foreach (string path in Directory.GetFiles(RepoPaths.ModuleFolder, "*.dll", SearchOption.AllDirectories))
        {
            using var pe = new PEReader(File.OpenRead(path));
            MetadataReader metadata = pe.GetMetadataReader();
            AssemblyDefinition definition = metadata.GetAssemblyDefinition();
            List<(string Name, Version Version)> references = metadata.AssemblyReferences
                .Select(handle => metadata.GetAssemblyReference(handle))
                .Select(reference => (metadata.GetString(reference.Name), reference.Version))
                .ToList();
            shipped.Add(new ShippedAssembly(
                Path.GetRelativePath(RepoPaths.ModuleFolder, path),
                metadata.GetString(definition.Name),
                definition.Version,
                references));
        }

        return shipped;
    }

    private sealed record ShippedAssembly(string RelativePath, string Name, Version Version, List<(string Name, Version Version)> References);
}
