using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using OpenCx.HelpBuilder.Markdown;
using OpenCx.HelpBuilder.Model;

namespace OpenCx.HelpBuilder.Writing;

/// <summary>
/// Writes cmdlet help as MAML, the XML Get-Help reads from <c>en-US/&lt;assembly&gt;.dll-Help.xml</c>,
/// element for element as platyPS's New-ExternalHelp does, so both editions show it the same way.
/// </summary>
internal static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

    public static XDocument Write(IEnumerable<CommandHelp> commands) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(
                Msh + "helpItems",
                new XAttribute("schema", "maml"),
                commands.OrderBy(c => c.Name, StringComparer.Ordinal).Select(CommandElement)));

    private static XElement CommandElement(CommandHelp help)
    {
        int dash = help.Name.IndexOf('-', StringComparison.Ordinal);
        return new XElement(
            Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
            new XElement(
                Command + "details",
                new XElement(Command + "name", help.Name),
                new XElement(Command + "verb", help.Name[..dash]),
                new XElement(Command + "noun", help.Name[(dash + 1)..]),
                new XElement(Maml + "description", Para(InlineText.Plain(help.Synopsis)))),
            new XElement(Maml + "description", Paras(help.Description)),
            new XElement(Command + "syntax", help.Syntax.Select(s => SyntaxItem(help, s))),
            new XElement(Command + "parameters", help.Parameters.Select(p => Parameter(p, p.Usages[0], inSyntax: false))),
            new XElement(Command + "inputTypes", help.Inputs.Select(t => TypeElement("inputType", t))),
            new XElement(Command + "returnValues", help.Outputs.Select(t => TypeElement("returnValue", t))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(help.Notes))),
            new XElement(Command + "examples", help.Examples.Select(Example)),
            new XElement(Command + "relatedLinks", RelatedLinks(help)));
    }

    private static XElement SyntaxItem(CommandHelp help, SyntaxHelp syntax) =>
        new(
            Command + "syntaxItem",
            new XElement(Maml + "name", help.Name),
            syntax.ParameterOrder
                .Select(name => help.Parameters.Single(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                .Select(p => Parameter(p, p.UsageIn(syntax.ParameterSet)!, inSyntax: true)));

    private static XElement Parameter(ParameterHelp parameter, ParameterUsage usage, bool inSyntax)
    {
        // A switch shows as [-Name] in syntax: no value element there.
        bool showValue = !(inSyntax && parameter.IsSwitch);
        return new XElement(
            Command + "parameter",
            new XAttribute("required", usage.Required ? "true" : "false"),
            new XAttribute("variableLength", "true"),
            new XAttribute("globbing", parameter.AcceptsWildcards ? "true" : "false"),
            new XAttribute("pipelineInput", usage.PipelineInput),
            new XAttribute("position", usage.IsNamed ? "named" : usage.Position),
            new XAttribute("aliases", parameter.Aliases.Count == 0 ? "none" : string.Join(", ", parameter.Aliases)),
            new XElement(Maml + "name", parameter.Name),
            new XElement(Maml + "Description", Paras(parameter.Description)),
            parameter.AcceptedValues.Count == 0 ? null : new XElement(
                Command + "parameterValueGroup",
                parameter.AcceptedValues.Select(v => new XElement(
                    Command + "parameterValue",
                    new XAttribute("required", "false"),
                    new XAttribute(Command + "variableLength", "false"),
                    v))),
            showValue
                ? new XElement(
                    Command + "parameterValue",
                    new XAttribute("required", parameter.IsSwitch ? "false" : "true"),
                    new XAttribute("variableLength", "false"),
                    parameter.Type)
                : null,
            new XElement(Dev + "type", new XElement(Maml + "name", parameter.Type), new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue", parameter.DefaultValue));
    }

    private static XElement TypeElement(string element, TypeHelp type) =>
        new(
            Command + element,
            new XElement(Dev + "type", new XElement(Maml + "name", type.Name)),
            new XElement(Maml + "description", Paras(type.Description)));

    private static XElement Example(ExampleHelp example) =>
        new(
            Command + "example",
            new XElement(Maml + "title", $"-------------------------- {example.Title} --------------------------"),
            new XElement(Dev + "code", example.Code),
            new XElement(Dev + "remarks", Paras(example.Remarks)));

    private static IEnumerable<XElement> RelatedLinks(CommandHelp help)
    {
        if (help.OnlineVersion != null)
        {
            yield return Link("Online Version:", help.OnlineVersion);
        }

        foreach (LinkHelp link in help.RelatedLinks)
        {
            yield return Link(link.Text, InlineText.IsExternal(link.Uri) ? link.Uri : string.Empty);
        }
    }

    private static XElement Link(string text, string uri) =>
        new(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));

    private static IEnumerable<XElement> Paras(IEnumerable<TextBlock> blocks)
    {
        var paras = blocks.Select(b => Para(b.Kind == TextBlockKind.ListItem ? $"{b.Marker} {b.Text}" : b.Text)).ToList();
        return paras.Count > 0 ? paras : new List<XElement> { Para(string.Empty) };
    }

    private static XElement Para(string text) => new(Maml + "para", text);
}
