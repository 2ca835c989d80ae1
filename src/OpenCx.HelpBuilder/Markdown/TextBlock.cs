namespace OpenCx.HelpBuilder.Markdown;

internal enum TextBlockKind
{
    /// <summary>Running text, as plain text on one line.</summary>
    Paragraph,

    /// <summary>One item of a bulleted or numbered list, as plain text; <see cref="TextBlock.Marker"/> is "-" or "1.".</summary>
    ListItem,

    /// <summary>A code block, kept line for line; <see cref="TextBlock.Language"/> is the language its fence names.</summary>
    Code,
}

/// <summary>One block of markdown body text: what becomes one maml:para or one wrapped paragraph of an about topic.</summary>
internal sealed record TextBlock(TextBlockKind Kind, string Text, int Line, string Marker = "", string Language = "");
