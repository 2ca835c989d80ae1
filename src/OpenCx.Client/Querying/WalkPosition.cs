using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenCx.Client.Querying;

/// <summary>
/// Where a walk stands after the last page it handed over: enough to continue it in another
/// process with nothing skipped and nothing written twice, and, once complete, where the next
/// incremental run starts. Written and read only by the query engine: to anything else it is an
/// opaque, versioned token (<see cref="ToToken"/>, <see cref="FromToken"/>).
/// </summary>
/// <remarks>
/// It holds no session data but ids and creation times: those a continued request can return
/// again (at the keyset boundary, or every one consumed once the walk reads by page number), and
/// those of the look-back window before the newest one consumed.
/// </remarks>
public sealed class WalkPosition
{
    /// <summary>The version of the token this module writes and the only one it reads.</summary>
    public const int CurrentVersion = 2;

    public const string FindingNewest = "find-newest";
    public const string Keyset = "keyset";
    public const string PageNumbers = "page-numbers";
    public const string Complete = "complete";

    public int Version { get; set; } = CurrentVersion;

    /// <summary><see cref="FindingNewest"/>, <see cref="Keyset"/>, <see cref="PageNumbers"/> or <see cref="Complete"/>.</summary>
    public string Mode { get; set; } = FindingNewest;

    /// <summary>False once a page showed the server not sorting as asked.</summary>
    public bool SortTrusted { get; set; } = true;

    /// <summary>True once the walk has compared the two ends of its range (<see cref="SortCheck"/>); a walk resumed before that checks on its first page.</summary>
    public bool SortChecked { get; set; }

    /// <summary>Where the keyset walk stood when it fell back, the server seen to sort: what lies past it was consumed.</summary>
    public DateTime? PassedBoundary { get; set; }

    /// <summary>True once the walk stopped trusting the server (it has said so).</summary>
    public bool FellBack { get; set; }

    /// <summary>True once the walk said that the server ignores the date range.</summary>
    public bool WarnedOfDates { get; set; }

    /// <summary>The start of the range this run reads: the query's, or for an incremental run the look-back window's.</summary>
    public DateTime? RunFrom { get; set; }

    public DateTime? UpperEnd { get; set; }

    public DateTime? Boundary { get; set; }

    public int Page { get; set; } = 1;

    public int Limit { get; set; }

    /// <summary>The last creation time of the page before, in the same request series.</summary>
    public DateTime? LastOfPreviousPage { get; set; }

    /// <summary>The read of the block of sessions created at <see cref="Boundary"/>: which read it is.</summary>
    public int TiePass { get; set; } = 1;

    /// <summary>How many sessions at the boundary this read of the block has met, counting repeats.</summary>
    public int TieOccurrences { get; set; }

    /// <summary>True once this read of the block brought a session not consumed before.</summary>
    public bool TieNewFound { get; set; }

    /// <summary>The sessions at the boundary this read of the block has met.</summary>
    public List<Guid> TieIds { get; set; } = new List<Guid>();

    /// <summary>The sessions consumed that the next keyset request can return again.</summary>
    public List<SeenSession> AtBoundary { get; set; } = new List<SeenSession>();

    /// <summary>Once the walk reads by page number: every session it consumed.</summary>
    public List<Guid>? Everything { get; set; }

    /// <summary>Once the walk reads by page number: every session its pages held.</summary>
    public List<Guid>? Paged { get; set; }

    /// <summary>For an incremental run: the sessions of the look-back window an earlier run consumed, not to be written again.</summary>
    public List<Guid> WrittenBefore { get; set; } = new List<Guid>();

    /// <summary>The newest creation time consumed, over every run of the export.</summary>
    public DateTime? Newest { get; set; }

    /// <summary>Set when the walk stopped keeping to the end of its range: the next run looks back from here, not from <see cref="Newest"/>.</summary>
    public DateTime? LookBackFrom { get; set; }

    /// <summary>The sessions consumed within the look-back window before <see cref="Newest"/> (or <see cref="LookBackFrom"/>).</summary>
    public List<SeenSession> Recent { get; set; } = new List<SeenSession>();

