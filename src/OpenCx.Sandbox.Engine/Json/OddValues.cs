using System.Globalization;
using System.Text.Json;

namespace OpenCx.Sandbox.Json;

/// <summary>
/// Values the spec allows but that a client written for the usual ones can trip on, written in
/// turn by ticket number when <see cref="SandboxQuirks.SpecValidOddValues"/> is on: a contact's
/// created_at and updated_at that are not dates (the schema says only <c>string</c>), a
/// ticket_number written as a float, empty strings, and UUIDs at the pattern's extremes and in
/// upper case.
/// </summary>
internal static class OddValues
{
    private static readonly string[] ContactDates = { "yesterday", "2026-01-05 10:00:00", "" };

    private static readonly string[] ExtremeIds = { "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff" };

    /// <summary>Which odd value a session gets: none for one in four, so the usual stay among them.</summary>
    public static int Turn(long ticketNumber) => (int)(ticketNumber % 4);

    /// <summary>A contact's date as text that is no date, or null to write the real one.</summary>
    public static string? ContactDate(long ticketNumber) => Turn(ticketNumber) == 3 ? null : ContactDates[Turn(ticketNumber)];

    /// <summary>A contact's or team's id at one of the pattern's extremes, or in upper case.</summary>
    public static string Id(long ticketNumber, string id) => Turn(ticketNumber) switch
    {
        0 => ExtremeIds[0],
        1 => ExtremeIds[1],
        2 => id.ToUpperInvariant(),
        _ => id,
    };

    /// <summary>A string as an empty one (where the session has one).</summary>
    public static string? Empty(long ticketNumber, string? value) => value is null || Turn(ticketNumber) == 3 ? value : string.Empty;

    /// <summary>The ticket number as a float with a zero fraction: 1005.0.</summary>
    public static void WriteTicketNumber(Utf8JsonWriter writer, JsonEncodedText name, long ticketNumber)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(ticketNumber.ToString(CultureInfo.InvariantCulture) + ".0", skipInputValidation: true);
    }
}
