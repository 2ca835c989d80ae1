using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Xml.Linq;
using OpenCx.Sandbox;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// The one place that knows the spec's closed sets of values: every enum of
/// spec/opencx-filter-sessions.openapi.yaml, read from the file, against every list that restates
/// it (attributes need literals, and the sandbox is an implementation of its own). A value the API
/// adds fails here, naming the list that lacks it.
/// </summary>
public sealed class SpecValuesTests : IClassFixture<SandboxFixture>
{
    /// <summary>The status names in the order of their codes, as the filter's description gives them.</summary>
    private const string StatusCodes = SpecEnums.StatusCodes + " (codes named in its description)";

    /// <summary>The parameters whose values are a spec enum: their ValidateSet (or ValidateValueSet) and their completion.</summary>
    private static readonly Dictionary<string, string> ParameterEnums = new()
    {
        ["Get-OpenCxSession -Channel"] = "SessionChannel",
        ["Get-OpenCxSession -AiClosure"] = "FilterSessionsPublicDto.filters.ai_closure",
        ["Get-OpenCxSession -Sentiment"] = "FilterSessionsPublicDto.filters.sentiment",
        ["Get-OpenCxSession -WaitingOn"] = "FilterSessionsPublicDto.filters.waiting_on",
        ["Get-OpenCxSession -SortBy"] = "FilterSessionsPublicDto.sort_by",
        ["Get-OpenCxSession -SortOrder"] = "FilterSessionsPublicDto.sort_order",
    };

    /// <summary>The sandbox's lists (SpecVocabulary), each in the spec's order, and the enums each must equal.</summary>
    private static readonly Dictionary<string, string[]> SandboxEnums = new()
    {
        ["Channels"] = ["SessionChannel"],
        ["OutputStatuses"] = ["GetChatSessionOutput.status"],
        ["AiClosureTypes"] = ["FilterSessionsPublicDto.filters.ai_closure", "GetChatSessionOutput.ai_closure_type"],
        ["Sentiments"] = ["FilterSessionsPublicDto.filters.sentiment", "GetChatSessionOutput.sentiment", "GetChatSessionOutput.handoff.sentiment"],
        ["WaitingOnFilter"] = ["FilterSessionsPublicDto.filters.waiting_on"],
        ["SortFields"] = ["FilterSessionsPublicDto.sort_by"],
        ["SortOrders"] = ["FilterSessionsPublicDto.sort_order"],
        ["TicketingSystemNames"] = ["GetChatSessionOutput.ticketing_system.name"],
        ["TicketIdTypes"] = ["GetChatSessionOutput.ticketing_system.id_type"],
    };

    /// <summary>The columns of the session table that show a spec value, which must fit the longest.</summary>
    private static readonly Dictionary<string, string> ColumnEnums = new()
    {
        ["Status"] = "GetChatSessionOutput.status",
        ["Channel"] = "SessionChannel",
        ["Sentiment"] = "GetChatSessionOutput.sentiment",
    };

    private readonly SandboxFixture _sandbox;

    public SpecValuesTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    /// <summary>Get-OpenCxSession -Id refuses, before any request, what cannot be a session's id: what the spec says one is.</summary>
    [Fact]
    public void Get_OpenCxSession_Id_checks_ids_against_the_specs_pattern_for_a_session_id() =>
        Assert.Equal(OpenCx.Commands.SessionByIdReading.IdPattern, SpecEnums.PatternAt("GetChatSessionOutput.id"));

    [Fact]
    public void Every_list_of_the_spec_s_values_holds_exactly_the_spec_s_values()
    {
        var spec = new Dictionary<string, IReadOnlyList<string>>(SpecEnums.All) { [StatusCodes] = SpecEnums.StatusNamesByCode() };
        var lists = new List<HeldList>();
        var problems = new List<string>();
        lists.AddRange(CmdletLists(problems));
        lists.AddRange(StatusLists());
        lists.AddRange(SandboxLists(problems));

        foreach (HeldList list in lists)
        {
            problems.AddRange(Compare(list, spec));
        }

        foreach (string unheld in spec.Keys.Except(lists.Select(l => l.SpecEnum)))
        {
            problems.Add($"The spec's {unheld} ({string.Join(", ", spec[unheld])}) is a list that nothing here is held to: add the lists that must offer it to {nameof(SpecValuesTests)}.");
        }

        problems.AddRange(ColumnsTooNarrow(spec));
        Assert.True(problems.Count == 0, $"The lists of the spec's values differ from {RepoPaths.Spec}:\n" + string.Join("\n", problems));
    }

    /// <summary>Every ValidateSet of the exported commands, as the engine sees it, and what completion offers.</summary>
    private IEnumerable<HeldList> CmdletLists(List<string> problems)
    {
        PowerShellRun run = _sandbox.PowerShell.Run("Get-Command -Module OpenCx");
        Assert.Empty(run.Errors);
        foreach (CommandInfo command in run.Objects<CommandInfo>())
        {
            foreach (ParameterMetadata parameter in command.Parameters.Values)
            {
                string name = $"{command.Name} -{parameter.Name}";
                string[] values = AcceptedValues(parameter);
                if (values.Length > 0 && !ParameterEnums.ContainsKey(name))
                {
                    problems.Add($"{name} has a set of values ({string.Join(", ", values)}) that is not held to the spec: name its enum in {nameof(ParameterEnums)}.");
                }
                else if (ParameterEnums.TryGetValue(name, out string? specEnum))
                {
                    yield return new HeldList($"The ValidateSet or ValidateValueSet of {name}", specEnum, values, InSpecOrder: false);
                }
            }
        }

        foreach ((string parameter, string specEnum) in ParameterEnums)
        {
            yield return new HeldList($"Tab completion of {parameter}", specEnum, _sandbox.PowerShell.Complete(parameter + " "), InSpecOrder: false);
        }

        yield return new HeldList("Tab completion of Get-OpenCxSession -Status", "GetChatSessionOutput.status", _sandbox.PowerShell.Complete("Get-OpenCxSession -Status "), InSpecOrder: false);
    }