    /// <summary>Sessions written or skipped by the walk, over every run that continued it.</summary>
    public long Consumed { get; set; }

    [JsonIgnore]
    public bool IsComplete => Mode == Complete;

    /// <summary>The position as a string to store: read back with <see cref="FromToken"/>.</summary>
    public string ToToken() => JsonSerializer.Serialize(this, WalkPositionJsonContext.Default.WalkPosition);

    /// <summary>Reads a token written by <see cref="ToToken"/>.</summary>
    /// <exception cref="FormatException">The token is not one, or of a version this module does not read.</exception>
    public static WalkPosition FromToken(string token)
    {
        if (token is null)
        {
            throw new ArgumentNullException(nameof(token));
        }

        WalkPosition? position;
        try
        {
            position = JsonSerializer.Deserialize(token, WalkPositionJsonContext.Default.WalkPosition);
        }
        catch (JsonException e)
        {
            throw new FormatException($"This is not a walk position written by the OpenCx module: {e.Message}", e);
        }

        if (position is null)
        {
            throw new FormatException("This is not a walk position written by the OpenCx module: it is empty.");
        }

        if (position.Version != CurrentVersion)
        {
            throw new FormatException(
                $"This walk position is of version {position.Version}; this version of the OpenCx module reads only version {CurrentVersion}. "
                + "Run the export with the module version that wrote it, or start it over.");
        }

        return position;
    }

    /// <summary>
    /// This position with <paramref name="sessions"/> consumed too: where a walk stands that was
    /// stopped after writing part of the page that follows this position. Continued from here,
    /// the walk reads that page again and skips these sessions.
    /// </summary>
    public WalkPosition Including(IEnumerable<ChatSession> sessions, TimeSpan lookBack)
    {
        var position = (WalkPosition)MemberwiseClone();
        position.AtBoundary = new List<SeenSession>(AtBoundary);
        position.Everything = Everything is null ? null : new List<Guid>(Everything);
        var recent = new RecentWindow(lookBack, Newest, Recent, LookBackFrom);
        ChatSession? last = null;
        foreach (ChatSession session in sessions)
        {
            last = session;
            position.Consumed++;
            if (position.Everything is null)
            {
                position.AtBoundary.Add(new SeenSession { Id = session.Id, CreatedAt = session.CreatedAt });
            }
            else
            {
                position.Everything.Add(session.Id);
            }

            recent.Add(session.Id, session.CreatedAt);
        }

        // Newest first, the first page's sessions fix the range's end, as the walk itself does.
        if (Mode == Keyset && Boundary is null && UpperEnd is null && position.Consumed > Consumed)
        {
            position.UpperEnd = recent.Newest;
        }

        // Past the block at the boundary, the page's sessions went down in order up to the last one
        // written: the walk continues from there, so that a session that became visible meanwhile
        // earlier in the page is left behind the cursor (for the look-back window) rather than
        // written out of order.
        if (Mode == Keyset && last is not null && last.CreatedAt != Boundary)
        {
            position.Boundary = last.CreatedAt;
            position.Page = 1;
            position.Limit = 0;
            position.LastOfPreviousPage = null;
            position.TiePass = 1;
            position.TieOccurrences = 0;
            position.TieNewFound = false;
            position.TieIds = new List<Guid>();
        }

        // By page number, the last session written is where the walk stands in the order: a
        // session that became visible before it meanwhile is left behind, not written after it.
        if (Mode == PageNumbers && last is not null)
        {
            position.LastOfPreviousPage = last.CreatedAt;
        }

        position.Newest = recent.Newest;
        position.Recent = recent.Snapshot();
        return position;
    }
}

/// <summary>A session the walk has consumed, as far as paging needs to know it.</summary>
public sealed class SeenSession
{
    public Guid Id { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>Source-generated (de)serialization of the position token: compact JSON.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WalkPosition))]
internal sealed partial class WalkPositionJsonContext : JsonSerializerContext
{
}
