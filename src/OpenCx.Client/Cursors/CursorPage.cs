using System.Collections.Generic;

namespace OpenCx.Client.Cursors;

/// <summary>What one request of a <see cref="CursorWalk{TItem}"/> brought, and where the walk stands after it.</summary>
/// <typeparam name="TItem">What the endpoint lists.</typeparam>
public sealed class CursorPage<TItem>
{
    internal CursorPage(IReadOnlyList<TItem> items, string? cursor, string? next, int repeated, int number)
    {
        Items = items;
        Cursor = cursor;
        Next = next;
        Repeated = repeated;
        Number = number;
    }

    /// <summary>The items not written before in this walk, in the server's order.</summary>
    public IReadOnlyList<TItem> Items { get; }

    /// <summary>The cursor this page was asked for with; null for the first page.</summary>
    public string? Cursor { get; }

    /// <summary>The position after this page: the cursor to ask for next, null when the walk is over.</summary>
    public string? Next { get; }

    /// <summary>Items of this page dropped because the walk had already returned them (a cursor that shifted).</summary>
    public int Repeated { get; }

    /// <summary>1 for the first page of the walk, 2 for the next...</summary>
    public int Number { get; }

    /// <summary>True when no request follows.</summary>
    public bool IsLast => Next is null;
}
