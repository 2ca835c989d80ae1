using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;

namespace OpenCx.Client.Cursors;

/// <summary>
/// Follows an opaque <c>next</c> cursor until it is null, one page per call to
/// <see cref="NextAsync"/>: the one way the module reads a cursor endpoint (the list of sessions,
/// a session's history).
/// </summary>
/// <remarks>
/// The API does not say whether a cursor stays put while the data changes. So the walk remembers
/// the ids it returned and drops them when a page brings them again, and it stops with an
/// <see cref="OpenCxException"/> (<see cref="OpenCxErrorKind.PagingStalled"/>) rather than loop
/// for ever: when the server hands back a cursor it already followed, when too many pages in a
/// row bring nothing new, or past a bound on the number of pages.
/// </remarks>
/// <typeparam name="TItem">What the endpoint lists.</typeparam>
public sealed class CursorWalk<TItem>
{
    /// <summary>Pages in a row with a next cursor but nothing new before the walk gives up.</summary>
    public const int DefaultMaximumPagesWithoutProgress = 5;

    /// <summary>Pages of one walk at most: a million items at 100 a page.</summary>
    public const int DefaultMaximumPages = 10_000;

    private readonly Func<string?, CancellationToken, Task<CursorResponse<TItem>>> _fetch;
    private readonly Func<TItem, string?> _idOf;
    private readonly string _what;
    private readonly int _maximumPages;
    private readonly int _maximumPagesWithoutProgress;
    private readonly HashSet<string> _followed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private string? _cursor;
    private bool _complete;
    private int _pages;
    private int _pagesWithoutProgress;

    /// <param name="fetch">Asks the server for the page at a cursor (null: the first page).</param>
    /// <param name="idOf">The id of an item, to drop repeats; null for an item without one (always kept).</param>
    /// <param name="what">What is walked, for error messages ("the history of session 6f1…").</param>
    /// <param name="startAt">The cursor to start at (a resumed walk); null for the first page.</param>
    /// <param name="seenBefore">Ids an earlier part of the walk returned: never returned again.</param>
    /// <param name="maximumPages">The most pages the walk asks for before it stops with an error.</param>
    /// <param name="maximumPagesWithoutProgress">Pages in a row with nothing new (and a next cursor) before it stops with an error.</param>
    public CursorWalk(
        Func<string?, CancellationToken, Task<CursorResponse<TItem>>> fetch,
        Func<TItem, string?> idOf,
        string what,
        string? startAt = null,
        IEnumerable<string>? seenBefore = null,
        int maximumPages = DefaultMaximumPages,
        int maximumPagesWithoutProgress = DefaultMaximumPagesWithoutProgress)
    {
        if (maximumPages < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumPages), maximumPages, "A walk needs at least one page.");
        }

        if (maximumPagesWithoutProgress < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumPagesWithoutProgress), maximumPagesWithoutProgress, "At least one page without progress must be allowed.");
        }

        _fetch = fetch ?? throw new ArgumentNullException(nameof(fetch));
        _idOf = idOf ?? throw new ArgumentNullException(nameof(idOf));
        _what = what ?? throw new ArgumentNullException(nameof(what));
        _maximumPages = maximumPages;
        _maximumPagesWithoutProgress = maximumPagesWithoutProgress;
        _cursor = string.IsNullOrEmpty(startAt) ? null : startAt;
        if (seenBefore is not null)
        {
            _seen.UnionWith(seenBefore);
        }
    }

    /// <summary>The cursor the next call asks for; null before the first page or when <see cref="IsComplete"/>.</summary>
    public string? Position => _complete ? null : _cursor;

    /// <summary>True once the server answered a page without a next cursor.</summary>
    public bool IsComplete => _complete;

    /// <summary>The ids returned so far (with those seen before), to resume without repeats.</summary>
    public IReadOnlyCollection<string> Seen => _seen;

    /// <summary>Asks for the next page; null once the walk is over.</summary>
    /// <exception cref="OpenCxException">The request failed for good, or the server's cursors go round in circles.</exception>
    public async Task<CursorPage<TItem>?> NextAsync(CancellationToken cancellationToken)
    {
        if (_complete)
        {
            return null;
        }

        if (_pages >= _maximumPages)
        {
            throw Stalled($"The server still had a next cursor after {_pages} pages of {_what}, the most the module follows.");
        }

        if (_cursor is not null)
        {
            _followed.Add(_cursor);
        }

        string? asked = _cursor;
        CursorResponse<TItem> response = await _fetch(asked, cancellationToken).ConfigureAwait(false);
        _pages++;

        var fresh = new List<TItem>(response.Items.Count);
        int repeated = 0;
        foreach (TItem item in response.Items)
        {
            string? id = _idOf(item);
            if (id is null || _seen.Add(id))
            {
                fresh.Add(item);
            }
            else
            {
                repeated++;
            }
        }

        string? next = string.IsNullOrEmpty(response.Next) ? null : response.Next;
        if (next is null)
        {
            _complete = true;
        }
        else
        {
            if (_followed.Contains(next) || next == asked)
            {
                throw Stalled($"The server answered page {_pages} of {_what} with a next cursor it had already given ('{Shorten(next)}'): following it would read the same pages again for ever.");
            }

            _pagesWithoutProgress = fresh.Count == 0 ? _pagesWithoutProgress + 1 : 0;
            if (_pagesWithoutProgress >= _maximumPagesWithoutProgress)
            {
                throw Stalled($"The server sent {_pagesWithoutProgress} pages of {_what} in a row with nothing new and still a next cursor.");
            }
        }

        _cursor = next;
        return new CursorPage<TItem>(fresh, asked, next, repeated, _pages);
    }

    private static OpenCxException Stalled(string message) =>
        new(OpenCxErrorKind.PagingStalled, message + " Try again later; if it persists, report it to OpenCX.");

    private static string Shorten(string cursor) => cursor.Length <= 40 ? cursor : cursor.Substring(0, 40) + "…";
}
