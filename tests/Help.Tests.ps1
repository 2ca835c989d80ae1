#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.2.0' }
# The module's help as each edition's Get-Help reads it, on a real pwsh or Windows PowerShell:
# complete for every command, the about topic found, and every example, as Get-Help shows it, run
# against Connect-OpenCx -Sandbox in the console host, its output rendered as the console renders
# it. Run by dotnet test in the pwsh of .config/dotnet-tools.json (tests/OpenCx.Tests/PesterTests.cs),
# and by ./build.ps1 -Task Test on Windows PowerShell 5.1.
#
# What the help says, the xunit suite proves on PowerShell 7 and is not repeated here: HelpTests
# (the examples users need first, -Channel's text and alias, the accepted values in the syntax,
# every part of about_OpenCx, every ErrorId explained), HelpSyncTests (docs/en-US in step with the
# cmdlets), HelpExampleTests (the examples run there too, in a hosted engine with no console).

BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot '../out/OpenCx/OpenCx.psd1') -Force
    $script:commands = foreach ($command in Get-Command -Module OpenCx | Sort-Object -Property Name) {
        @{ Name = $command.Name }
    }
    $script:examples = foreach ($command in $script:commands) {
        foreach ($example in (Get-Help -Name $command.Name -Examples).examples.example) {
            @{
                Command = $command.Name
                Title   = $example.title -replace '^[-\s]+|[-\s]+$', ''
                Code    = $example.code
            }
        }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/OpenCx/OpenCx.psd1') -Force
}

AfterAll {
    Remove-Module OpenCx -ErrorAction SilentlyContinue
}

Describe 'Get-Help <Name>' -ForEach $script:commands {
    BeforeAll {
        $script:help = Get-Help -Name $Name -Full
        # The common parameters of this edition: those of an advanced function that declares none.
        function Get-CommonParameterName { [CmdletBinding()] param() }
        $script:common = @((Get-Command -Name Get-CommonParameterName).Parameters.Keys) + 'WhatIf', 'Confirm'
    }

    It 'has a synopsis of its own, not the syntax PowerShell shows when help is missing' {
        $script:help.Synopsis | Should -Not -BeNullOrEmpty
        $script:help.Synopsis | Should -Not -BeLike "$Name *"
    }

    It 'has a description' {
        ($script:help.description.Text -join ' ').Length | Should -BeGreaterThan 100
    }

    It 'has examples' {
        @($script:help.examples.example).Count | Should -BeGreaterThan 0
    }

    It 'explains every parameter' {
        $parameters = (Get-Command -Name $Name).Parameters.Keys | Where-Object { $script:common -notcontains $_ }
        foreach ($parameter in $parameters) {
            $text = (Get-Help -Name $Name -Parameter $parameter).description.Text -join ' '
            $text.Length | Should -BeGreaterThan 20 -Because "-$parameter needs help text"
        }
    }
}

Describe 'about_OpenCx' {
    It 'is found, and read to its last part' {
        $text = Get-Help -Name about_OpenCx | Out-String
        $text | Should -Match '(?m)^CONNECTING\s*$'
        $text | Should -Match '(?m)^TROUBLESHOOTING\s*$'
    }
}

Describe 'Every example of the help runs against the sandbox' {
    BeforeAll {
        # Examples that connect with a key of their own ($apiKey, $europeKey, $americasKey, or a
        # credential made of one) get the sandbox instead: the harness answers Connect-OpenCx with
        # Connect-OpenCx -Sandbox and passes every other parameter on, but for the proxy ones: the
        # in-process sandbox has no network to proxy (HelpExampleTests runs them for real). A budget of its own spares the examples the pacing to 100
        # requests a minute that the other tests of this process share.
        Mock -CommandName Connect-OpenCx -MockWith {
            $forward = @{ RateLimit = 100000 }
            $notForTheSandbox = 'ApiKey', 'Credential', 'BaseUri', 'SkipValidation', 'Sandbox',
                'Proxy', 'ProxyCredential', 'ProxyUseDefaultCredentials', 'NoProxy'
            foreach ($entry in $PesterBoundParameters.GetEnumerator()) {
                if ($notForTheSandbox -notcontains $entry.Key) {
                    $forward[$entry.Key] = $entry.Value
                }
            }
            $cmdlet = Get-Command -Name Connect-OpenCx -Module OpenCx -CommandType Cmdlet
            & $cmdlet -Sandbox @forward
        }
        $script:apiKey = New-Object -TypeName System.Security.SecureString
        $script:europeKey = $script:apiKey
        $script:americasKey = $script:apiKey
    }

    BeforeEach {
        Connect-OpenCx -Sandbox
        Push-Location -LiteralPath $TestDrive
    }

    AfterEach {
        Pop-Location
    }

    It '<Command> <Title>' -ForEach $script:examples {
        $output = & ([scriptblock]::Create($Code)) 2>&1 4>&1
        $errors = @($output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.Count | Should -Be 0 -Because ($errors -join "`n")

        # What the user sees: the output rendered with the module's views, as the console does. A
        # Format-* the example misuses (piped on to another command) throws here.
        $null = $output | Out-String -Width 120
    }
}
