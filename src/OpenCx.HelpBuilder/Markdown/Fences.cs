using System;
using System.Linq;
using Markdig.Helpers;
using Markdig.Syntax;

namespace OpenCx.HelpBuilder.Markdown;

/// <summary>
/// Fences that were never closed. CommonMark accepts them, but in a help page each one swallows
/// the headings after it, and the page would fail far away for a section it seems to have.
/// </summary>
internal static class Fences
{
    public static void CheckClosed(string path, MarkdownDocument document)
    {
        foreach (FencedCodeBlock fence in document.Descendants<FencedCodeBlock>())
        {
            if (fence.ClosingFencedCharCount == 0)
            {
                throw new HelpFormatException(path, fence.Line + 1, "A fenced code block is not closed.");
            }

            if (InnerFence(fence) is StringLine inner)
            {
                throw new HelpFormatException(path, fence.Line + 1, $"A fenced code block is not closed before line {inner.Line + 1}, which opens another.");
            }
        }
    }

    /// <summary>
    /// A line inside the fence that opens a fence as long as its own, such as the ```yaml of the next
    /// parameter: CommonMark reads it as code, closed by that block's closing ```, but it means the
    /// fence above was never closed. (Code that shows a fence puts a longer fence around it.)
    /// </summary>
    private static StringLine? InnerFence(FencedCodeBlock fence)
    {
        string opening = new(fence.FencedChar, fence.OpeningFencedCharCount);
        foreach (StringLine line in fence.Lines.Lines.Take(fence.Lines.Count))
        {
            string text = line.Slice.ToString();
            string trimmed = text.TrimStart(' ');
            if (text.Length - trimmed.Length <= 3 && trimmed.StartsWith(opening, StringComparison.Ordinal))
            {
                return line;
            }
        }

        return null;
    }
}
