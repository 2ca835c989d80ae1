using System;
using System.Collections.Generic;
using System.Globalization;

namespace OpenCx.Client.Listing;

/// <summary>
/// One series of GET /chat/sessions requests: at most one status and one channel, the query's
/// other filters, and what a page of it may hold.
/// </summary>
internal sealed class ListRequest
{
    private const string DateFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    private static readonly TimeSpan OneMillisecond = TimeSpan.FromMilliseconds(1);

    public ListRequest(ListQuery query, string? status, string? channel)
    {
        Query = query;
        Status = status;
        Channel = channel;

        // "created_after" reads as strictly after; the cmdlet's -CreatedAfter means at or after.
        CreatedAfter = query.CreatedFrom is DateTime from && from.Ticks >= OneMillisecond.Ticks ? from - OneMillisecond : query.CreatedFrom;
    }

    public ListQuery Query { get; }

    public string? Status { get; }

    public string? Channel { get; }

    /// <summary>What goes out as created_after: one millisecond before the query's inclusive start.</summary>
    public DateTime? CreatedAfter { get; }

    /// <summary>The query string, without the cursor.</summary>
    public string QueryString
    {
        get
        {
            var parts = new List<string>();
            Add(parts, "status", Status);
            Add(parts, "channel_type", Channel);
            Add(parts, "handed_off", Query.HandedOff is bool handedOff ? (handedOff ? "true" : "false") : null);
            Add(parts, "created_after", Format(CreatedAfter));
            Add(parts, "created_before", Format(Query.CreatedBefore));
            Add(parts, "updated_after", Format(Query.UpdatedAfter));
            Add(parts, "updated_before", Format(Query.UpdatedBefore));
            return string.Join("&", parts);
        }
    }

    /// <summary>The path and query of the request at <paramref name="cursor"/> (null: the first page).</summary>
    public string PathAndQuery(string? cursor)
    {
        string query = QueryString;
        if (cursor is not null)
        {
            query = (query.Length == 0 ? "" : query + "&") + "cursor=" + Uri.EscapeDataString(cursor);
        }

        return query.Length == 0 ? "chat/sessions" : "chat/sessions?" + query;
    }

    /// <summary>
    /// Why the server should not have sent <paramref name="session"/> for this request; null when
    /// it may have. A bound the server may read as inclusive lets the session at the bound through.
    /// The handed-off state is not checked: the output does not say what the endpoint counts as one.
    /// </summary>
    public string? Outside(ChatSession session)
    {
        if (Status is not null && !string.Equals(session.Status, Status, StringComparison.Ordinal))
        {
            return $"status {session.Status}, not {Status}";
        }

        if (Channel is not null && !string.Equals(session.Channel, Channel, StringComparison.Ordinal))
        {
            return $"channel {session.Channel}, not {Channel}";
        }

        if (Query.UpdatedAfter is DateTime updatedAfter && session.UpdatedAt < updatedAfter)
        {
            return $"updated {Format(session.UpdatedAt)}, before updated_after {Format(updatedAfter)}";
        }

        if (Query.UpdatedBefore is DateTime updatedBefore && session.UpdatedAt > updatedBefore)
        {
            return $"updated {Format(session.UpdatedAt)}, after updated_before {Format(updatedBefore)}";
        }

        if (CreatedAfter is DateTime createdAfter && session.CreatedAt < createdAfter)
        {
            return $"created {Format(session.CreatedAt)}, before created_after {Format(createdAfter)}";
        }

        if (Query.CreatedBefore is DateTime createdBefore && session.CreatedAt > createdBefore)
        {
            return $"created {Format(session.CreatedAt)}, after created_before {Format(createdBefore)}";
        }

        return null;
    }

    /// <summary>The request for -Verbose and error messages.</summary>
    public string Describe() => "GET " + Uri.UnescapeDataString(PathAndQuery(null));

    public static string? Format(DateTime? instant) => instant?.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static void Add(List<string> parts, string name, string? value)
    {
        if (value is not null)
        {
            parts.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}
