using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenCx.Sandbox.Json;

/// <summary>How every response body is written.</summary>
internal static class JsonOutput
{
    // Like JSON.stringify behind the real API, non-ASCII letters go out as UTF-8, not \u escapes,
    // so clients are tested on the bytes they will really receive.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, Options))
        {
            write(writer);
        }

        return stream.ToArray();
    }
}
