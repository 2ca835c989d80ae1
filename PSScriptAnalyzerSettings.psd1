# PSScriptAnalyzer settings for the repository's PowerShell: build.ps1, the Pester tests, the demo
# script and the manifest. The cmdlets are C#, checked by the compiler (warnings as errors) and the
# tests; what is checked here is script that must run on Windows PowerShell 5.1 and PowerShell 7.
#   ./build.ps1 -Task Lint    (what CI runs: every such file git has, these settings)
@{
    # ParseError too: a script that does not parse is reported with that severity, not as an Error.
    Severity     = @('ParseError', 'Error', 'Warning')

    # No rule is excluded for the whole repository: where a rule does not apply, the file says so
    # with a SuppressMessageAttribute and a justification, so that the rule still catches the same
    # thing anywhere else. (No script makes a key from plain text today.)

    Rules        = @{
        # build.ps1 and the Pester tests run on Windows PowerShell 5.1 as well as PowerShell 7.
        PSUseCompatibleSyntax = @{
            Enable         = $true
            TargetVersions = @('5.1', '7.4')
        }
    }
}
