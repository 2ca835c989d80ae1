using System;

namespace OpenCx.Sandbox;

/// <summary>A GET of one session (/chat/sessions/{id}) or of its history (/chat/sessions/{id}/history), under any base path.</summary>
internal sealed class ReadRoute
{
    private const string Sessions = "/chat/sessions/";

    private ReadRoute(string sessionId, bool history)
    {
        SessionId = sessionId;
        History = history;
    }

    public string SessionId { get; }

    public bool History { get; }

    /// <summary>The route a path (without its trailing slash) names; null when it names neither.</summary>
    public static ReadRoute? Of(string path)
    {
        int at = path.LastIndexOf(Sessions, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        string[] rest = path.Substring(at + Sessions.Length).Split('/');
        string id = Uri.UnescapeDataString(rest[0]);
        if (id.Length == 0 || id == "filter")
        {
            return null;
        }

        return rest.Length switch
        {
            1 => new ReadRoute(id, history: false),
            2 when rest[1] == "history" => new ReadRoute(id, history: true),
            _ => null,
        };
    }
}
