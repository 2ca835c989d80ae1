using System;
using System.Linq;
using System.Text;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace OpenCx.HelpBuilder.Markdown;

/// <summary>
/// Markdown inline markup as a console shows it: code spans and emphasis lose their markers,
/// links keep their text (and their address when it leads off the docs), line breaks become spaces.
/// </summary>
internal static class InlineText
{
    /// <summary>A piece of markdown (a synopsis as written) as plain text.</summary>
    public static string Plain(string markdown) =>
        string.Join(' ', Markdig.Markdown.Parse(markdown).Descendants<LeafBlock>().Select(b => Plain(b.Inline)));

    /// <summary>The children of <paramref name="inlines"/> (a paragraph, a heading, a link's text) as plain text.</summary>
    public static string Plain(ContainerInline? inlines)
    {
        var text = new StringBuilder();
        foreach (Inline inline in inlines ?? Enumerable.Empty<Inline>())
        {
            Append(text, inline);
        }

        return text.ToString();
    }

    public static bool IsExternal(string target) =>
        target.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    private static void Append(StringBuilder text, Inline inline)
    {
        switch (inline)
        {
            case LiteralInline literal:
                text.Append(literal.Content.ToString());
                break;
            case CodeInline code:
                text.Append(code.Content);
                break;
            case LineBreakInline:
                text.Append(' ');
                break;
            case HtmlEntityInline entity:
                text.Append(entity.Transcoded.ToString());
                break;
            case HtmlInline html:
                // Text in angle brackets (List<string>) is no tag to a console: it stays as written.
                text.Append(html.Tag);
                break;
            case AutolinkInline autolink:
                // An address in running text keeps its angle brackets, as a mail header or CSV cell writes it.
                text.Append('<').Append(autolink.Url).Append('>');
                break;
            case LinkInline link:
                text.Append(Plain(link));
                if (!link.IsImage && link.Url != null && IsExternal(link.Url))
                {
                    text.Append(" (").Append(link.Url).Append(')');
                }

                break;
            case ContainerInline container:
                text.Append(Plain(container));
                break;
        }
    }
}
