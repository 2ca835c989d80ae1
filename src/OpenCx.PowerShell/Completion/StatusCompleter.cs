using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OpenCx.Commands.Completion;

/// <summary>
/// Offers the named statuses for -Status, less those already given (by name or code). A
/// ValidateSet cannot, because custom status ids (any integer) are valid too.
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
        string typed = CompletionText.Typed(wordToComplete);
        var given = new HashSet<long>(GivenValues.Of(parameterName, wordToComplete, commandAst, fakeBoundParameters)
            .Select(text => SessionStatuses.TryParse(text, out long code) ? code : -1));
        var results = new List<CompletionResult>();
        for (int code = 0; code < SessionStatuses.Names.Count; code++)
        {
            string name = SessionStatuses.Names[code];
            if (name.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && !given.Contains(code))
            {
                results.Add(new CompletionResult(name, name, CompletionResultType.ParameterValue, $"{name} (status code {code})"));
            }
        }

        return results;
    }
}
