using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Client.Cursors;
using OpenCx.Client.Http;
using OpenCx.Client.Wire;

namespace OpenCx.Client.Listing;

/// <summary>
/// GET /chat/sessions: one page of the list endpoint, paced and retried as every request is,
/// through the client's one send path; here rather than in the transport, which knows no
/// endpoint's paging.
/// </summary>
internal static class SessionListReads
{
    /// <summary>Asks for the page at <paramref name="cursor"/> (null: the first) of one list request series.</summary>
    /// <exception cref="OpenCxException">The call failed for good.</exception>
    public static Task<CursorResponse<ChatSession>> ListSessionsAsync(this OpenCxClient client, ListRequest request, string? cursor, IClientTrace? trace, CancellationToken cancellationToken) =>
        client.SendAsync(ApiRequest.ListSessions(new Uri(client.Endpoint, "../../" + request.PathAndQuery(cursor))), ReadListPageAsync, trace, cancellationToken);

    private static async Task<CursorResponse<ChatSession>> ReadListPageAsync(Stream stream, CancellationToken cancellationToken)
    {
        WireListResponse? wire = await JsonSerializer
            .DeserializeAsync(stream, ListJsonContext.Default.WireListResponse, cancellationToken)
            .ConfigureAwait(false);
        if (wire?.Items is null)
        {
            throw new JsonException("The body has no 'items' array.");
        }

        var sessions = new ChatSession[wire.Items.Count];
        for (int i = 0; i < sessions.Length; i++)
        {
            WireSession item = wire.Items[i];

            // The list is checked against updated_at: a session without one cannot be placed.
            if (item.UpdatedAt is null)
            {
                throw new FormatException($"Session {item.Id} has no updated_at.");
            }

            sessions[i] = SessionMapper.ToSession(item);
        }

        return new CursorResponse<ChatSession>(sessions, wire.Next);
    }
}
