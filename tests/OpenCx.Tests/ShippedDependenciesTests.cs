using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using OpenCx.Commands.Infrastructure;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Whose requests the assemblies in out/OpenCx/Dependencies answer on Windows PowerShell 5.1: the
/// module's own, at any version up to the shipped one, and nobody else's. The requesters are the
/// built module's real files (and a copy of one elsewhere, as another module would have it), loaded
/// into a context of their own; nothing runs on .NET Framework here, so the handler's decision is
/// what is tested, with the handler itself kept to a line around it.
/// </summary>
public sealed class ShippedDependenciesTests : IDisposable
{
    private static readonly string DependencyFolder = Path.Combine(RepoPaths.ModuleFolder, ShippedDependencies.FolderName);

    private readonly AssemblyLoadContext _context = new AssemblyLoadContext(nameof(ShippedDependenciesTests), isCollectible: true);
    private readonly ShippedDependencies _dependencies = new ShippedDependencies(RepoPaths.ModuleFolder);

    [Fact]
    public void OpenCx_Client_gets_the_shipped_System_Text_Json_and_System_Memory()
    {
        Assembly client = Load(Path.Combine(RepoPaths.ModuleFolder, "OpenCx.Client.dll"));

        Assert.Equal(Shipped("System.Text.Json"), _dependencies.PathFor(Requested(client, "System.Text.Json"), client));
        Assert.Equal(Shipped("System.Memory"), _dependencies.PathFor(Requested(client, "System.Memory"), client));
    }

    [Fact]
    public void A_shipped_dependency_asking_for_an_older_version_gets_the_newer_shipped_one()
    {
        Assembly memory = Load(Shipped("System.Memory"));
        AssemblyName unsafeAsked = Requested(memory, "System.Runtime.CompilerServices.Unsafe");

        Assert.True(unsafeAsked.Version < AssemblyName.GetAssemblyName(Shipped("System.Runtime.CompilerServices.Unsafe")).Version);
        Assert.Equal(Shipped("System.Runtime.CompilerServices.Unsafe"), _dependencies.PathFor(unsafeAsked, memory));
    }

    [Fact]
    public void Another_module_asking_for_the_same_names_gets_nothing()
    {
        // Another module's folder with the same System.Text.Json, left in place: Windows keeps a loaded file.
        string otherModule = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "OtherModule")).FullName;
        string copy = Path.Combine(otherModule, "System.Text.Json.dll");
        File.Copy(Shipped("System.Text.Json"), copy, overwrite: true);
        Assembly othersJson = Load(copy);

        Assert.Null(_dependencies.PathFor(Requested(othersJson, "System.Memory"), othersJson));
        Assert.Null(_dependencies.PathFor(new AssemblyName("System.Text.Json, Version=6.0.0.0"), typeof(Assert).Assembly));
    }

    [Fact]
    public void A_version_newer_than_the_shipped_one_is_not_answered_even_for_OpenCx()
    {
        Assembly client = Load(Path.Combine(RepoPaths.ModuleFolder, "OpenCx.Client.dll"));
        AssemblyName newer = Requested(client, "System.Text.Json");
        newer.Version = new Version(newer.Version!.Major + 1, 0, 0, 0);

        Assert.Null(_dependencies.PathFor(newer, client));
    }

    [Fact]
    public void An_unknown_requester_gets_only_the_exact_assembly_it_names()
    {
        var shipped = AssemblyName.GetAssemblyName(Shipped("System.Text.Json"));
        var older = new AssemblyName(shipped.FullName) { Version = new Version(6, 0, 0, 0) };

        Assert.Equal(Shipped("System.Text.Json"), _dependencies.PathFor(new AssemblyName(shipped.FullName), requester: null));
        Assert.Null(_dependencies.PathFor(older, requester: null));
    }

    [Fact]
    public void A_name_the_module_does_not_ship_is_left_alone()
    {
        Assembly client = Load(Path.Combine(RepoPaths.ModuleFolder, "OpenCx.Client.dll"));

        Assert.Null(_dependencies.PathFor(new AssemblyName("Newtonsoft.Json, Version=13.0.0.0"), client));
    }

    [Fact]
    public void PowerShell_7_runs_the_module_on_its_own_System_Text_Json_and_loads_nothing_from_Dependencies()
    {
        using var session = new ModuleSession();

        PowerShellRun run = session.Run("Connect-OpenCx -Sandbox; Get-OpenCxSession -First 5");

        Assert.Empty(run.Errors);
        Assert.Equal(5, run.Output.Count);
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies,
            a => !a.IsDynamic && a.Location.StartsWith(DependencyFolder, StringComparison.OrdinalIgnoreCase));
    }

    public void Dispose() => _context.Unload();

    private static string Shipped(string name) => Path.Combine(DependencyFolder, name + ".dll");

    /// <summary>The reference, as compiled into the requester, that the runtime would ask for.</summary>
    private static AssemblyName Requested(Assembly requester, string name) =>
        requester.GetReferencedAssemblies().Single(r => r.Name == name);

    private Assembly Load(string path) => _context.LoadFromAssemblyPath(path);
}
