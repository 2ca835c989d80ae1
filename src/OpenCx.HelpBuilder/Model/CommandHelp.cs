using System.Collections.Generic;
using OpenCx.HelpBuilder.Markdown;

namespace OpenCx.HelpBuilder.Model;

/// <summary>Everything one cmdlet's markdown file says, in the shape of platyPS schema 2.0.0.</summary>
internal sealed record CommandHelp(
    string Name,
    string ExternalHelpFile,
    string? OnlineVersion,
    string Synopsis,
    IReadOnlyList<TextBlock> Description,
    IReadOnlyList<SyntaxHelp> Syntax,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    IReadOnlyList<TextBlock> Notes,
    IReadOnlyList<LinkHelp> RelatedLinks);

/// <summary>One parameter set: its syntax line and the parameters in the order that line gives them.</summary>
internal sealed record SyntaxHelp(string ParameterSet, bool IsDefault, string Text, IReadOnlyList<string> ParameterOrder);

/// <summary>One example: the heading ("Example 1: ..."), the code as users copy it, and what it does.</summary>
internal sealed record ExampleHelp(string Title, string Code, IReadOnlyList<TextBlock> Remarks);

/// <summary>A type under INPUTS or OUTPUTS, and what it means there.</summary>
internal sealed record TypeHelp(string Name, IReadOnlyList<TextBlock> Description);

/// <summary>A related link: a page of these docs (Uri relative) or an address on the web.</summary>
internal sealed record LinkHelp(string Text, string Uri);
