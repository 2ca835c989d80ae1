using System;
using System.Collections.Generic;

namespace OpenCx;

/// <summary>
/// The spec's session statuses, defined once for the module: the names a user may give and the
/// codes the API filters by. (The other closed sets are literal ValidateSet lists on the cmdlet,
/// which attributes need.) SpecValuesTests holds these and every other list of the spec's values
/// to spec/opencx-filter-sessions.openapi.yaml.
/// </summary>
public static class SessionStatuses
{
    /// <summary>The named statuses, in the order of their codes (0, 1, 2); custom statuses are integer ids.</summary>
    public static readonly IReadOnlyList<string> Names = new[] { "open", "closed_resolved", "closed_unresolved" };

    /// <summary>Reads a status given as one of <see cref="Names"/> or a non-negative integer id.</summary>
    public static bool TryParse(string text, out long code)
    {
        int index = IndexOf(Names, text);
        if (index >= 0)
        {
            code = index;
            return true;
        }

        return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out code);
    }

    private static int IndexOf(IReadOnlyList<string> values, string text)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], text, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
