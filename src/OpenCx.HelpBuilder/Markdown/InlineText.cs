using System.Text;
using System.Text.RegularExpressions;

namespace OpenCx.HelpBuilder.Markdown;

/// <summary>
/// Markdown inline markup as a console shows it: code spans and emphasis lose their markers,
/// links keep their text (and their address when it leads off the docs).
/// </summary>
internal static partial class InlineText
{
    public static string Plain(string markdown)
    {
        var text = new StringBuilder(markdown.Length);
        int at = 0;
        foreach (Match code in CodeSpan().Matches(markdown))
        {
            text.Append(Unmark(markdown[at..code.Index]));
            text.Append(code.Groups[1].Value);
            at = code.Index + code.Length;
        }

        text.Append(Unmark(markdown[at..]));
        return text.ToString();
    }

    private static string Unmark(string text)
    {
        text = Link().Replace(text, m => IsExternal(m.Groups[2].Value) ? $"{m.Groups[1].Value} ({m.Groups[2].Value})" : m.Groups[1].Value);
        text = Strong().Replace(text, "$1");
        text = Emphasis().Replace(text, "$1");
        return Escape().Replace(text, "$1");
    }

    public static bool IsExternal(string target) =>
        target.StartsWith("http://", System.StringComparison.OrdinalIgnoreCase)
        || target.StartsWith("https://", System.StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"\\([\\`*_{}\[\]()#+\-.!<>|])")]
    private static partial Regex Escape();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(?=\S)(.+?)(?<=\S)\*\*")]
    private static partial Regex Strong();

    [GeneratedRegex(@"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])")]
    private static partial Regex Emphasis();
}
