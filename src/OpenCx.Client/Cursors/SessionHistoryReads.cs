using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Cursors;

/// <summary>
/// GET /chat/sessions/{id}/history, through the client's one send path (pacing, the shared
/// budget, retries, 429s, proxies, the redacted key): here rather than in the transport, which
/// knows no endpoint's paging.
/// </summary>
public static class SessionHistoryReads
{
    /// <summary>One page of a session's history: the page at <paramref name="cursor"/>, or the first one when it is null.</summary>
    /// <exception cref="OpenCxException">The call failed for good; <see cref="OpenCxErrorKind.SessionNotFound"/> when no session has that id.</exception>
    public static Task<CursorResponse<SessionEvent>> GetHistoryPageAsync(this OpenCxClient client, Guid sessionId, string? cursor, IClientTrace? trace, CancellationToken cancellationToken)
    {
        string address = sessionId + "/history";
        if (!string.IsNullOrEmpty(cursor))
        {
            address += "?cursor=" + Uri.EscapeDataString(cursor);
        }

        return client.SendAsync(
            ApiRequest.ForSession(new Uri(client.SessionsAddress, address), sessionId, "the history JSON the API documents"),
            (stream, token) => ReadHistoryAsync(sessionId, stream, token),
            trace,
            cancellationToken);
    }

    /// <summary>Every event of one session, page by page, each once.</summary>
    public static CursorWalk<SessionEvent> WalkHistory(this OpenCxClient client, Guid sessionId, IClientTrace? trace) => new(
        (cursor, token) => client.GetHistoryPageAsync(sessionId, cursor, trace, token),
        e => e.Id,
        $"the history of session {sessionId}");

    private static async Task<CursorResponse<SessionEvent>> ReadHistoryAsync(Guid sessionId, Stream stream, CancellationToken cancellationToken)
    {
        WireHistoryResponse? wire = await JsonSerializer
            .DeserializeAsync(stream, ReadJsonContext.Default.WireHistoryResponse, cancellationToken)
            .ConfigureAwait(false);
        return new CursorResponse<SessionEvent>(HistoryMapper.ToEvents(sessionId, wire ?? throw new JsonException("The body is null.")), wire.Next);
    }
}
