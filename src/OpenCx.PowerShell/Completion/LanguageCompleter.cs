using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OpenCx.Commands.Completion;

/// <summary>
/// Offers for -Language the languages of the sessions written in this session, less those already
/// given, and never file names, which PowerShell offers for any parameter without a completer.
/// </summary>
public sealed class LanguageCompleter : IArgumentCompleter
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
        return SeenValues.ForThisRunspace.Languages()
            .Where(language => language.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && !given.Contains(language))
            .Select(language => new CompletionResult(
                CompletionText.Quoted(language), language, CompletionResultType.ParameterValue, $"{language} (seen in this session's sessions)"))
            .ToArray();
    }
}
