<#
.SYNOPSIS
    Builds, tests, documents and packages the OpenCx module: a thin front for dotnet, Pester and platyPS.
.DESCRIPTION
    Build    compiles the solution; the build lays out the module in out/OpenCx/, with the help it
             makes from docs/en-US (src/OpenCx.HelpBuilder: no platyPS needed).
    Test     runs dotnet test: the xunit suite and the Pester tests in tests/, in the pwsh that
             .config/dotnet-tools.json pins, with Pester from its NuGet package. On Windows
             PowerShell 5.1 it then runs the Pester tests on this PowerShell too, with the same Pester.
    Docs     refreshes docs/en-US from the built module with platyPS (Update-MarkdownHelpModule),
             then builds again so that the shipped help is made from the refreshed markdown.
             Without platyPS it says how to install it.
    Package  builds the module in Release and packs it for the PowerShell Gallery:
             out/package/OpenCx.<version>.nupkg, made from the module folder out/OpenCx/.
    Demo     builds, then runs src/OpenCx.Demo/Demo.ps1 against the in-process sandbox.
    Lint     runs PSScriptAnalyzer with PSScriptAnalyzerSettings.psd1 over the scripts and
             manifests git has (not out/, bin/ or obj/), as CI does, and fails on a file that does
             not parse, on a finding or on a rule that could not run. Needs PSScriptAnalyzer, not dotnet.
.EXAMPLE
    ./build.ps1
    Builds and runs every test.
.EXAMPLE
    ./build.ps1 -Task Package
    Makes out/package/OpenCx.<version>.nupkg; Publish-PSResource -Path out/OpenCx publishes the same module.
.EXAMPLE
    ./build.ps1 -Task Docs
.EXAMPLE
    ./build.ps1 -Task Lint
    What the CI's PSScriptAnalyzer job runs.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Demo', 'Lint')]
    [string[]] $Task = @('Build', 'Test'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$root = $PSScriptRoot
$solution = Join-Path $root 'OpenCx.PowerShell.sln'
$moduleFolder = Join-Path $root 'out/OpenCx'
$manifest = Join-Path $moduleFolder 'OpenCx.psd1'
# This PowerShell's own executable (pwsh or powershell.exe), for work that must not load the module here.
$powerShell = [Diagnostics.Process]::GetCurrentProcess().Path

function Invoke-DotNet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Verbose "dotnet $Arguments"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments[0]) failed with exit code $LASTEXITCODE." }
}

function Get-PesterManifest {
    # The Pester that dotnet test runs the suite with: the NuGet package the test project downloads
    # (PackageDownload, its version pinned there), never one installed on the machine.
    [xml] $project = Get-Content -Raw -Path (Join-Path $root 'tests/OpenCx.Tests/OpenCx.Tests.csproj')
    $version = @($project.Project.PropertyGroup | ForEach-Object { $_.PesterVersion } | Where-Object { $_ })[0]
    $packages = @(& dotnet nuget locals global-packages --list) -join ''
    if ($LASTEXITCODE -ne 0) { throw "dotnet nuget locals failed with exit code $LASTEXITCODE." }
    $folder = $packages -replace '^\s*global-packages:\s*', ''
    $path = Join-Path (Join-Path (Join-Path (Join-Path $folder.Trim() 'pester') $version) 'tools') 'Pester.psd1'
    if (-not (Test-Path -LiteralPath $path)) { throw "Pester $version is not in $folder (dotnet restore of tests/OpenCx.Tests downloads it)." }
    $path
}

function Invoke-PesterSuite {
    if ($PSVersionTable.PSEdition -ne 'Desktop') {
        Write-Information 'dotnet test ran the Pester tests in pwsh 7.6.10 (.config/dotnet-tools.json).' -InformationAction Continue
        return
    }

    # Windows PowerShell 5.1, in a child process as the Docs and Demo tasks do: the tests import
    # out/OpenCx, and a module left loaded here would lock its assembly against the next build.
    & $powerShell -NoProfile -NonInteractive -ExecutionPolicy Bypass -File (Join-Path $root 'tests/Invoke-PesterSuite.ps1') -PesterManifest (Get-PesterManifest)
    if ($LASTEXITCODE -ne 0) { throw "The Pester tests failed on Windows PowerShell (exit code $LASTEXITCODE)." }
}

function Sync-MarkdownHelp {
    if (-not (Get-Module -ListAvailable -Name platyPS)) {
        Write-Warning ("platyPS is not installed, so docs/en-US was not refreshed from the cmdlets. " +
            "Install-Module platyPS -RequiredVersion 0.14.2 -Scope CurrentUser, then run ./build.ps1 -Task Docs again. " +
            "The help the module ships is made from docs/en-US by every build without it.")
        return
    }

    # In a child process, so that the module platyPS loads is not left loaded (and locked) here.
    & $powerShell -NoProfile -NonInteractive -Command {
        param($Manifest, $Docs)
        $ErrorActionPreference = 'Stop'
        Import-Module -Name platyPS
        Import-Module -Name $Manifest -Force
        $null = Update-MarkdownHelpModule -Path $Docs -RefreshModulePage -ModulePagePath (Join-Path $Docs 'OpenCx.md') -AlphabeticParamsOrder -ExcludeDontShow
        # platyPS 0.14 documents -ProgressAction, a common parameter since PowerShell 7.4, as the cmdlets' own.
        foreach ($page in Get-ChildItem -Path $Docs -Filter '*-*.md') {
            $text = [IO.File]::ReadAllText($page.FullName)
            $kept = [regex]::Replace($text, '(?ms)^### -ProgressAction\r?\n.*?(?=^### )', '')
            if ($kept -ne $text) { [IO.File]::WriteAllText($page.FullName, $kept) }
        }
    } -args $manifest, (Join-Path $root 'docs/en-US')
    if ($LASTEXITCODE -ne 0) { throw "platyPS failed with exit code $LASTEXITCODE." }
    Write-Information "docs/en-US refreshed from the cmdlets; review the changes with git diff." -InformationAction Continue
}

