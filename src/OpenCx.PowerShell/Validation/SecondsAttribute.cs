using System;
using System.Management.Automation;

namespace OpenCx.Commands.Validation;

/// <summary>
/// For the -…Sec parameters: a time span is refused with a message that asks for seconds, rather
/// than a conversion error about Int32. The old -RateLimitWindow took a time span, and
/// PowerShell binds -RateLimitWindow to -RateLimitWindowSec as a prefix, so old scripts land here.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecondsAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        object value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        if (value is TimeSpan || (value is string text && text.IndexOf(':') >= 0))
        {
            throw new ArgumentTransformationMetadataException(
                $"'{value}' is a time span, but this parameter takes a number of seconds: for one minute, give 60.");
        }

        return inputData;
    }
}
