using System.Text.RegularExpressions;

namespace OpenCx.Sandbox.Filtering;

/// <summary>
/// The date-time strings filters.date accepts: exactly the spec's pattern (a valid calendar
/// date, optional seconds and fraction, and always a literal Z), turned into Unix milliseconds
/// without DateTime so that any year the pattern admits (0000 included) works.
/// </summary>
internal static class UtcDateTime
{
    // Copied verbatim from the spec. ECMAScript mode keeps \d to ASCII digits, as in the
    // JavaScript validator the real API runs.
    private static readonly Regex SpecPattern = new(
        @"^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z))$",
        RegexOptions.ECMAScript);

    /// <summary>
    /// Parses <paramref name="text"/> into whole milliseconds, rounded down, and says whether
    /// a sub-millisecond remainder was dropped (the caller rounds a lower bound up).
    /// </summary>
    public static bool TryParse(string text, out long floorMs, out bool hasRemainder)
    {
        floorMs = 0;
        hasRemainder = false;

        // .NET's $ also matches before a final "\n", JavaScript's does not: rule it out.
        if (!SpecPattern.IsMatch(text) || text.EndsWith("\n", System.StringComparison.Ordinal))
        {
            return false;
        }

        int year = Digits(text, 0, 4), month = Digits(text, 5, 2), day = Digits(text, 8, 2);
        int hour = Digits(text, 11, 2), minute = Digits(text, 14, 2);
        int second = text[16] == ':' ? Digits(text, 17, 2) : 0;
        int fractionStart = text.IndexOf('.') + 1;
        int millisecond = 0;
        if (fractionStart > 0)
        {
            int fractionLength = text.Length - 1 - fractionStart;
            for (int i = 0; i < 3; i++)
            {
                millisecond = (millisecond * 10) + (i < fractionLength ? text[fractionStart + i] - '0' : 0);
            }

            for (int i = 3; i < fractionLength; i++)
            {
                hasRemainder |= text[fractionStart + i] != '0';
            }
        }

        floorMs = (DaysFromCivil(year, month, day) * 86_400_000L) + (hour * 3_600_000L) + (minute * 60_000L) + (second * 1000L) + millisecond;
        return true;
    }

    private static int Digits(string text, int start, int count)
    {
        int value = 0;
        for (int i = start; i < start + count; i++)
        {
            value = (value * 10) + (text[i] - '0');
        }

        return value;
    }

    // Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    private static long DaysFromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        long era = (year >= 0 ? year : year - 399) / 400;
        long yearOfEra = year - (era * 400);
        long dayOfYear = ((153 * (month + (month > 2 ? -3 : 9))) + 2) / 5 + day - 1;
        long dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }
}
