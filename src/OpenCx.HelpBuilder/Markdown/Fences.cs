using Markdig.Syntax;

namespace OpenCx.HelpBuilder.Markdown;

/// <summary>
/// Fences that were never closed. CommonMark accepts one, but in a help page it swallows the
/// headings after it, and the page would fail far away for a section it seems to have.
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
        }
    }
}
