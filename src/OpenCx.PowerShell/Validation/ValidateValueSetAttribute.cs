using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using OpenCx.Commands.Completion;

namespace OpenCx.Commands.Validation;

/// <summary>
/// ValidateSet's check without its completion, for a parameter that takes several values.
/// PowerShell completes a ValidateSet parameter from the set itself, before any completer, and so
/// offers again the values already given (-Channel whatsapp,[Tab] offered whatsapp);
/// <see cref="ValueSetCompleter"/> completes these, leaving those out.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateValueSetAttribute : ValidateEnumeratedArgumentsAttribute
{
    public ValidateValueSetAttribute(params string[] validValues)
    {
        ValidValues = validValues;
    }

    /// <summary>The values, as the attribute gives them; any case is accepted.</summary>
    public IReadOnlyList<string> ValidValues { get; }

    protected override void ValidateElement(object element)
    {
        object value = element is PSObject wrapped ? wrapped.BaseObject : element;
        string text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        if (!ValidValues.Contains(text, StringComparer.OrdinalIgnoreCase))
        {
            throw new ValidationMetadataException(
                $"The argument \"{text}\" is not one of {string.Join(", ", ValidValues)}. Give one of them (Tab completes them).");
        }
    }
}
