using System;
using System.Collections.Generic;

namespace OpenCx.Client.Cursors;

/// <summary>One answer of a cursor endpoint as the server sent it: its items and its <c>next</c>.</summary>
/// <typeparam name="TItem">What the endpoint lists (sessions, history events).</typeparam>
public sealed class CursorResponse<TItem>
{
    public CursorResponse(IReadOnlyList<TItem> items, string? next)
    {
        Items = items ?? throw new ArgumentNullException(nameof(items));
        Next = next;
    }

    public IReadOnlyList<TItem> Items { get; }

    /// <summary>The cursor of the next page; null (or empty) when there is no more.</summary>
    public string? Next { get; }
}
