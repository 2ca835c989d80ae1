using System;
using System.Collections;
using System.Management.Automation;

namespace OpenCx.Commands.Validation;

/// <summary>
/// Refuses a filter parameter given no values, or a blank one. The API reads an empty list as
/// "no filter", so a script whose variable came back empty would otherwise read every session.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class ValidateFilterValuesAttribute : ValidateArgumentsAttribute
{
    protected override void Validate(object arguments, EngineIntrinsics engineIntrinsics)
    {
        object? value = arguments is PSObject wrapped ? wrapped.BaseObject : arguments;
        if (value is null)
        {
            throw Refused("is null");
        }

        if (value is IEnumerable values && value is not string)
        {
            int count = 0;
            foreach (object? element in values)
            {
                count++;
                RefuseBlank(element is PSObject item ? item.BaseObject : element);
            }

            if (count == 0)
            {
                throw Refused("is an empty list");
            }

            return;
        }

        RefuseBlank(value);
    }

    private static void RefuseBlank(object? element)
    {
        if (element is null || (element is string text && string.IsNullOrWhiteSpace(text)))
        {
            throw Refused("holds an empty value");
        }
    }

    private static ValidationMetadataException Refused(string problem) => new ValidationMetadataException(
        $"The argument {problem}. An empty filter would match every session, so it is refused: leave the parameter out to read all sessions, or check the variable that should have held the values.");
}
