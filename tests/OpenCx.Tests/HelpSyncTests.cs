using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using OpenCx.HelpBuilder.Model;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// docs/en-US against the cmdlets as the engine sees them (Get-Command): no parameter missing or
/// stale, and type, sets, aliases, values, defaults and pipeline input as the code has them.
/// When a cmdlet changes, these say what to change in its markdown.
/// </summary>
[Collection(SoloCollection.Name)]
public sealed class HelpSyncTests : IClassFixture<ModuleSession>
{
    /// <summary>Parameters whose property is null by default and whose documented default is what null means.</summary>
    private static readonly Dictionary<string, string> NullMeans = new()
    {
        ["Get-OpenCxSession -SortBy"] = "created_at",
        ["Get-OpenCxSession -SortOrder"] = "desc",
    };

    private readonly ModuleSession _powerShell;

    public HelpSyncTests(ModuleSession powerShell)
    {
        _powerShell = powerShell;
    }


    [Fact]
    public void Every_exported_command_has_a_page_and_every_page_a_command()
    {
        IEnumerable<string> exported = _powerShell.Run("(Get-Module OpenCx).ExportedCommands.Keys").Output.Select(o => o.ToString());

        Assert.Equal(exported.OrderBy(n => n, StringComparer.Ordinal), HelpDocs.Commands().Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(HelpDocs.CommandNames), MemberType = typeof(HelpDocs))]
    public void The_markdown_documents_exactly_the_real_parameters(string command)
    {
        CmdletInfo cmdlet = Cmdlet(command);
        CommandHelp help = HelpDocs.Command(command);
        var problems = new List<string>();

        var real = cmdlet.Parameters.Values.Where(p => !IsCommon(p.Name)).ToList();
        problems.AddRange(real.Where(p => Documented(help, p.Name) is null).Select(p => $"-{p.Name} is not documented."));
        problems.AddRange(help.Parameters.Where(d => real.All(p => p.Name != d.Name)).Select(d => $"-{d.Name} is documented but the cmdlet has no such parameter."));
        foreach (ParameterMetadata parameter in real)
        {
            if (Documented(help, parameter.Name) is ParameterHelp doc)
            {
                problems.AddRange(Compare(cmdlet, parameter, doc).Select(p => $"-{parameter.Name}: {p}"));
            }
        }

        Assert.True(problems.Count == 0, $"docs/en-US/{command}.md is out of date:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(HelpDocs.CommandNames), MemberType = typeof(HelpDocs))]
    public void The_markdown_syntax_is_what_Get_Command_shows(string command)
    {
        CmdletInfo cmdlet = Cmdlet(command);

        Assert.Equal(
            cmdlet.ParameterSets.Select(s => (s.Name, s.IsDefault, $"{command} {s}")),
            HelpDocs.Command(command).Syntax.Select(s => (s.ParameterSet, s.IsDefault, s.Text)));
    }

    [Fact]
    public void The_module_page_lists_every_command_with_its_synopsis_and_the_manifest_GUID()
    {
        string page = File.ReadAllText(HelpDocs.ModulePage).Replace("\r\n", "\n", StringComparison.Ordinal);
        IEnumerable<(string, string)> listed = Regex.Matches(page, @"\n### \[([^\]]+)\]\([^)]+\)\n([^\n]+)").Select(m => (m.Groups[1].Value, m.Groups[2].Value));
        string guid = _powerShell.Run("(Get-Module OpenCx).Guid.ToString()").Output[0].ToString();

        Assert.Equal(HelpDocs.Commands().Select(c => (c.Name, c.Synopsis)), listed);
        Assert.Contains($"\nModule Guid: {guid}\n", page, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Compare(CmdletInfo cmdlet, ParameterMetadata parameter, ParameterHelp doc)
    {
        string type = TypeName(parameter.ParameterType);
        if (doc.Type != type)
        {
            yield return $"Type is {type}, not {doc.Type}.";
        }

        if (!parameter.Aliases.OrderBy(a => a).SequenceEqual(doc.Aliases.OrderBy(a => a)))
        {
            yield return $"Aliases are '{string.Join(", ", parameter.Aliases)}', not '{string.Join(", ", doc.Aliases)}'.";
        }

        string[] values = SpecValuesTests.AcceptedValues(parameter);
        if (!values.SequenceEqual(doc.AcceptedValues))
        {
            yield return $"Accepted values are '{string.Join(", ", values)}', not '{string.Join(", ", doc.AcceptedValues)}'.";
        }

        bool wildcards = parameter.Attributes.OfType<SupportsWildcardsAttribute>().Any();
        if (wildcards != doc.AcceptsWildcards)
        {
            yield return $"Accept wildcard characters is {wildcards}, not {doc.AcceptsWildcards}.";
        }

        if (DefaultValue(cmdlet, parameter) is string expected && expected != doc.DefaultValue)
        {
            yield return $"Default value is {expected}, not {doc.DefaultValue}.";
        }

        foreach (CommandParameterSetInfo set in cmdlet.ParameterSets)
        {
            CommandParameterInfo? real = set.Parameters.FirstOrDefault(p => p.Name == parameter.Name);
            ParameterUsage? usage = doc.UsageIn(set.Name);
            if (real is null || usage is null)
            {
                if (real != null || usage != null)
                {
                    yield return real is null
                        ? $"Parameter Sets names '{set.Name}', which it is not part of."
                        : $"Parameter Sets leaves out '{set.Name}'.";
                }

                continue;
            }

            string position = real.Position == int.MinValue ? "Named" : real.Position.ToString(CultureInfo.InvariantCulture);
            string pipeline = PipelineInput(real);
            if (usage.Required != real.IsMandatory || usage.Position != position || usage.PipelineInput != pipeline)
            {
                yield return $"in set '{set.Name}': Required {real.IsMandatory}, Position {position}, Accept pipeline input {pipeline}; "
                    + $"the markdown says {usage.Required}, {usage.Position}, {usage.PipelineInput}.";
            }
        }
    }

    /// <summary>The type as platyPS names it: short name, nullable value types as their value type.</summary>
    private static string TypeName(Type type)
    {
        Type plain = Nullable.GetUnderlyingType(type) ?? type;
        return plain.IsArray ? TypeName(plain.GetElementType()!) + "[]" : plain.Name;
    }

    private static string PipelineInput(CommandParameterInfo parameter) =>
        (parameter.ValueFromPipelineByPropertyName, parameter.ValueFromPipeline) switch
        {
            (true, true) => "True (ByPropertyName, ByValue)",
            (true, false) => "True (ByPropertyName)",
            (false, true) => "True (ByValue)",
            _ => "False",
        };

    /// <summary>What a new instance of the cmdlet holds, formatted as the markdown writes it; null when the cmdlet has no property for it.</summary>
    private static string? DefaultValue(CmdletInfo cmdlet, ParameterMetadata parameter)
    {
        PropertyInfo? property = cmdlet.ImplementingType.GetProperty(parameter.Name);
        if (property is null)
        {
            return null;
        }

        object instance = Activator.CreateInstance(cmdlet.ImplementingType)!;
        try
        {
            return property.GetValue(instance) switch
            {
                null => NullMeans.GetValueOrDefault($"{cmdlet.Name} -{parameter.Name}", "None"),
                SwitchParameter flag => flag.IsPresent ? "True" : "False",
                IFormattable value => value.ToString(null, CultureInfo.InvariantCulture),
                object value => value.ToString(),
            };
        }
        finally
        {
            (instance as IDisposable)?.Dispose();
        }
    }

    private static ParameterHelp? Documented(CommandHelp help, string name) =>
        help.Parameters.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    private static bool IsCommon(string name) =>
        System.Management.Automation.Cmdlet.CommonParameters.Contains(name) || System.Management.Automation.Cmdlet.OptionalCommonParameters.Contains(name);

    private CmdletInfo Cmdlet(string name) =>
        (CmdletInfo)_powerShell.Run($"Get-Command -Name {name} -Module OpenCx").Output.Single().BaseObject;
}
