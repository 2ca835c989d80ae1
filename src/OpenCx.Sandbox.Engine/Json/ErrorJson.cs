namespace OpenCx.Sandbox.Json;

/// <summary>Writes an ErrorDto the way NestJS does: statusCode, message and the status's reason phrase.</summary>
internal static class ErrorJson
{
    public static byte[] Write(int statusCode, string message) => JsonOutput.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("statusCode", statusCode);
        writer.WriteString("message", message);
        writer.WriteString("error", ReasonPhrase(statusCode));
        writer.WriteEndObject();
    });

    private static string ReasonPhrase(int statusCode) => statusCode switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Error",
    };
}
