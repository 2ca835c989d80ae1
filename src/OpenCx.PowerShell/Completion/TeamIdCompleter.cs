using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OpenCx.Commands.Completion;

/// <summary>
/// Offers for -TeamId the teams of the sessions written in this session, by id or by name
/// (-TeamId Sup[Tab] completes the id of the team called Support), and never file names.
/// </summary>
public sealed class TeamIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        string typed = CompletionText.Typed(wordToComplete);
        return SeenValues.ForThisRunspace.Teams()
            .Where(team => team.Key.ToString().StartsWith(typed, StringComparison.OrdinalIgnoreCase)
                || team.Value.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .Select(team => new CompletionResult(
                team.Key.ToString(), $"{team.Value} ({team.Key})", CompletionResultType.ParameterValue, $"Team {team.Value}"))
            .ToArray();
    }
}
