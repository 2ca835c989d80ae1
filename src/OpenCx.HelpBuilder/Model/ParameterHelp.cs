using System.Collections.Generic;
using System.Linq;
using OpenCx.HelpBuilder.Markdown;

namespace OpenCx.HelpBuilder.Model;

/// <summary>
/// One parameter: what is true of it everywhere (type, aliases, values, default), and how each
/// group of parameter sets uses it (one YAML block each in the markdown).
/// </summary>
internal sealed record ParameterHelp(
    string Name,
    int Line,
    IReadOnlyList<TextBlock> Description,
    string Type,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    string DefaultValue,
    bool AcceptsWildcards,
    IReadOnlyList<ParameterUsage> Usages)
{
    public const string AllParameterSets = "(All)";

    public bool IsSwitch => Type == "SwitchParameter";

    /// <summary>How the parameter is used in <paramref name="parameterSet"/>, or null when it is not part of it.</summary>
    public ParameterUsage? UsageIn(string parameterSet) =>
        Usages.FirstOrDefault(u => u.ParameterSets.Contains(AllParameterSets) || u.ParameterSets.Contains(parameterSet));
}

/// <summary>Required, position and pipeline input of a parameter in the sets one YAML block names.</summary>
internal sealed record ParameterUsage(IReadOnlyList<string> ParameterSets, bool Required, string Position, string PipelineInput)
{
    public bool IsNamed => Position == "Named";
}
