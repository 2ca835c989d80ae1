#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# The main scenarios of the xunit suite (tests/OpenCx.Tests), on a real pwsh or Windows PowerShell
# against the in-process sandbox. Run by ./build.ps1 -Task Test after the build.

# The one place a key is made from plain text: a made-up key the module must refuse before sending
# it anywhere. PSScriptAnalyzerSettings.psd1 keeps the rule on for every other file.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSAvoidUsingConvertToSecureStringWithPlainText', '',
    Justification = 'A made-up key for a connection the module refuses before any request.')]
param()

BeforeAll {
    $script:manifest = Join-Path $PSScriptRoot '../out/OpenCx/OpenCx.psd1'
    Import-Module $script:manifest -Force
}

AfterAll {
    Remove-Module OpenCx -ErrorAction SilentlyContinue
}

Describe 'The built module' {
    It 'passes Test-ModuleManifest' {
        Test-ModuleManifest -Path $script:manifest | Should -Not -BeNullOrEmpty
    }

    It 'exports exactly its four commands' {
        $names = (Get-Module OpenCx).ExportedCommands.Keys | Sort-Object
        $names | Should -Be @('Connect-OpenCx', 'Disconnect-OpenCx', 'Get-OpenCxConnection', 'Get-OpenCxSession')
    }
}

Describe 'Connect-OpenCx' {
    It 'says plainly that -Sandbox is the sandbox' {
        Connect-OpenCx -Sandbox
        $connection = Get-OpenCxConnection
        $connection.IsSandbox | Should -BeTrue
        "$connection" | Should -BeLike '*sandbox*'
    }

    It 'refuses to send a key over plain http to a host that is not loopback' {
        $key = ConvertTo-SecureString 'not-a-real-key' -AsPlainText -Force
        $err = { Connect-OpenCx -BaseUri 'http://api.example.com' -ApiKey $key -SkipValidation } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OpenCxInvalidBaseUri,*'
        $err.Exception.Message | Should -Not -BeLike '*not-a-real-key*'
    }
}

Describe 'Get-OpenCxSession against the sandbox' {
    BeforeAll {
        Connect-OpenCx -Sandbox
    }

    It 'applies the filters it is given' {
        $sessions = Get-OpenCxSession -Channel email -Status open -First 5
        $sessions.Count | Should -Be 5
        foreach ($session in $sessions) {
            $session.Channel | Should -Be 'email'
            $session.Status | Should -Be 'open'
        }
    }

    It 'writes every session once across pages' {
        $sessions = Get-OpenCxSession -PageSize 100
        $sessions.Count | Should -BeGreaterThan 1000
        @($sessions.Id | Sort-Object -Unique).Count | Should -Be $sessions.Count
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

    It 'fails before any request when -CreatedAfter is later than -CreatedBefore' {
        $err = { Get-OpenCxSession -CreatedAfter (Get-Date) -CreatedBefore (Get-Date).AddDays(-1) } | Should -Throw -PassThru
        $err.FullyQualifiedErrorId | Should -BeLike 'OpenCxDateRangeReversed,*'
    }

    It 'completes -Channel and -Status' {
        $line = 'Get-OpenCxSession -Channel wh'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Contain 'whatsapp'
        $line = 'Get-OpenCxSession -Status closed_'
        (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText | Should -Be @('closed_resolved', 'closed_unresolved')
    }
}
