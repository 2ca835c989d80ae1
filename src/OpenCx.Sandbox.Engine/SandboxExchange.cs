using System;
using System.Text;

namespace OpenCx.Sandbox;

/// <summary>One request a <see cref="SandboxHttpHandler"/> answered, and its answer (<see cref="SandboxHttpHandler.Answered"/>).</summary>
internal sealed class SandboxExchange : EventArgs
{
    public SandboxExchange(string method, string path, string query, byte[] requestBody, int statusCode, byte[] responseBody)
    {
        Method = method;
        Path = path;
        Query = query;
        RequestBody = Encoding.UTF8.GetString(requestBody);
        StatusCode = statusCode;
        ResponseBody = Encoding.UTF8.GetString(responseBody);
    }

    public string Method { get; }

    /// <summary>The request's path, without the query string.</summary>
    public string Path { get; }

    /// <summary>The query string with its "?", or empty.</summary>
    public string Query { get; }

    /// <summary>The request body as UTF-8 text; empty for a request without one.</summary>
    public string RequestBody { get; }

    public int StatusCode { get; }

    /// <summary>The response body as UTF-8 text.</summary>
    public string ResponseBody { get; }
}
