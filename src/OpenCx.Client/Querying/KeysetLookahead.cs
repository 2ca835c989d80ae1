using System;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Querying;

/// <summary>
/// Foretells a keyset walk's next request from a glance at the page in flight, so that it can go
/// out while that page is still parsed and checked: on two busy processors the server answers it
/// meanwhile instead of afterwards.
/// </summary>
/// <remarks>
/// <para>
/// A keyset page's next request depends on the page (its last creation time), so a walk that
/// waits for the page to be read and checked makes every page cost the server's answer and the
/// client's parse one after the other, as a plain page loop does. The foretelling is a guess of
/// the common case only: the page ends past its block and the series moves to its last creation
/// time, or a block fills the page and the series reads on. It is taken from the walk's state when
/// the page's request is sent (never read again, since the walk moves on meanwhile), and the walk
/// uses the answer only when the request it decides on after the page is exactly the one
/// foretold. A wrong guess costs one request and nothing else: a tie block read again, a page the
/// checks refuse, -First nearly satisfied (no guess is made then).
/// </para>
/// </remarks>
internal sealed class KeysetLookahead
{
    private readonly WalkState _state;
    private readonly DateTime? _upperEnd;
    private readonly DateTime? _boundary;
    private readonly int _page;
    private readonly int _limit;
    private readonly ulong _firstRemaining;

    private KeysetLookahead(WalkState state, DateTime? upperEnd, DateTime? boundary, int page, int limit, ulong firstRemaining)
    {
        _state = state;
        _upperEnd = upperEnd;
        _boundary = boundary;
        _page = page;
        _limit = limit;
        _firstRemaining = firstRemaining;
        Request = KeysetSeries.Request(state, upperEnd, boundary, page, limit);
    }

    /// <summary>The request of the page this lookahead stands at.</summary>
    public FilterRequest Request { get; }

    /// <summary>
    /// The lookahead at the keyset walk's next request, as it stands now; null until the walk has
    /// checked that the server sorts at all (<see cref="SortCheck"/>): the page that asks for the
    /// check must not send another request before it.
    /// </summary>
    public static KeysetLookahead? Of(WalkState state) => state.SortChecked
        ? new(state, state.UpperEnd, state.Boundary, state.Page, state.Limit, state.Budget.FirstRemaining)
        : null;

    /// <summary>The lookahead at the request after a page glanced at, or null when the page may well end the walk or change its course.</summary>
    public KeysetLookahead? After(PageGlance page)
    {
        ulong pageSize = (ulong)_state.Options.PageSize;
        if (!page.HasNext || _firstRemaining < (ulong)page.Count + pageSize)
        {
            // The last page, or -First near: the next request's limit (or whether there is one)
            // depends on how many of this page the walk takes.
            return null;
        }

        if (!Request.AllowsCreatedAt(page.FirstCreatedAt) || !Request.AllowsCreatedAt(page.LastCreatedAt) || KeysetSeries.Past(_state, page.FirstCreatedAt, page.LastCreatedAt))
        {
            // The page is not what was asked for (the server ignores the dates or the order): the
            // checks will refuse it, and the walk change course.
            return null;
        }

        // Fewer may be taken (repeats, -Skip), never more: what is left of -First is at least this.
        ulong firstRemaining = _firstRemaining == ulong.MaxValue ? ulong.MaxValue : _firstRemaining - (ulong)page.Count;
        DateTime last = page.LastCreatedAt;
        if (_boundary is DateTime boundary && !KeysetSeries.Past(_state, last, boundary))
        {
            // The block at the boundary (or the millisecond before it) fills the page: read on.
            return new KeysetLookahead(_state, _upperEnd, _boundary, _page + 1, _limit, firstRemaining);
        }

        if (KeysetSeries.PastTheRange(_state, _upperEnd, last))
        {
            return null;
        }

        // A page that is also the new series' first (KeysetSeries takes it again as such) leaves
        // the guess to the walk: it does not come once the order is checked but at a resume.
        var next = new KeysetLookahead(_state, _upperEnd, last, 1, (int)pageSize, firstRemaining);
        return next.Request == Request || page.FirstCreatedAt == last ? null : next;
    }
}
