using System.Globalization;

namespace OpenCx.Sandbox.Data;

/// <summary>A custom_data value: the spec allows a string, a number or a boolean.</summary>
internal readonly struct CustomDataValue
{
    private CustomDataValue(CustomDataKind kind, string text, double number, bool flag)
    {
        Kind = kind;
        Text = text;
        Number = number;
        Flag = flag;
    }

    public CustomDataKind Kind { get; }

    /// <summary>
    /// The value rendered as a string: what a custom_data filter compares with, since the filter's
    /// values are strings ("true"/"false" for booleans, invariant culture for numbers).
    /// </summary>
    public string Text { get; }

    public double Number { get; }

    public bool Flag { get; }

    public static CustomDataValue Of(string text) => new(CustomDataKind.String, text, 0, false);

    // "R" is the shortest string that round-trips, which is also what Utf8JsonWriter emits
    // for the number, so a filter value copied from the output matches.
    public static CustomDataValue Of(double number) =>
        new(CustomDataKind.Number, number.ToString("R", CultureInfo.InvariantCulture), number, false);

    public static CustomDataValue Of(bool flag) => new(CustomDataKind.Boolean, flag ? "true" : "false", 0, flag);
}

internal enum CustomDataKind
{
    String,
    Number,
    Boolean,
}
