using System;
using System.Globalization;
using System.Text;

namespace OpenCx.Sandbox.History;

/// <summary>The sandbox's opaque history cursor: base64 of the session id and the offset of the next event.</summary>
internal static class HistoryCursor
{
    public static string Write(string sessionId, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{sessionId}|{offset.ToString(CultureInfo.InvariantCulture)}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryRead(string cursor, string sessionId, out int offset)
    {
        offset = 0;
        try
        {
            string padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            int bar = text.LastIndexOf('|');
            return bar > 0
                && string.Equals(text.Substring(0, bar), sessionId, StringComparison.OrdinalIgnoreCase)
                && int.TryParse(text.Substring(bar + 1), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
