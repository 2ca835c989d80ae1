using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OpenCx.Commands.Completion;

/// <summary>
/// Offers for -AssigneeId the assignees of the sessions written in this session, less those
/// already given, and never file names: the API has no list of agents.
/// </summary>
public sealed class AssigneeIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        string typed = CompletionText.Typed(wordToComplete);
        ISet<string> given = GivenValues.Of(parameterName, wordToComplete, commandAst, fakeBoundParameters);
        return SeenValues.ForThisRunspace.Assignees()
            .Select(id => id.ToString(CultureInfo.InvariantCulture))
            .Where(id => id.StartsWith(typed, StringComparison.Ordinal) && !given.Contains(id))
            .Select(id => new CompletionResult(id, id, CompletionResultType.ParameterValue, $"Assignee {id} (seen in this session's sessions)"))
            .ToArray();
    }
}
