using System;
using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace OpenCx.Sandbox.Json;

/// <summary>Writes Unix milliseconds as the API does: ISO 8601, UTC, milliseconds and Z.</summary>
internal static class Timestamp
{
    private const int RoundTripLength = 28; // 2024-05-01T12:34:56.7890000Z
    private const int MillisecondLength = 23; // 2024-05-01T12:34:56.789

    private static readonly StandardFormat RoundTrip = new('O');

    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, long unixMs)
    {
        // Formatted into a stack buffer without a string: this runs twice per session on every
        // page. The round-trip format of a UTC DateTime has seven fraction digits; keep three.
        Span<byte> utf8 = stackalloc byte[RoundTripLength];
        Utf8Formatter.TryFormat(DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime, utf8, out _, RoundTrip);
        utf8[MillisecondLength] = (byte)'Z';
        writer.WriteString(name, utf8.Slice(0, MillisecondLength + 1));
    }
}
