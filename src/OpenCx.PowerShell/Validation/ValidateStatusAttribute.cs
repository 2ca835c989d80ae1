using System;
using System.Globalization;
using System.Management.Automation;

namespace OpenCx.Commands.Validation;

/// <summary>Accepts a status name (<see cref="SessionStatuses.Names"/>) or a non-negative custom status id.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateStatusAttribute : ValidateEnumeratedArgumentsAttribute
{
    protected override void ValidateElement(object element)
    {
        object value = element is PSObject wrapped ? wrapped.BaseObject : element;
        string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        if (!SessionStatuses.TryParse(text, out _))
        {
            throw new ValidationMetadataException(
                $"'{text}' is not a status. Use {string.Join(", ", SessionStatuses.Names)}, or the integer id of a custom status (0 or more).");
        }
    }
}
