using System.Text;
using System.Text.Json;

namespace OpenCx.Sandbox.Tests.Support;

/// <summary>Request bodies and response parsing for the tests.</summary>
public static class Bodies
{
    /// <summary>A request body from an anonymous object, property names as written.</summary>
    public static byte[] Of(object request) => JsonSerializer.SerializeToUtf8Bytes(request);

    public static byte[] Raw(string json) => Encoding.UTF8.GetBytes(json);

    public static JsonElement Parse(byte[] body) => JsonDocument.Parse(body).RootElement;

    public static JsonElement Parse(string body) => JsonDocument.Parse(body).RootElement;
}
