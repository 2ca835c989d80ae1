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
    /// Answers a request: 404 for another path, 405 for another method than the path's, 401 without
    /// a bearer token (or, when <paramref name="requiredApiKey"/> is given, with another one),
    /// else what <see cref="SandboxEngine.Filter(byte[], SandboxQuirks)"/> says about <paramref name="body"/>
    /// or <see cref="SandboxEngine.List(string, SandboxQuirks)"/> about the query string of <paramref name="path"/>.
    /// </summary>
    public static SandboxResponse Answer(
        SandboxEngine engine, string method, string path, string? authorization, byte[] body, string? requiredApiKey = null, SandboxQuirks? quirks = null)
    {
        if (engine is null)
        {
            throw new ArgumentNullException(nameof(engine));
        }

        string pathAndQuery = path ?? "";
        int question = pathAndQuery.IndexOf('?');
        string route = (question < 0 ? pathAndQuery : pathAndQuery.Substring(0, question)).TrimEnd('/');
        string query = question < 0 ? "" : pathAndQuery.Substring(question + 1);
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

        return allowed == "GET"
            ? engine.List(query, quirks ?? SandboxQuirks.None)
            : engine.Filter(body, quirks ?? SandboxQuirks.None);
    }

    /// <summary>The one method a route answers (for a 405's Allow header too); null when the route does not exist.</summary>
    public static string? AllowedMethod(string pathAndQuery)
    {
        int question = (pathAndQuery ?? "").IndexOf('?');
        string route = (question < 0 ? pathAndQuery ?? "" : pathAndQuery!.Substring(0, question)).TrimEnd('/');
        return route.EndsWith(FilterPath, StringComparison.Ordinal) ? "POST"
            : route.EndsWith(ListPath, StringComparison.Ordinal) ? "GET"
            : null;
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
