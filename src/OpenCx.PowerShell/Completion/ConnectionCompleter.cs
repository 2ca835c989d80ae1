using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OpenCx.Commands.Completion;

/// <summary>
/// Offers for -Connection the variables that hold a connection (<c>$prod = Connect-OpenCx -PassThru</c>),
/// and nothing else: never file names, which no connection is.
/// </summary>
public sealed class ConnectionCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters)
    {
        string typed = CompletionText.Typed(wordToComplete).TrimStart('$');
        using var shell = PowerShell.Create(RunspaceMode.CurrentRunspace);
        shell.AddCommand("Microsoft.PowerShell.Utility\\Get-Variable");
        return shell.Invoke<PSVariable>()
            .Where(variable => (variable.Value is PSObject wrapped ? wrapped.BaseObject : variable.Value) is OpenCxConnection
                && variable.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            .OrderBy(variable => variable.Name, StringComparer.OrdinalIgnoreCase)
            .Select(variable => new CompletionResult(
                VariableReference(variable.Name),
                "$" + variable.Name,
                CompletionResultType.Variable,
                (variable.Value is PSObject wrapped ? wrapped.BaseObject : variable.Value)!.ToString()))
            .ToArray();
    }

    private static string VariableReference(string name) =>
        name.All(c => char.IsLetterOrDigit(c) || c == '_') ? "$" + name : "${" + name.Replace("}", "`}") + "}";
}
