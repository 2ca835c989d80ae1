using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>The built folder is what the Gallery would ship: it imports by its manifest and exports exactly the module's commands.</summary>
public sealed class ManifestTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;

    public ManifestTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    [Fact]
    public void The_built_manifest_passes_Test_ModuleManifest()
    {
        PowerShellRun run = _sandbox.PowerShell.Run($"Test-ModuleManifest -Path '{RepoPaths.ModuleManifest}'");

        Assert.Empty(run.Errors);
        Assert.Single(run.Output);
    }

    [Fact]
    public void The_module_exports_exactly_its_four_commands()
    {
        PowerShellRun run = _sandbox.PowerShell.Run("(Get-Module OpenCx).ExportedCommands.Keys");

        Assert.Equal(
            new[] { "Connect-OpenCx", "Disconnect-OpenCx", "Export-OpenCxSession", "Get-OpenCxConnection", "Get-OpenCxSession", "Get-OpenCxSessionHistory" },
            run.Output.Select(o => o.ToString()).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void The_manifest_carries_the_version_from_Directory_Build_props()
    {
        string props = File.ReadAllText(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        string version = Regex.Match(props, "<Version>([^<]+)</Version>").Groups[1].Value;

        PowerShellRun run = _sandbox.PowerShell.Run("(Get-Module OpenCx).Version.ToString(3)");

        Assert.Equal(version, Assert.Single(run.Output).ToString());
    }

    [Fact]
    public void Commands_use_approved_verbs()
    {
        PowerShellRun run = _sandbox.PowerShell.Run(
            "$approved = (Get-Verb).Verb; Get-Command -Module OpenCx | Where-Object { $approved -notcontains $_.Verb }");

        Assert.Empty(run.Errors);
        Assert.Empty(run.Output);
    }
}
