#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# What only a real PowerShell process proves, each in a process of its own started from the one
# that runs Pester: sessions through a job and through CLIXML into another process, the module
# loaded by a command's name, -Debug in a console host, build.ps1 itself, and the Gallery package it
# makes installed with Install-PSResource. dotnet test runs this file in the pwsh of
# .config/dotnet-tools.json (tests/OpenCx.Tests/PesterTests.cs).

BeforeAll {
    $script:manifest = (Resolve-Path -Path (Join-Path $PSScriptRoot '../out/OpenCx/OpenCx.psd1')).Path
    Import-Module $script:manifest -Force

    # This PowerShell's executable. pwsh as a .NET tool runs under dotnet, and its folder has the
    # pwsh executable that Start-Job starts too.
    $script:pwsh = (Get-Process -Id $PID).Path
    if ([IO.Path]::GetFileNameWithoutExtension($script:pwsh) -eq 'dotnet') {
        $script:pwsh = Join-Path $PSHOME $(if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' })
    }

    # Runs a script block in a new process of this PowerShell; its output comes back deserialized.
    function Invoke-InProcess([scriptblock] $ScriptBlock, [object[]] $ArgumentList = @()) {
        $output = & $script:pwsh -NoProfile -NonInteractive -Command $ScriptBlock -args $ArgumentList 2>&1
        if ($LASTEXITCODE -ne 0) { throw "The child process failed with exit code ${LASTEXITCODE}: $($output -join "`n")" }
        $output
    }
}

AfterAll {
    Remove-Module OpenCx -ErrorAction SilentlyContinue
}

Describe 'Sessions in other processes' {
    BeforeAll {
        Connect-OpenCx -Sandbox
        $script:local = @(Get-OpenCxSession -Channel email -First 5)
    }

    It 'come back from Start-Job with their values, as deserialized OpenCx.ChatSession' {
        $job = Start-Job -ScriptBlock {
            param($Manifest)
            Import-Module $Manifest
            Connect-OpenCx -Sandbox
            Get-OpenCxSession -Channel email -First 5
        } -ArgumentList $script:manifest
        try {
            $received = @($job | Wait-Job -Timeout 120 | Receive-Job -ErrorAction Stop)
            $job.State | Should -Be 'Completed'
        }
        finally {
            $job | Remove-Job -Force
        }

        $received.Count | Should -Be 5
        $received[0].PSObject.TypeNames | Should -Contain 'Deserialized.OpenCx.ChatSession'
        $received.Id | Should -Be $script:local.Id
        $received.Channel | Should -Be $script:local.Channel
        $received.Status | Should -Be $script:local.Status
        $received[0].CreatedAt | Should -BeOfType [datetime]
    }

    It 'are read back by Import-Clixml in another process' {
        $path = Join-Path $TestDrive 'sessions.xml'
        $script:local | Export-Clixml -Path $path
        $lines = Invoke-InProcess -ScriptBlock {
            param($Path)
            foreach ($session in Import-Clixml -Path $Path) {
                '{0}|{1}|{2}|{3:o}' -f $session.PSObject.TypeNames[0], $session.Id, $session.Status, $session.CreatedAt.ToUniversalTime()
            }
        } -ArgumentList $path

        $expected = foreach ($session in $script:local) {
            '{0}|{1}|{2}|{3:o}' -f 'Deserialized.OpenCx.ChatSession', $session.Id, $session.Status, $session.CreatedAt.ToUniversalTime()
        }
        $lines | Should -Be $expected
    }
}

Describe 'Module auto-loading' {
    It 'loads OpenCx from PSModulePath when Connect-OpenCx is first used, with no Import-Module' {
        $modules = Split-Path -Path (Split-Path -Path $script:manifest -Parent) -Parent
        $lines = Invoke-InProcess -ScriptBlock {
            param($Modules)
            $env:PSModulePath = $Modules + [IO.Path]::PathSeparator + $env:PSModulePath
            "loaded before: $(@(Get-Module -Name OpenCx).Count)"
            Connect-OpenCx -Sandbox
            "sessions: $(@(Get-OpenCxSession -First 3).Count)"
            "loaded from: $((Get-Module -Name OpenCx).ModuleBase)"
        } -ArgumentList $modules

        $lines | Should -Be @(
            'loaded before: 0'
            'sessions: 3'
            "loaded from: $(Join-Path $modules 'OpenCx')"
        )
    }
}

Describe '-Debug in a console host' {
    # Only a console host turns -Debug into "Continue with this operation?" prompts, so this runs a
    # child pwsh under -NonInteractive, where a prompt would be an error. DebugTests proves the
    # same with a host that refuses prompts, and that the key is in no debug record.
    It 'runs Get-OpenCxSession -Debug to the end with the debug stream and no prompt' {
        $result = Invoke-InProcess -ScriptBlock {
            param($Manifest)
            Import-Module $Manifest
            Connect-OpenCx -Sandbox
            $all = Get-OpenCxSession -First 150 -Debug 5>&1
            $sessions = @($all | Where-Object { $_ -is [OpenCx.ChatSession] }).Count
            $headers = @($all | Where-Object { $_ -is [System.Management.Automation.DebugRecord] -and $_.Message -like 'Request headers*' }).Count
            "host=$($Host.Name) sessions=$sessions headers=$headers"
        } -ArgumentList $script:manifest
        # Two pages and, between them, the first page's other order (the check that the server sorts).
        $result | Should -Be 'host=ConsoleHost sessions=150 headers=3'
    }
}

Describe 'build.ps1 on a copy of the repository' {
    BeforeAll {
        # The files git has or would commit, as a clean clone has them, with this checkout's edits;
        # built where nothing of the running build is touched.
        $root = (Resolve-Path -Path (Join-Path $PSScriptRoot '..')).Path
        $script:copy = Join-Path $TestDrive 'repo'
        $files = @(& git -C $root ls-files --cached --others --exclude-standard)
        if ($LASTEXITCODE -ne 0) { throw "git ls-files failed with exit code $LASTEXITCODE." }
        foreach ($file in $files) {
            $source = Join-Path $root $file
            if (-not (Test-Path -LiteralPath $source -PathType Leaf)) { continue }
            $target = Join-Path $script:copy $file
            $null = New-Item -ItemType Directory -Path (Split-Path -Path $target -Parent) -Force
            Copy-Item -LiteralPath $source -Destination $target
        }

        $script:buildOutput = & $script:pwsh -NoProfile -NonInteractive -Command {
            param($Build)
            # This build runs while the suite's own build may still hold MSBuild worker nodes. A
            # handshake salt of its own keeps it from connecting to one of them, which then ends
            # with that build ("MSB4166: Child node exited prematurely", seen in a clean-clone run).
            $env:MSBUILDNODEHANDSHAKESALT = "opencx-build-copy-$([guid]::NewGuid())"
            $env:MSBUILDDISABLENODEREUSE = '1'
            & $Build -Task Build, Package -Configuration Release
        } -args (Join-Path $script:copy 'build.ps1') 2>&1
        $script:buildExit = $LASTEXITCODE
        $script:package = @(Get-ChildItem -Path (Join-Path $script:copy 'out/package') -Filter 'OpenCx.*.nupkg' -ErrorAction SilentlyContinue)
    }

    It 'builds the solution and the Gallery package (-Task Build, Package)' {
        $script:buildExit | Should -Be 0 -Because ($script:buildOutput | Select-Object -Last 30 | Out-String)
        Join-Path $script:copy 'out/OpenCx/OpenCx.psd1' | Should -Exist
        $script:package.Count | Should -Be 1
    }

    # PSResourceGet comes with PowerShell 7.4 and later, not with Windows PowerShell 5.1.
    It 'makes a package that Install-PSResource installs from a local repository, and that imports and works' -Skip:(-not (Get-Command -Name Install-PSResource -ErrorAction Ignore)) {
        $script:package.Count | Should -Be 1
        $isolatedHome = Join-Path $TestDrive 'home'
        $lines = Invoke-InProcess -ScriptBlock {
            param($Repository, $IsolatedHome)
            $ErrorActionPreference = 'Stop'
            # Installed for this process only: elsewhere than Windows the user's module folder and
            # PSResourceGet's list of repositories follow XDG_DATA_HOME; on Windows they are
            # removed again.
            if (-not $IsWindows) {
                $env:XDG_DATA_HOME = Join-Path $IsolatedHome 'data'
                $env:XDG_CONFIG_HOME = Join-Path $IsolatedHome 'config'
                $env:XDG_CACHE_HOME = Join-Path $IsolatedHome 'cache'
            }
            $name = "OpenCxTest$PID"
            Register-PSResourceRepository -Name $name -Uri $Repository -Trusted
            try {
                Install-PSResource -Name OpenCx -Repository $name -Scope CurrentUser -Reinstall
                $installed = Get-InstalledPSResource -Name OpenCx -Scope CurrentUser
                "installed: $($installed.Name) $($installed.Version) under $(if ($IsWindows) { 'the user' } else { $IsolatedHome })"
                $userModules = Join-Path $installed.InstalledLocation 'OpenCx'
                if (-not $IsWindows -and ($env:PSModulePath -split [IO.Path]::PathSeparator) -notcontains (Split-Path $userModules)) {
                    $env:PSModulePath = (Split-Path $userModules) + [IO.Path]::PathSeparator + $env:PSModulePath
                }
                Import-Module -Name OpenCx
                $module = Get-Module -Name OpenCx
                "imported from the install: $($module.ModuleBase.StartsWith($installed.InstalledLocation))"
                Test-ModuleManifest -Path (Join-Path $module.ModuleBase 'OpenCx.psd1') | Out-Null
                Connect-OpenCx -Sandbox
                "sessions: $(@(Get-OpenCxSession -Channel email -Status open -First 5).Count)"
                "examples: $(@((Get-Help -Name Get-OpenCxSession -Full).examples.example).Count -ge 4)"
                "about: $((Get-Help -Name about_OpenCx | Out-String) -match 'CONNECTING')"
            }
            finally {
                Remove-Module -Name OpenCx -ErrorAction SilentlyContinue
                if ($IsWindows) { Uninstall-PSResource -Name OpenCx -Scope CurrentUser -ErrorAction SilentlyContinue }
                Unregister-PSResourceRepository -Name $name
            }
        } -ArgumentList $script:package[0].DirectoryName, $isolatedHome

        $lines | Should -Be @(
            "installed: OpenCx $((Import-PowerShellDataFile -Path $script:manifest).ModuleVersion) under $(if ($IsWindows) { 'the user' } else { $isolatedHome })"
            'imported from the install: True'
            'sessions: 5'
            'examples: True'
            'about: True'
        )
    }
}
