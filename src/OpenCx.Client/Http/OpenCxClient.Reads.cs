using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Cursors;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Http;

// The read endpoints by session id: GET /chat/sessions/{id} and GET /chat/sessions/{id}/history.
// They go through the same SendAsync as the filter, so pacing, the shared budget, retries, 429s,
// proxies and the redacted key are the same for every request.
public sealed partial class OpenCxClient
{
    /// <summary>The sessions' collection, beside the filter endpoint (…/chat/sessions/).</summary>
    private Uri SessionsAddress => new(Endpoint, "./");

    /// <summary>One session by id, in the shape the filter writes.</summary>
    /// <exception cref="OpenCxException">The call failed for good; <see cref="OpenCxErrorKind.SessionNotFound"/> when no session has that id.</exception>
    public Task<ChatSession> GetSessionAsync(Guid sessionId, IClientTrace? trace, CancellationToken cancellationToken) =>
        SendAsync(
            ApiRequest.ForSession(new Uri(SessionsAddress, sessionId.ToString()), sessionId, "the session JSON the API documents"),
            ReadSessionAsync,
            trace,
            cancellationToken);

    /// <summary>One page of a session's history: the page at <paramref name="cursor"/>, or the first one when it is null.</summary>
    /// <exception cref="OpenCxException">The call failed for good; <see cref="OpenCxErrorKind.SessionNotFound"/> when no session has that id.</exception>
    public Task<CursorResponse<SessionEvent>> GetHistoryPageAsync(Guid sessionId, string? cursor, IClientTrace? trace, CancellationToken cancellationToken)
    {
        string address = sessionId + "/history";
        if (!string.IsNullOrEmpty(cursor))
        {
            address += "?cursor=" + Uri.EscapeDataString(cursor);
        }

        return SendAsync(
            ApiRequest.ForSession(new Uri(SessionsAddress, address), sessionId, "the history JSON the API documents"),
            (stream, token) => ReadHistoryAsync(sessionId, stream, token),
            trace,
            cancellationToken);
    }

    /// <summary>Every event of one session, page by page, each once.</summary>
    public CursorWalk<SessionEvent> WalkHistory(Guid sessionId, IClientTrace? trace) => new(
        (cursor, token) => GetHistoryPageAsync(sessionId, cursor, trace, token),
        e => e.Id,
        $"the history of session {sessionId}");

    private static async Task<ChatSession> ReadSessionAsync(Stream stream, CancellationToken cancellationToken)
    {
        WireSession? wire = await JsonSerializer
            .DeserializeAsync(stream, ReadJsonContext.Default.WireSession, cancellationToken)
            .ConfigureAwait(false);
        return SessionMapper.ToSession(wire ?? throw new JsonException("The body is null."));
    }

    private static async Task<CursorResponse<SessionEvent>> ReadHistoryAsync(Guid sessionId, Stream stream, CancellationToken cancellationToken)
    {
        WireHistoryResponse? wire = await JsonSerializer
            .DeserializeAsync(stream, ReadJsonContext.Default.WireHistoryResponse, cancellationToken)
            .ConfigureAwait(false);
        return new CursorResponse<SessionEvent>(HistoryMapper.ToEvents(sessionId, wire ?? throw new JsonException("The body is null.")), wire.Next);
    }
}
