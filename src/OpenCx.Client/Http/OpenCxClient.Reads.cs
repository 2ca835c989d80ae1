using System;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Http;

// The read endpoint by session id, GET /chat/sessions/{id} (its history, a cursor endpoint, is
// Cursors.SessionHistoryReads). It goes through the same SendAsync as the filter, so pacing, the
// shared budget, retries, 429s, proxies and the redacted key are the same for every request.
public sealed partial class OpenCxClient
{
    /// <summary>The sessions' collection, beside the filter endpoint (…/chat/sessions/).</summary>
    internal Uri SessionsAddress => new(Endpoint, "./");

    /// <summary>One session by id, in the shape the filter writes.</summary>
    /// <exception cref="OpenCxException">The call failed for good; <see cref="OpenCxErrorKind.SessionNotFound"/> when no session has that id.</exception>
    public Task<ChatSession> GetSessionAsync(Guid sessionId, IClientTrace? trace, CancellationToken cancellationToken) =>
        SendAsync(
            ApiRequest.ForSession(new Uri(SessionsAddress, sessionId.ToString()), sessionId, "the session JSON the API documents"),
            ReadSessionAsync,
            trace,
            cancellationToken);

    private static async Task<ChatSession> ReadSessionAsync(Stream stream, CancellationToken cancellationToken)
    {
        WireSession? wire = await JsonSerializer
            .DeserializeAsync(stream, ReadJsonContext.Default.WireSession, cancellationToken)
            .ConfigureAwait(false);
        return SessionMapper.ToSession(wire ?? throw new JsonException("The body is null."));
    }
}
