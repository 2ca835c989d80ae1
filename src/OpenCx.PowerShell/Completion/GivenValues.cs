using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace OpenCx.Commands.Completion;

/// <summary>The values already given to the parameter being completed, which a list of values does not offer again.</summary>
internal static class GivenValues
{
    public static ISet<string> Of(string parameterName, string? wordToComplete, CommandAst commandAst, IDictionary? fakeBoundParameters)
    {
        var given = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (fakeBoundParameters is not null && fakeBoundParameters.Contains(parameterName))
        {
            // -Channel whatsapp,w[Tab]: bound as whatsapp and w, the word being completed last.
            List<string> bound = Texts(fakeBoundParameters[parameterName]);
            if (bound.Count > 0 && string.Equals(bound[bound.Count - 1], CompletionText.Typed(wordToComplete), StringComparison.OrdinalIgnoreCase))
            {
                bound.RemoveAt(bound.Count - 1);
            }

            given.UnionWith(bound);
            return given;
        }

        // -Channel whatsapp,[Tab] does not parse, so nothing is bound: the values are in the
        // unfinished list, which the parser keeps as an error expression.
        foreach (Ast unfinished in commandAst.FindAll(a => a is ErrorExpressionAst && a.Extent.Text.TrimEnd().EndsWith(",", StringComparison.Ordinal), searchNestedScriptBlocks: false))
        {
            given.UnionWith(unfinished.FindAll(a => a is StringConstantExpressionAst, searchNestedScriptBlocks: false)
                .Select(a => ((StringConstantExpressionAst)a).Value));
        }

        return given;
    }

    private static List<string> Texts(object? bound)
    {
        object? value = bound is PSObject wrapped ? wrapped.BaseObject : bound;
        IEnumerable values = value is IEnumerable list && value is not string ? list : new[] { value };
        return values.Cast<object?>()
            .Select(v => v is PSObject item ? item.BaseObject : v)
            .Where(v => v is not null)
            .Select(v => LanguagePrimitives.ConvertTo<string>(v))
            .ToList();
    }
}
