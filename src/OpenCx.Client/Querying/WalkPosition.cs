using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace OpenCx.Client.Querying;

/// <summary>
/// Where a walk stands after the last page it handed over: enough to continue it in another
/// process with nothing skipped, and to know where the next incremental run starts.
/// </summary>
/// <remarks>
/// It holds no session but the ids a continued request can return again: those at the keyset
/// boundary, and those at the newest creation time consumed (the next incremental run starts
/// there). A page-number walk continues at its page; the ids it wrote before are not kept.
/// </remarks>
public sealed class WalkPosition
{
    public const string FindingNewest = "find-newest";
    public const string Keyset = "keyset";
    public const string PageNumbers = "page-numbers";
    public const string Complete = "complete";

    /// <summary><see cref="FindingNewest"/>, <see cref="Keyset"/>, <see cref="PageNumbers"/> or <see cref="Complete"/>.</summary>
    public string Mode { get; set; } = FindingNewest;

    /// <summary>False once a page showed the server not sorting as asked.</summary>
    public bool SortTrusted { get; set; } = true;

    /// <summary>True once the walk stopped trusting the server (it has said so).</summary>
    public bool FellBack { get; set; }

    public DateTime? NewestAtStart { get; set; }

    public DateTime? UpperEnd { get; set; }

    public DateTime? Boundary { get; set; }

    public int Page { get; set; } = 1;

    public int Limit { get; set; }

    /// <summary>The sessions consumed that the next keyset request can return again.</summary>
    public List<SeenSession> AtBoundary { get; set; } = new List<SeenSession>();

    /// <summary>The newest creation time consumed so far, and the ids consumed at it.</summary>
    public DateTime? Newest { get; set; }

    public List<Guid> AtNewest { get; set; } = new List<Guid>();

    /// <summary>Sessions written or skipped by the walk, over every run that continued it.</summary>
    public long Consumed { get; set; }

    [JsonIgnore]
    public bool IsComplete => Mode == Complete;

    /// <summary>
    /// This position with <paramref name="sessions"/> consumed too: where a walk stands that was
    /// stopped after writing part of the page that follows this position. Continued from here,
    /// the walk reads that page again and skips these sessions.
    /// </summary>
    public WalkPosition Including(IEnumerable<ChatSession> sessions)
    {
        var position = (WalkPosition)MemberwiseClone();
        position.AtBoundary = new List<SeenSession>(AtBoundary);
        position.AtNewest = new List<Guid>(AtNewest);
        foreach (ChatSession session in sessions)
        {
            position.AtBoundary.Add(new SeenSession { Id = session.Id, CreatedAt = session.CreatedAt });
            position.Consumed++;
            if (position.Newest is null || session.CreatedAt > position.Newest)
            {
                position.Newest = session.CreatedAt;
                position.AtNewest.Clear();
            }

            if (session.CreatedAt == position.Newest)
            {
                position.AtNewest.Add(session.Id);
            }
        }

        return position;
    }
}

/// <summary>A session the walk has consumed, as far as paging needs to know it.</summary>
public sealed class SeenSession
{
    public Guid Id { get; set; }

    public DateTime CreatedAt { get; set; }
}
