using System;
using System.Globalization;

namespace OpenCx.Client.Wire;

/// <summary>
/// A date the spec types as a plain string: the text as the server sent it, and the instant it
/// names when it is an ISO 8601 date (with or without the T, the fraction and the zone; no zone
/// is UTC, as the API writes every date). Text that is no date ("yesterday", "") is kept as text,
/// never a failed page.
/// </summary>
internal readonly struct TextDate
{
    private static readonly string[] Iso8601 =
    {
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd",
    };

    public TextDate(string? text)
    {
        Text = text;
        Value = text != null && DateTimeOffset.TryParseExact(text.Trim(), Iso8601, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset parsed)
            ? parsed.UtcDateTime
            : null;
    }

    public string? Text { get; }

    /// <summary>The instant in UTC, or null when the text is no date (or there is none).</summary>
    public DateTime? Value { get; }
}
