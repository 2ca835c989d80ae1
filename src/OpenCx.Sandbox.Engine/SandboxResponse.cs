using OpenCx.Sandbox.Json;

namespace OpenCx.Sandbox;

/// <summary>An HTTP answer of the sandbox: a status code and an application/json body.</summary>
public sealed class SandboxResponse
{
    public const string ContentType = "application/json; charset=utf-8";

    public SandboxResponse(int statusCode, byte[] body)
    {
        StatusCode = statusCode;
        Body = body;
    }

    public int StatusCode { get; }

    /// <summary>UTF-8 JSON: a FilterChatSessionsOutput for 200, an ErrorDto otherwise.</summary>
    public byte[] Body { get; }

    /// <summary>An ErrorDto, {"statusCode", "message", "error"}, as the API sends for every failure.</summary>
    public static SandboxResponse Error(int statusCode, string message) => new(statusCode, ErrorJson.Write(statusCode, message));
}
