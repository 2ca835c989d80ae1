using System;
using System.Collections.Generic;
using System.Globalization;
using OpenCx.Sandbox.Filtering;

namespace OpenCx.Sandbox.Listing;

/// <summary>
/// Reads the query string of GET /chat/sessions as the spec's parameters. A value the spec does
/// not allow, a parameter given twice, or a cursor this server did not make throws
/// <see cref="InvalidFilterRequestException"/> naming the parameter; unknown parameters are ignored.
/// </summary>
internal static class ListRequestParser
{
    public static ListRequest Parse(string? queryString)
    {
        var request = new ListRequest();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> parameter in Pairs(queryString))
        {
            string name = parameter.Key;
            string value = parameter.Value;
            if (!seen.Add(name))
            {
                throw new InvalidFilterRequestException($"{name} takes one value; it was given more than once");
            }

            switch (name)
            {
                case "cursor":
                    request.Offset = ListCursor.TryDecode(value, out int offset)
                        ? offset
                        : throw new InvalidFilterRequestException("cursor is not one this server gave: send the 'next' of the previous page unchanged");
                    break;
                case "status":
                    request.Status = OneOf(name, value, SpecVocabulary.OutputStatuses);
                    break;
                case "channel_type":
                    request.Channel = OneOf(name, value, SpecVocabulary.Channels);
                    break;
                case "handed_off":
                    request.HandedOff = value switch
                    {
                        "true" => true,
                        "false" => false,
                        _ => throw new InvalidFilterRequestException($"handed_off must be \"true\" or \"false\", not \"{value}\""),
                    };
                    break;
                case "created_after":
                    request.CreatedAfterTicks = Instant(name, value);
                    break;
                case "created_before":
                    request.CreatedBeforeTicks = Instant(name, value);
                    break;
                case "updated_after":
                    request.UpdatedAfterTicks = Instant(name, value);
                    break;
                case "updated_before":
                    request.UpdatedBeforeTicks = Instant(name, value);
                    break;
            }
        }

        return request;
    }

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string? queryString)
    {
        string text = (queryString ?? "").TrimStart('?');
        foreach (string pair in text.Split(new[] { '&' }, StringSplitOptions.RemoveEmptyEntries))
        {
            int equals = pair.IndexOf('=');
            string name = equals < 0 ? pair : pair.Substring(0, equals);
            string value = equals < 0 ? "" : pair.Substring(equals + 1);
            yield return new KeyValuePair<string, string>(Decode(name), Decode(value));
        }
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));

    private static string OneOf(string name, string value, IReadOnlyList<string> allowed)
    {
        foreach (string candidate in allowed)
        {
            if (string.Equals(candidate, value, StringComparison.Ordinal))
            {
                return candidate;
            }
        }

        throw new InvalidFilterRequestException($"{name} must be one of {string.Join(", ", allowed)}, not \"{value}\"");
    }

    /// <summary>An ISO 8601 date and time with an offset or Z, as 100 ns ticks since 1970.</summary>
    private static long Instant(string name, string value)
    {
        if (value.Length < 20 || value[4] != '-' || value[10] != 'T'
            || !(value.EndsWith("Z", StringComparison.Ordinal) || value[value.Length - 6] is '+' or '-')
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset instant))
        {
            throw new InvalidFilterRequestException($"{name} must be an ISO 8601 timestamp with a time zone, such as 2025-05-01T12:00:00.000Z, not \"{value}\"");
        }

        return instant.UtcTicks - DateTimeOffset.FromUnixTimeMilliseconds(0).UtcTicks;
    }
}
