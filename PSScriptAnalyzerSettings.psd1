# PSScriptAnalyzer settings for the repository's PowerShell: build.ps1, the Pester tests, the demo
# script and the manifest. The cmdlets are C#, checked by the compiler (warnings as errors) and the
# tests; what is checked here is script that must run on Windows PowerShell 5.1 and PowerShell 7.
#   Invoke-ScriptAnalyzer -Path . -Recurse -Settings ./PSScriptAnalyzerSettings.psd1
@{
    Severity     = @('Error', 'Warning')

    Rules        = @{
        # build.ps1 and the Pester tests run on Windows PowerShell 5.1 as well as PowerShell 7.
        PSUseCompatibleSyntax = @{
            Enable         = $true
            TargetVersions = @('5.1', '7.4')
        }
    }
}
