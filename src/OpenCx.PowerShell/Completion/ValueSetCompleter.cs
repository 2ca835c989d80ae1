using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using OpenCx.Commands.Validation;

namespace OpenCx.Commands.Completion;

/// <summary>
/// Offers the values of a parameter's <see cref="ValidateValueSetAttribute"/> that start with what
/// was typed, less those already given to it: -Channel whatsapp,[Tab] does not offer whatsapp.
/// </summary>
public sealed class ValueSetCompleter : IArgumentCompleter
{
    /// <summary>Each value set of this module's cmdlets, by "Verb-Noun:Parameter".</summary>
    private static readonly Dictionary<string, IReadOnlyList<string>> Sets = typeof(ValueSetCompleter).Assembly.GetTypes()
        .Select(type => (Type: type, Cmdlet: type.GetCustomAttribute<CmdletAttribute>()))
        .Where(c => c.Cmdlet is not null)
        .SelectMany(c => c.Type.GetProperties()
            .Select(p => (Key: $"{c.Cmdlet!.VerbName}-{c.Cmdlet.NounName}:{p.Name}", Set: p.GetCustomAttribute<ValidateValueSetAttribute>()))
            .Where(p => p.Set is not null))
        .ToDictionary(p => p.Key, p => p.Set!.ValidValues, StringComparer.OrdinalIgnoreCase);

    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        // The engine names the command as typed when it could not resolve it (OpenCx\Get-OpenCxSession).
        string command = commandName.Substring(commandName.LastIndexOf('\\') + 1);
        if (!Sets.TryGetValue($"{command}:{parameterName}", out IReadOnlyList<string>? values))
        {
            return Array.Empty<CompletionResult>();
        }

        string typed = CompletionText.Typed(wordToComplete);
        ISet<string> given = GivenValues.Of(parameterName, wordToComplete, commandAst, fakeBoundParameters);
        return values
            .Where(value => value.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && !given.Contains(value))
            .OrderBy(value => value, StringComparer.Ordinal)
            .Select(value => new CompletionResult(value, value, CompletionResultType.ParameterValue, value))
            .ToArray();
    }
}
