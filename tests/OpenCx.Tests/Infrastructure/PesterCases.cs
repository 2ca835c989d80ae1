using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// The It blocks of tests/*.Tests.ps1, found with PowerShell's own parser: one xunit case each,
/// so that dotnet test counts them. An It with -ForEach or -TestCases is one case that holds
/// every test Pester makes of it. A case is known by its file and the line of its It, as Pester
/// reports each test (StartLine).
/// </summary>
public static class PesterCases
{
    public static IEnumerable<object[]> All() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Root, "tests"), "*.Tests.ps1")
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(Find)
            .Select(c => new object[] { c.File, c.Line, c.Name });

    public static IEnumerable<(string File, int Line, string Name)> Find(string path)
    {
        ScriptBlockAst ast = Parser.ParseFile(path, out _, out ParseError[] errors);
        if (errors.Length > 0)
        {
            throw new InvalidOperationException($"{path} does not parse: {errors[0].Extent.StartLineNumber}: {errors[0].Message}");
        }

        string file = Path.GetFileName(path);
        foreach (CommandAst it in ast.FindAll(a => a is CommandAst c && IsNamed(c, "It"), searchNestedScriptBlocks: true).Cast<CommandAst>())
        {
            IEnumerable<string> blocks = Ancestors(it).Where(c => IsNamed(c, "Describe") || IsNamed(c, "Context")).Reverse().Select(NameOf);
            yield return (file, it.Extent.StartLineNumber, string.Join(" / ", blocks.Append(NameOf(it))));
        }
    }

    private static bool IsNamed(CommandAst command, string name) => string.Equals(command.GetCommandName(), name, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<CommandAst> Ancestors(Ast ast)
    {
        for (Ast? parent = ast.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is CommandAst command)
            {
                yield return command;
            }
        }
    }

    /// <summary>The block's name as written: its first positional argument, or -Name.</summary>
    private static string NameOf(CommandAst command)
    {
        IReadOnlyList<CommandElementAst> elements = command.CommandElements;
        for (int i = 1; i < elements.Count; i++)
        {
            if (elements[i] is CommandParameterAst parameter)
            {
                if (parameter.ParameterName.Equals("Name", StringComparison.OrdinalIgnoreCase) && i + 1 < elements.Count)
                {
                    return Text(elements[i + 1]);
                }

                // A switch takes no argument; every other parameter of It/Describe takes the next element.
                if (parameter.Argument is null && i + 1 < elements.Count && elements[i + 1] is not CommandParameterAst && !IsSwitch(parameter))
                {
                    i++;
                }

                continue;
            }

            return Text(elements[i]);
        }

        return "";
    }

    private static bool IsSwitch(CommandParameterAst parameter) =>
        new[] { "Skip", "Pending", "Focus" }.Contains(parameter.ParameterName, StringComparer.OrdinalIgnoreCase);

    private static string Text(CommandElementAst element) => element is StringConstantExpressionAst s ? s.Value
        : element is ExpandableStringExpressionAst e ? e.Value
        : element.Extent.Text;
}
