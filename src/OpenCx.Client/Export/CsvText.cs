using System.Collections.Generic;
using System.Text;

namespace OpenCx.Client.Export;

/// <summary>CSV as RFC 4180 writes it: a field with a comma, quote or line break in quotes, quotes doubled; CRLF after each row.</summary>
internal static class CsvText
{
    public const string RowEnd = "\r\n";

    public static string Row(IReadOnlyList<string?> fields)
    {
        var row = new StringBuilder();
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                row.Append(',');
            }

            string field = fields[i] ?? string.Empty;
            if (field.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0)
            {
                row.Append('"').Append(field.Replace("\"", "\"\"")).Append('"');
            }
            else
            {
                row.Append(field);
            }
        }

        return row.Append(RowEnd).ToString();
    }

    /// <summary>The rows of <paramref name="text"/>, which holds whole rows only.</summary>
    public static IEnumerable<List<string>> Rows(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                continue;
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                yield return fields;
                fields = new List<string>();
            }
            else
            {
                field.Append(c);
            }
        }
    }
}
