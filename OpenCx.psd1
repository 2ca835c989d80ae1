# The source of the shipped manifest. The build (src/OpenCx.PowerShell/Module.targets) copies it to
# out/OpenCx/ and writes in the two values that exist only there: RootModule, the cmdlet assembly it
# compiles, and ModuleVersion, <Version> from Directory.Build.props. Everything else ships as written,
# with the type and format files it names beside it, so that this file is also a valid manifest where it stands
# (Test-ModuleManifest, and PSScriptAnalyzer's manifest rules in the lint).
@{
    RootModule             = ''
    ModuleVersion          = '0.0.0'
    GUID                   = '5d0b7c52-2f0e-4b8e-9f43-6a1d3c2e9b71'
    Author                 = 'OpenCx contributors'
    CompanyName            = 'OpenCx contributors'
    Copyright              = '(c) OpenCx contributors. MIT licence.'
    Description            = 'Query OpenCX customer-support chat sessions from PowerShell: every filter of the API as a parameter, results streamed page by page, rate limits and faults handled, and an offline sandbox to try it with no key.'
    PowerShellVersion      = '5.1'
    CompatiblePSEditions   = @('Desktop', 'Core')
    TypesToProcess         = @('OpenCx.Types.ps1xml')
    FormatsToProcess       = @('OpenCx.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-OpenCx'
        'Disconnect-OpenCx'
        'Export-OpenCxSession'
        'Get-OpenCxConnection'
        'Get-OpenCxSession'
        'Get-OpenCxSessionHistory'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('OpenCX', 'CustomerSupport', 'Chat', 'Helpdesk', 'API', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://github.com/opencx/OpenCx.PowerShell/blob/main/LICENSE'
            ProjectUri   = 'https://github.com/opencx/OpenCx.PowerShell'
            ReleaseNotes = 'https://github.com/opencx/OpenCx.PowerShell/blob/main/CHANGELOG.md'
        }
    }
}
