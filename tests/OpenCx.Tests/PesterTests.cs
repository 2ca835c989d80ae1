using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// The Pester suite (tests/*.Tests.ps1) in the PowerShell 7 engine these tests host, with Pester
/// from NuGet, so that every machine that runs dotnet test runs it (and so proves the .ps1 files
/// that review runs on a real pwsh). build.ps1 -Task Test runs it again on the PowerShell that
/// runs build.ps1.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class PesterTests
{
    [Fact]
    public void The_Pester_suite_passes_in_the_hosted_engine()
    {
        string pester = typeof(PesterTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "PesterManifest").Value!;
        string[] files = Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests"), "*.Tests.ps1");
        using var session = new ModuleSession();

        PowerShellRun run = session.Run(
            "Import-Module -Name $pester -ErrorAction Stop\n" +
            "$config = New-PesterConfiguration\n" +
            "$config.Run.Path = $files\n" +
            "$config.Run.PassThru = $true\n" +
            "$config.Output.Verbosity = 'None'\n" +
            "$result = Invoke-Pester -Configuration $config\n" +
            "$result.PassedCount\n" +
            "foreach ($failed in @($result.Failed) + @($result.FailedBlocks) + @($result.FailedContainers)) {\n" +
            "    \"$($failed.ExpandedPath)$($failed.Item): $($failed.ErrorRecord -join ' ')\"\n" +
            "}",
            new Dictionary<string, object?> { ["pester"] = pester, ["files"] = files });

        Assert.Empty(run.Errors);
        IEnumerable<string> failures = run.Output.Skip(1).Select(o => o.ToString());
        Assert.True(!failures.Any(), "Pester failures:\n" + string.Join("\n", failures));
        Assert.True((int)run.Output[0].BaseObject >= 40, $"Only {run.Output[0]} Pester tests ran.");
    }
}
