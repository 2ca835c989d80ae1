using System;

namespace OpenCx.Sandbox;

/// <summary>
/// What the API does with one HTTP request before and around the engine: the route, the
/// method and the bearer token. Shared by <see cref="SandboxHttpHandler"/> and the loopback
/// server so both answer alike.
/// </summary>
public static class SandboxEndpoint
{
    /// <summary>The one operation of the spec; any base path may stand before it.</summary>
    public const string FilterPath = "/chat/sessions/filter";

    /// <summary>
    /// Answers a request: 404 for another path, 405 for another method than POST, 401 without
    /// a bearer token (or, when <paramref name="requiredApiKey"/> is given, with another one),
    /// else what <see cref="SandboxEngine.Filter"/> says about <paramref name="body"/>.
    /// </summary>
    public static SandboxResponse Answer(
        SandboxEngine engine, string method, string path, string? authorization, byte[] body, string? requiredApiKey = null, SandboxQuirks? quirks = null)
    {
        if (engine is null)
        {
            throw new ArgumentNullException(nameof(engine));
        }

        string route = (path ?? "").TrimEnd('/');
        if (!route.EndsWith(FilterPath, StringComparison.Ordinal))
        {
            return SandboxResponse.Error(404, $"Cannot {method} {path}");
        }

        if (!string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return SandboxResponse.Error(405, $"Method {method} is not allowed on {FilterPath}; use POST");
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

        return engine.Filter(body, quirks ?? SandboxQuirks.None);
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