function Test-ScriptSyntax([string[]] $Files) {
    # PSScriptAnalyzer reports a file that does not parse as a ParseError, which the settings'
    # severities must name; the parser itself says so first, with or without PSScriptAnalyzer.
    $problems = foreach ($file in $Files) {
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseFile((Join-Path $root $file), [ref] $null, [ref] $errors)
        foreach ($parseError in $errors) { "${file}:$($parseError.Extent.StartLineNumber): $($parseError.Message)" }
    }
    if ($problems) {
        $problems | Write-Information -InformationAction Continue
        throw "$(@($problems).Count) parse error(s): a script that does not parse cannot be analysed or run."
    }
}

function Invoke-ScriptAnalysis {
    # The files git has or would commit, so that a local run reads what a CI checkout has.
    $files = @(& git -C $root ls-files --cached --others --exclude-standard -- '*.ps1' '*.psm1' '*.psd1')
    if ($LASTEXITCODE -ne 0) { throw "git ls-files failed with exit code $LASTEXITCODE." }
    Test-ScriptSyntax -Files $files

    if (-not (Get-Module -ListAvailable -Name PSScriptAnalyzer)) {
        throw 'PSScriptAnalyzer is not installed: Install-Module PSScriptAnalyzer -RequiredVersion 1.25.0 -Scope CurrentUser (the version CI uses), then run ./build.ps1 -Task Lint again.'
    }

    $settings = Join-Path $root 'PSScriptAnalyzerSettings.psd1'
    $findings = @()
    $ruleErrors = @()
    foreach ($file in $files) {
        # A rule that throws (the manifest rules do on an invalid manifest) only writes an error and
        # the analysis goes on; collected here, it fails the task whatever the error preference.
        $findings += @(Invoke-ScriptAnalyzer -Path (Join-Path $root $file) -Settings $settings -ErrorAction SilentlyContinue -ErrorVariable fileErrors)
        $ruleErrors += @($fileErrors)
    }

    if ($findings.Count -gt 0) {
        $findings | Format-Table -Property Severity, RuleName, ScriptName, Line, Message -AutoSize -Wrap | Out-String -Width 200 |
            Write-Information -InformationAction Continue
    }
    foreach ($ruleError in $ruleErrors) { Write-Warning "A rule could not run: $ruleError" }
    if ($findings.Count -gt 0 -or $ruleErrors.Count -gt 0) {
        throw "PSScriptAnalyzer: $($findings.Count) finding(s) and $($ruleErrors.Count) rule error(s) in $($files.Count) file(s)."
    }
    Write-Information "PSScriptAnalyzer: no finding in $($files.Count) file(s)." -InformationAction Continue
}

switch ($Task) {
    'Build' {
        Invoke-DotNet build $solution --configuration $Configuration
    }
    'Test' {
        Invoke-DotNet test $solution --configuration $Configuration
        Invoke-PesterSuite
    }
    'Docs' {
        Invoke-DotNet build (Join-Path $root 'src/OpenCx.PowerShell') --configuration $Configuration
        Sync-MarkdownHelp
        # The build makes the shipped help from the refreshed markdown (src/OpenCx.HelpBuilder).
        Invoke-DotNet build (Join-Path $root 'src/OpenCx.PowerShell') --configuration $Configuration
    }
    'Package' {
        # A fresh folder, so that nothing an earlier build left there ends up in the package.
        if (Test-Path -Path $moduleFolder) { Remove-Item -Path $moduleFolder -Recurse -Force }
        Invoke-DotNet pack (Join-Path $root 'packaging/OpenCx.Package.csproj') --configuration Release
        Write-Information "Module folder: $moduleFolder" -InformationAction Continue
        Get-ChildItem -Path (Join-Path $root 'out/package') -Filter '*.nupkg' | ForEach-Object {
            Write-Information "Gallery package: $($_.FullName)" -InformationAction Continue
        }
    }
    'Demo' {
        Invoke-DotNet build (Join-Path $root 'src/OpenCx.PowerShell') --configuration $Configuration
        # A child process, so the module the demo imports is not left loaded (and locked) in this session.
        & $powerShell -NoProfile -File (Join-Path $root 'src/OpenCx.Demo/Demo.ps1') -ModulePath $manifest
        if ($LASTEXITCODE -ne 0) { throw "The demo failed with exit code $LASTEXITCODE." }
    }
    'Lint' {
        Invoke-ScriptAnalysis
    }
}
