<#
.SYNOPSIS
    Tries the built module against the in-process sandbox: no API key, no network.
.DESCRIPTION
    Run by `dotnet run --project src/OpenCx.Demo` (any machine with the .NET SDK) and by
    `./build.ps1 -Task Demo` (pwsh). Both import the module from out/OpenCx, as a user would.
#>
param(
    [string] $ModulePath = "$PSScriptRoot/../../out/OpenCx/OpenCx.psd1"
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

Connect-OpenCx -Sandbox
Get-OpenCxConnection

'Open sessions on email or WhatsApp, newest first:'
Get-OpenCxSession -Status open -Channel email, whatsapp -First 8 | Format-Table

'Sentiment of the sessions created in the last 30 days:'
Get-OpenCxSession -CreatedAfter (Get-Date).AddDays(-30) |
    Group-Object -Property Sentiment -NoElement |
    Sort-Object -Property Count -Descending |
    Format-Table -AutoSize
