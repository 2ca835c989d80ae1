using System;
using System.Text.Json;

namespace OpenCx.Client.Wire;

/// <summary>
/// What a page's body says about the request after it, read in one pass of the JSON reader before
/// the page is turned into sessions: how many sessions it holds, when the last one was created,
/// and whether more follow. A walk can send its next request on that while the page is parsed.
/// </summary>
internal sealed class PageGlance
{
    private PageGlance(int count, DateTime firstCreatedAt, DateTime lastCreatedAt, bool hasNext)
    {
        Count = count;
        FirstCreatedAt = firstCreatedAt;
        LastCreatedAt = lastCreatedAt;
        HasNext = hasNext;
    }

    public int Count { get; }

    /// <summary>The first session's created_at, in UTC, as the page's full reading makes it.</summary>
    public DateTime FirstCreatedAt { get; }

    /// <summary>The last session's created_at, in UTC, as the page's full reading makes it.</summary>
    public DateTime LastCreatedAt { get; }

    public bool HasNext { get; }

    /// <summary>
    /// The glance of a filter response, or null when the body does not show plainly what the full
    /// reading would find (no sessions, a first or last created_at that is not a date): the full reading decides.
    /// </summary>
    public static PageGlance? Of(ReadOnlySpan<byte> json)
    {
        try
        {
            return Read(new Utf8JsonReader(json));
        }
        catch (JsonException)
        {
            // The full reading says what is wrong with the body, and the attempt is retried.
            return null;
        }
    }

    private static PageGlance? Read(Utf8JsonReader reader)
    {
        int count = 0;
        DateTime? first = null;
        DateTime? last = null;
        bool hasNext = false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("data"))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return null;
                }

                count = 0;
                first = null;
                last = null;
                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    count++;
                    last = CreatedAt(ref reader);
                    if (count == 1)
                    {
                        first = last;
                    }
                }
            }
            else if (reader.ValueTextEquals("has_next"))
            {
                reader.Read();
                hasNext = reader.TokenType == JsonTokenType.True;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return first is DateTime firstCreatedAt && last is DateTime lastCreatedAt ? new PageGlance(count, firstCreatedAt, lastCreatedAt, hasNext) : null;
    }

    /// <summary>Reads one session's object to its end; its created_at the way the full reading takes it (the last one, when there are two).</summary>
    private static DateTime? CreatedAt(ref Utf8JsonReader reader)
    {
        DateTime? createdAt = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isCreatedAt = reader.ValueTextEquals("created_at");
            reader.Read();
            if (isCreatedAt)
            {
                createdAt = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out DateTimeOffset value) ? value.UtcDateTime : null;
            }
            else
            {
                reader.Skip();
            }
        }

        return createdAt;
    }
}
