using System;

namespace OpenCx.Sandbox;

/// <summary>
/// What the API does with one HTTP request before and around the engine: the route (with its
/// query string), the method and the bearer token. Shared by <see cref="SandboxHttpHandler"/> and the loopback
/// server so both answer alike.
/// </summary>
public static class SandboxEndpoint
{
    /// <summary>The filter operation; any base path may stand before it.</summary>
    public const string FilterPath = "/chat/sessions/filter";

    /// <summary>The list operation of the read spec (GET, paged by an opaque cursor).</summary>
    public const string ListPath = "/chat/sessions";

    /// <summary>
    /// Answers a request: the filter (POST), the list of sessions, one session or its history
    /// (GET /chat/sessions[/{id}[/history]], the filters and cursor in <paramref name="query"/>);
    /// 404 for another path, 405 for another method than the path's, 401 without
    /// a bearer token (or, when <paramref name="requiredApiKey"/> is given, with another one),
    /// else what <see cref="SandboxEngine.Filter(byte[], SandboxQuirks)"/> says about <paramref name="body"/>
    /// or <see cref="SandboxEngine.List(string, SandboxQuirks)"/> about <paramref name="query"/>.
    /// </summary>
    public static SandboxResponse Answer(
        SandboxEngine engine, string method, string path, string? authorization, byte[] body, string? requiredApiKey = null, SandboxQuirks? quirks = null, string? query = null)
    {
        if (engine is null)
        {
            throw new ArgumentNullException(nameof(engine));
        }

        string route = (path ?? "").TrimEnd('/');
        var read = ReadRoute.Of(route);
        string? allowed = AllowedMethod(route);
        if (allowed is null)
        {
            return SandboxResponse.Error(404, $"Cannot {method} {route}");
        }

        if (!string.Equals(method, allowed, StringComparison.OrdinalIgnoreCase))
        {
            return SandboxResponse.Error(405, $"Method {method} is not allowed on {route}; use {allowed}");
        }

        string? token = BearerToken(authorization);
        if (token is null)
        {
            return SandboxResponse.Error(401, "Missing API key: send the header 'Authorization: Bearer <api key>'");
        }

        if (requiredApiKey is not null && !string.Equals(token, requiredApiKey, StringComparison.Ordinal))
        {
            return SandboxResponse.Error(401, "Invalid API key");
        }

        if (read is not null)
        {
            return read.History ? engine.History(read.SessionId, QueryValue(query, "cursor")) : engine.Session(read.SessionId);
        }

        return allowed == "GET"
            ? engine.List(query, quirks ?? SandboxQuirks.None)
            : engine.Filter(body, quirks ?? SandboxQuirks.None);
    }

    /// <summary>The one method a path answers (for a 405's Allow header too); null when it names no route.</summary>
    public static string? AllowedMethod(string path)
    {
        string route = (path ?? "").TrimEnd('/');
        return route.EndsWith(FilterPath, StringComparison.Ordinal) ? "POST"
            : route.EndsWith(ListPath, StringComparison.Ordinal) || ReadRoute.Of(route) is not null ? "GET"
            : null;
    }

    /// <summary>A query parameter's value, unescaped; null when it is absent.</summary>
    private static string? QueryValue(string? query, string name)
    {
        foreach (string pair in (query ?? "").TrimStart('?').Split('&'))
        {
            int equals = pair.IndexOf('=');
            if (equals > 0 && pair.Substring(0, equals) == name)
            {
                return Uri.UnescapeDataString(pair.Substring(equals + 1).Replace('+', ' '));
            }
        }

        return null;
    }

    private static string? BearerToken(string? authorization)
    {
        const string Scheme = "Bearer ";
        if (authorization is null || !authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string token = authorization.Substring(Scheme.Length).Trim();
        return token.Length == 0 ? null : token;
    }
}
