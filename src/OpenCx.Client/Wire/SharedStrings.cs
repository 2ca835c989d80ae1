using System;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace OpenCx.Client.Wire;

/// <summary>
/// One string instance for each short JSON string value that repeats from session to session
/// (a status, a channel, a team's name, a custom-data key), instead of a new one per session.
/// </summary>
/// <remarks>
/// A fixed table indexed by a hash of the UTF-8 bytes: a hit is a byte comparison and no
/// allocation; a miss reads the string as usual and takes the slot. Shared by every thread
/// without locks: a slot holds an immutable entry, so a race costs a miss, never a wrong
/// string. Bounded: at most <see cref="Slots"/> strings of at most <see cref="MaximumBytes"/>
/// bytes are kept alive.
/// </remarks>
internal static class SharedStrings
{
    internal const int Slots = 1024;
    internal const int MaximumBytes = 64;

    private static readonly Entry?[] Table = new Entry?[Slots];

    /// <summary>The current token's string value (a string or a property name), shared when it has been seen before.</summary>
    public static string? Get(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > MaximumBytes
            || (reader.TokenType != JsonTokenType.String && reader.TokenType != JsonTokenType.PropertyName))
        {
            return reader.GetString();
        }

        return Get(reader.ValueSpan, ref reader);
    }

    /// <summary>The text of a number token, shared when it has been seen before.</summary>
    public static string GetRawNumber(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> utf8 = reader.ValueSpan;
        if (reader.HasValueSequence || utf8.Length > MaximumBytes)
        {
            return JsonElement.ParseValue(ref reader).GetRawText();
        }

        ref Entry? slot = ref Table[Hash(utf8) & (Slots - 1)];
        Entry? entry = Volatile.Read(ref slot);
        if (entry != null && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Value;
        }

        // A number token is ASCII, and its raw text is exactly its bytes.
        byte[] bytes = utf8.ToArray();
        string value = Encoding.UTF8.GetString(bytes);
        Volatile.Write(ref slot, new Entry(bytes, value));
        return value;
    }

    private static string Get(ReadOnlySpan<byte> utf8, ref Utf8JsonReader reader)
    {
        ref Entry? slot = ref Table[Hash(utf8) & (Slots - 1)];
        Entry? entry = Volatile.Read(ref slot);
        if (entry != null && utf8.SequenceEqual(entry.Utf8))
        {
            return entry.Value;
        }

        // The reader validates the UTF-8 and unescapes; only bytes it accepted are ever matched.
        string value = reader.GetString()!;
        Volatile.Write(ref slot, new Entry(utf8.ToArray(), value));
        return value;
    }

    /// <summary>FNV-1a: short keys, no allocation, good enough spread for a table of a thousand slots.</summary>
    private static int Hash(ReadOnlySpan<byte> utf8)
    {
        uint hash = 2166136261;
        foreach (byte b in utf8)
        {
            hash = (hash ^ b) * 16777619;
        }

        return (int)(hash ^ (hash >> 15));
    }

    private sealed class Entry
    {
        public Entry(byte[] utf8, string value)
        {
            Utf8 = utf8;
            Value = value;
        }

        public byte[] Utf8 { get; }

        public string Value { get; }
    }
}
