using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OpenCx.Commands.Completion;

/// <summary>
/// Offers nothing for -Tag, on purpose. Sessions do not carry their tags, so no tag is ever seen
/// in the output to offer, and without a completer PowerShell would offer file names: an empty
/// answer (not a null one) tells it there is nothing to complete.
/// </summary>
public sealed class TagCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(
        string commandName,
        string parameterName,
        string wordToComplete,
        CommandAst commandAst,
        IDictionary fakeBoundParameters) => Array.Empty<CompletionResult>();
}
