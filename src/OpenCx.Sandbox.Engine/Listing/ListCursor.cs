using System;
using System.Globalization;
using System.Text;

namespace OpenCx.Sandbox.Listing;

/// <summary>
/// The list endpoint's opaque cursor: an offset into the order of the moment, base64url-encoded
/// so that a client cannot read it. Because it is an offset, it shifts when sessions are updated
/// or created meanwhile: sessions repeat across pages, and a session updated during the walk can
/// move ahead of the cursor. The spec does not say the cursor is stable, so clients must cope.
/// </summary>
internal static class ListCursor
{
    private const string Prefix = "o:";

    public static string Encode(int offset)
    {
        string base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));
        return base64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        string base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - (base64.Length % 4)) % 4);
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return false;
        }

        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(text.Substring(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
