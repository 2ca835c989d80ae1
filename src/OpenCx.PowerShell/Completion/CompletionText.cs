using System.Linq;
using System.Management.Automation.Language;

namespace OpenCx.Commands.Completion;

/// <summary>What the user has typed of a value, and a value as it must be typed.</summary>
internal static class CompletionText
{
    public static string Typed(string? wordToComplete) => (wordToComplete ?? string.Empty).Trim('\'', '"');

    /// <summary>In single quotes when it holds anything but letters, digits, '-', '_' and '.'.</summary>
    public static string Quoted(string value) =>
        value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.')
            ? value
            : "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";
}
