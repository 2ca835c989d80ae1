using System;
using System.Text.Json;

namespace OpenCx.Sandbox.Json;

/// <summary>Writes Unix milliseconds as the API does: ISO 8601, UTC, milliseconds and Z.</summary>
internal static class Timestamp
{
    private const int Length = 24; // 2024-05-01T12:34:56.789Z

    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, long unixMs)
    {
        // Formatted by hand into a stack buffer: this runs twice per session on every page.
        Span<byte> utf8 = stackalloc byte[Length];
        DateTime time = DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime;
        Digits(utf8, 0, 4, time.Year);
        utf8[4] = (byte)'-';
        Digits(utf8, 5, 2, time.Month);
        utf8[7] = (byte)'-';
        Digits(utf8, 8, 2, time.Day);
        utf8[10] = (byte)'T';
        Digits(utf8, 11, 2, time.Hour);
        utf8[13] = (byte)':';
        Digits(utf8, 14, 2, time.Minute);
        utf8[16] = (byte)':';
        Digits(utf8, 17, 2, time.Second);
        utf8[19] = (byte)'.';
        Digits(utf8, 20, 3, time.Millisecond);
        utf8[23] = (byte)'Z';
        writer.WriteString(name, utf8);
    }

    private static void Digits(Span<byte> destination, int start, int count, int value)
    {
        for (int i = start + count - 1; i >= start; i--)
        {
            destination[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }
}
