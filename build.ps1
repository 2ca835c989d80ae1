<#
.SYNOPSIS
    Builds, tests and tries the OpenCx module: a thin front for dotnet and Pester.
.DESCRIPTION
    Build  compiles the solution; the build lays out the module in out/OpenCx/.
    Test   runs the xunit suite (dotnet test), then the Pester tests in tests/ when Pester 5 is
           installed.
    Demo   builds, then runs src/OpenCx.Demo/Demo.ps1 against the in-process sandbox.
.EXAMPLE
    ./build.ps1
    Builds and runs every test.
.EXAMPLE
    ./build.ps1 -Task Demo
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$manifest = Join-Path $root 'out/OpenCx/OpenCx.psd1'

function Invoke-DotNet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Verbose "dotnet $Arguments"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

switch ($Task) {
    'Build' {
        Invoke-DotNet build (Join-Path $root 'OpenCx.PowerShell.sln') --configuration $Configuration
    }
    'Test' {
        Invoke-DotNet test (Join-Path $root 'OpenCx.PowerShell.sln') --configuration $Configuration
        $pester = Get-Module -ListAvailable -Name Pester | Where-Object Version -ge '5.0.0' | Select-Object -First 1
        if ($pester) {
            Import-Module $pester
            $config = New-PesterConfiguration
            $config.Run.Path = Join-Path $root 'tests'
            $config.Run.PassThru = $true
            $config.Output.Verbosity = 'Detailed'
            $result = Invoke-Pester -Configuration $config
            if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed." }
        }
        else {
            Write-Warning 'Pester 5 is not installed: skipping tests/*.Tests.ps1. Install-Module Pester -MinimumVersion 5.0 to run them.'
        }
    }
    'Demo' {
        Invoke-DotNet build (Join-Path $root 'src/OpenCx.PowerShell') --configuration $Configuration
        # A child pwsh, so the module the demo imports is not left loaded (and locked) in this session.
        & ([Diagnostics.Process]::GetCurrentProcess().Path) -NoProfile -File (Join-Path $root 'src/OpenCx.Demo/Demo.ps1') -ModulePath $manifest
        if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
    }
}
