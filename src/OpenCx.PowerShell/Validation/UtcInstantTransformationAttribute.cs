using System;
using System.Management.Automation;

namespace OpenCx.Commands.Validation;

/// <summary>
/// Lets a date parameter take a DateTimeOffset (as Get-Date -AsUTC, [datetimeoffset]::Now or
/// another module may give) as well as a DateTime or a string: PowerShell does not convert a
/// DateTimeOffset to a DateTime by itself.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class UtcInstantTransformationAttribute : ArgumentTransformationAttribute
{
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        return value is DateTimeOffset instant ? instant.UtcDateTime : inputData;
    }
}