    /// <summary>A parameter's ValidateSet, or the module's ValidateValueSet (a ValidateSet that leaves completion to a completer).</summary>
    internal static string[] AcceptedValues(ParameterMetadata parameter) =>
        parameter.Attributes.OfType<ValidateSetAttribute>().SelectMany(v => v.ValidValues)
            .Concat(parameter.Attributes.OfType<OpenCx.Commands.Validation.ValidateValueSetAttribute>().SelectMany(v => v.ValidValues))
            .ToArray();

    /// <summary>The module's one definition of the status codes (a name's index is its code), and the sandbox's own.</summary>
    private static IEnumerable<HeldList> StatusLists()
    {
        yield return new HeldList("SessionStatuses.Names (index = code)", StatusCodes, SessionStatuses.Names, InSpecOrder: true);
        yield return new HeldList("SessionStatuses.Names", "GetChatSessionOutput.status", SessionStatuses.Names, InSpecOrder: false);

        Type sandboxStatus = SandboxType("OpenCx.Sandbox.Data.SessionStatus");
        MethodInfo outputName = sandboxStatus.GetMethod("OutputName", BindingFlags.Public | BindingFlags.Static)!;
        string[] sandboxNames = Enumerable.Range(0, SpecEnums.StatusNamesByCode().Count)
            .Select(code => (string)outputName.Invoke(null, [(long)code])!)
            .ToArray();
        yield return new HeldList("The sandbox's SessionStatus.OutputName(0, 1, 2...)", StatusCodes, sandboxNames, InSpecOrder: true);
    }

    /// <summary>The sandbox engine's SpecVocabulary: every list in it, each held to the spec in the spec's order.</summary>
    private static IEnumerable<HeldList> SandboxLists(List<string> problems)
    {
        foreach (FieldInfo field in SandboxType("OpenCx.Sandbox.SpecVocabulary").GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var values = (IReadOnlyList<string>)field.GetValue(null)!;
            if (!SandboxEnums.TryGetValue(field.Name, out string[]? specEnums))
            {
                problems.Add($"The sandbox's SpecVocabulary.{field.Name} is not held to the spec: name its enums in {nameof(SandboxEnums)}.");
                continue;
            }

            foreach (string specEnum in specEnums)
            {
                yield return new HeldList($"The sandbox's SpecVocabulary.{field.Name}", specEnum, values, InSpecOrder: true);
            }
        }
    }

    /// <summary>The default table of OpenCx.Format.ps1xml, as built: a column too narrow for a spec value cuts it off.</summary>
    private static IEnumerable<string> ColumnsTooNarrow(IReadOnlyDictionary<string, IReadOnlyList<string>> spec)
    {
        var format = XDocument.Load(Path.Combine(RepoPaths.ModuleFolder, "OpenCx.Format.ps1xml"));
        XElement table = format.Descendants("View").Single(v => (string?)v.Element("Name") == "OpenCx.ChatSession").Element("TableControl")!;
        XElement[] headers = table.Element("TableHeaders")!.Elements("TableColumnHeader").ToArray();
        XElement[] items = table.Descendants("TableColumnItem").ToArray();
        foreach ((string property, string specEnum) in ColumnEnums)
        {
            int column = Array.FindIndex(items, i => (string?)i.Element("PropertyName") == property);
            if (column < 0)
            {
                yield return $"OpenCx.Format.ps1xml's session table has no {property} column any more: take it out of {nameof(ColumnEnums)}.";
                continue;
            }

            int width = (int)headers[column].Element("Width")!;
            foreach (string value in spec[specEnum].Where(v => v.Length > width))
            {
                yield return $"OpenCx.Format.ps1xml's {property} column is {width} wide; the spec's {specEnum} value '{value}' needs {value.Length}.";
            }
        }
    }

    private static IEnumerable<string> Compare(HeldList list, IReadOnlyDictionary<string, IReadOnlyList<string>> spec)
    {
        IReadOnlyList<string> expected = spec[list.SpecEnum];
        foreach (string missing in expected.Except(list.Values, StringComparer.Ordinal))
        {
            yield return $"{list.Name} lacks '{missing}', which the spec's {list.SpecEnum} has.";
        }

        foreach (string extra in list.Values.Except(expected, StringComparer.Ordinal))
        {
            yield return $"{list.Name} has '{extra}', which the spec's {list.SpecEnum} does not.";
        }

        if (list.Values.Count != list.Values.Distinct(StringComparer.Ordinal).Count())
        {
            yield return $"{list.Name} names a value twice: {string.Join(", ", list.Values)}.";
        }

        if (list.InSpecOrder && expected.Count == list.Values.Count && !expected.SequenceEqual(list.Values, StringComparer.Ordinal))
        {
            yield return $"{list.Name} is {string.Join(", ", list.Values)}, not in the order of the spec's {list.SpecEnum}: {string.Join(", ", expected)}.";
        }
    }

    private static Type SandboxType(string name) => typeof(SandboxEngine).Assembly.GetType(name, throwOnError: true)!;

    private sealed record HeldList(string Name, string SpecEnum, IReadOnlyList<string> Values, bool InSpecOrder);
}
