using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OpenCx.Commands.Completion;

/// <summary>
/// Offers the named statuses for -Status. A ValidateSet cannot, because custom status ids
/// (any integer) are valid too.
/// </summary>
public sealed class StatusCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
        for (int code = 0; code < SessionStatuses.Names.Count; code++)
        {
            string name = SessionStatuses.Names[code];
            if (name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            {
                yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, $"{name} (status code {code})");
            }
        }
    }
}
