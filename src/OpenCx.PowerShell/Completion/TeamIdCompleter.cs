using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OpenCx.Commands.Completion;

/// <summary>
/// Offers for -TeamId the teams of the sessions written in this session, by name or by id, less
/// those already given, and never file names. -TeamId Bil[Tab] inserts the id of the team called
/// Billing followed by its name in a comment (<c>994cd293-… &lt;#Billing#&gt;</c>), so that the
/// command line says which team the id is.
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
        ISet<string> given = GivenValues.Of(parameterName, wordToComplete, commandAst, fakeBoundParameters);
        return SeenValues.ForThisRunspace.Teams()
            .Where(team => (team.Key.ToString().StartsWith(typed, StringComparison.OrdinalIgnoreCase)
                    || team.Value.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                && !given.Contains(team.Key.ToString()))
            .Select(team => new CompletionResult(
                $"{team.Key} <#{Comment(team.Value)}#>", $"{team.Value} ({team.Key})", CompletionResultType.ParameterValue, $"Team {team.Value}, id {team.Key}"))
            .ToArray();
    }

    /// <summary>The name as the text of a block comment: it cannot end the comment early or break the line.</summary>
    private static string Comment(string name) =>
        new string(name.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Replace("#>", "# >");
}
