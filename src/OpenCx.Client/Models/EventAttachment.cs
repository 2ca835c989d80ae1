using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace OpenCx;

/// <summary>A file sent with a message.</summary>
public sealed class EventAttachment
{
    internal EventAttachment(string? id, string? name, double? size, string? type, string? url)
    {
        Id = id;
        Name = name;
        Size = size;
        Type = type;
        Url = url;
    }

    public string? Id { get; }

    public string? Name { get; }

    /// <summary>In bytes.</summary>
    public double? Size { get; }

    /// <summary>The file's media type.</summary>
    public string? Type { get; }

    public string? Url { get; }

    public override string ToString() => Name ?? Url ?? Id ?? string.Empty;
}

/// <summary>The files of a message; as text (a table or CSV cell) their names, separated by "; ".</summary>
public sealed class AttachmentList : ReadOnlyCollection<EventAttachment>
{
    internal static readonly AttachmentList Empty = new(new List<EventAttachment>());

    internal AttachmentList(IList<EventAttachment> attachments)
        : base(attachments)
    {
    }

    public override string ToString() => string.Join("; ", this.Select(a => a.ToString()));
}
