<#
.SYNOPSIS
    Runs the Pester suite (tests/*.Tests.ps1) once and writes what became of each test to a JSON file.
.DESCRIPTION
    The one way the suite is run: by dotnet test (tests/OpenCx.Tests/PesterTests.cs, in the pwsh of
    .config/dotnet-tools.json, where each test is a case of its own) and by ./build.ps1 -Task Test
    on Windows PowerShell 5.1. Pester is the module it is given, from the NuGet package, never one
    installed on the machine. Works on Windows PowerShell 5.1 and PowerShell 7.
    The result file holds one entry per test (file, line of its It, path, result, error) and one
    per block or file that failed outside any test. The exit code is 0 when nothing failed.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $PesterManifest,

    [string] $ResultPath,

    [string[]] $Path = @(Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1' -File | ForEach-Object FullName)
)

$ErrorActionPreference = 'Stop'

Import-Module -Name $PesterManifest
$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.Output.RenderMode = 'Plaintext'
$result = Invoke-Pester -Configuration $config

function Get-ErrorText($Item) {
    @($Item.ErrorRecord | ForEach-Object { "$_`n$($_.ScriptStackTrace)" }) -join "`n"
}

$entries = @(
    foreach ($test in $result.Tests) {
        [ordered]@{
            Kind   = 'Test'
            File   = [IO.Path]::GetFileName($test.ScriptBlock.File)
            Line   = $test.StartLine
            Name   = $test.Name
            Path   = $test.ExpandedPath
            Result = "$($test.Result)"
            Error  = Get-ErrorText $test
        }
    }
    foreach ($block in $result.FailedBlocks) {
        [ordered]@{ Kind = 'Block'; File = [IO.Path]::GetFileName($block.ScriptBlock.File); Line = $block.StartLine; Name = $block.Name; Path = $block.ExpandedPath; Result = 'Failed'; Error = Get-ErrorText $block }
    }
    foreach ($container in $result.FailedContainers) {
        [ordered]@{ Kind = 'File'; File = "$($container.Item)"; Line = 0; Name = ''; Path = "$($container.Item)"; Result = 'Failed'; Error = Get-ErrorText $container }
    }
)

if ($ResultPath) {
    [IO.File]::WriteAllText($ResultPath, (ConvertTo-Json -InputObject $entries -Depth 3))
}

$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
if ($failed -gt 0) {
    Write-Warning "Pester: $($result.FailedCount) test(s), $($result.FailedBlocksCount) block(s) and $($result.FailedContainersCount) file(s) failed."
    exit 1
}
exit 0
