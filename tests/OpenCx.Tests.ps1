#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# What each edition's own engine takes part in, on a real pwsh or Windows PowerShell against the
# in-process sandbox: the manifest and the import, parameter binding and -First/-Skip, objects
# and CSV, tab completion. Run by dotnet test in the pwsh of .config/dotnet-tools.json
# (tests/OpenCx.Tests/PesterTests.cs), and by ./build.ps1 -Task Test on Windows PowerShell 5.1.
# What only a process of its own proves (jobs, CLIXML, auto-loading, -Debug in a console host) is in
# Pwsh.Tests.ps1.
#
# The xunit suite (tests/OpenCx.Tests) proves each of these on PowerShell 7, in more detail:
# ManifestTests, ConnectTests.Connect_OpenCx_Sandbox_works_with_no_key_and_no_network_and_says_it_is_the_sandbox,
# PagingTests, OutputTests.Export_Csv_gives_readable_cells_and_no_dotnet_type_names, CompletionTests.
# What the module's own code decides alone, whatever the edition, it proves there only:
#   ConnectTests                      keys, validation, plain http refused, two connections at once
#   PagingTests, ConsistencyTests     every session once and in order; the requests -First/-Skip send
#   ErrorTests                        reversed dates and every other invalid value; the API's errors
#   OutputTests                       typed objects, the table view, values newer than the spec
#   SpecValuesTests                   every enum-like parameter completes to exactly the spec's values

BeforeAll {
    $script:manifest = Join-Path $PSScriptRoot '../out/OpenCx/OpenCx.psd1'
    Import-Module $script:manifest -Force
}

AfterAll {
    Remove-Module OpenCx -ErrorAction SilentlyContinue
}

Describe 'The built module' {
    It 'passes Test-ModuleManifest' {
        Test-ModuleManifest -Path $script:manifest -ErrorAction Stop | Should -Not -BeNullOrEmpty
    }

    It 'exports exactly its four commands' {
        $names = (Get-Module OpenCx).ExportedCommands.Keys | Sort-Object
        $names | Should -Be @('Connect-OpenCx', 'Disconnect-OpenCx', 'Export-OpenCxSession', 'Get-OpenCxConnection', 'Get-OpenCxSession', 'Get-OpenCxSessionHistory')
    }
}

Describe 'Get-OpenCxSession against the sandbox' {
    BeforeAll {
        Connect-OpenCx -Sandbox

        function Get-Completion([string] $Line) {
            @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches.CompletionText)
        }
    }

    It 'connects to the sandbox and applies the filters it is given' {
        "$(Get-OpenCxConnection)" | Should -BeLike '*sandbox*'
        $sessions = Get-OpenCxSession -Channel email -Status open -First 5
        $sessions.Count | Should -Be 5
        foreach ($session in $sessions) {
            $session.Channel | Should -Be 'email'
            $session.Status | Should -Be 'open'
        }
    }

    It 'stops after -First and skips with -Skip' {
        $all = Get-OpenCxSession -First 30
        $page = Get-OpenCxSession -Skip 10 -First 5
        $page.Id | Should -Be $all[10..14].Id
    }

    It 'exports readable CSV cells, with no .NET type names' {
        $path = Join-Path $TestDrive 'sessions.csv'
        Get-OpenCxSession -First 300 | Export-Csv -Path $path -NoTypeInformation
        $text = Get-Content -Path $path -Raw
        $text | Should -Not -Match 'System\.'
        (Import-Csv -Path $path).Count | Should -Be 300
    }

    It 'narrows the completion of -<Parameter> to what was typed' -TestCases @(
        @{ Parameter = 'Status'; Typed = 'closed_' }
        @{ Parameter = 'Channel'; Typed = 'w' }
    ) {
        # Both complete through the module's completers, which leave out the values already given.
        $all = Get-Completion "Get-OpenCxSession -$Parameter "
        $narrowed = Get-Completion "Get-OpenCxSession -$Parameter $Typed"
        $narrowed.Count | Should -BeGreaterThan 1
        $narrowed.Count | Should -BeLessThan $all.Count
        $narrowed | Should -Be @($all | Where-Object { $_ -like "$Typed*" })
    }
}
