using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OpenCx.Commands.Completion;

/// <summary>
/// Offers nothing for -Id of Get-OpenCxSession: a session id is a UUID that comes from output
/// (a session, a CSV), never typed, and without a completer PowerShell would offer file names.
/// </summary>
public sealed class SessionIdCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters) => Array.Empty<CompletionResult>();
}
