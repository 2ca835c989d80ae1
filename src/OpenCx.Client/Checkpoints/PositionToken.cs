using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using OpenCx.Client.Querying;

namespace OpenCx.Client.Checkpoints;

/// <summary>
/// The walk's position as the string the checkpoint file stores. The file never looks inside:
/// the walk writes and reads its own tokens (<see cref="WalkPosition.ToToken"/>); only the
/// tokens of version 1 ("1:" and the position as JSON) are converted here.
/// </summary>
internal static class PositionToken
{
    /// <summary>Version 1: the position as the version 1 checkpoint file held it, as JSON.</summary>
    private const string Version1 = "1:";

    public static string Write(WalkPosition position) => position.ToToken();

    /// <summary>
    /// A position from <see cref="Write"/>'s string, or from a version 1 token, whose run started
    /// at <paramref name="runFrom"/> and had written <paramref name="writtenAtRunFrom"/> there.
    /// </summary>
    /// <exception cref="FormatException">Not a token of a version this module reads.</exception>
    public static WalkPosition Read(string token, DateTime? runFrom, IReadOnlyCollection<Guid>? writtenAtRunFrom)
    {
        if (token is null || !token.StartsWith(Version1, StringComparison.Ordinal))
        {
            return WalkPosition.FromToken(token!);
        }

        Version1Position old;
        try
        {
            old = JsonSerializer.Deserialize(token.Substring(Version1.Length), PositionJsonContext.Default.Version1Position)
                ?? throw new FormatException("the position is empty.");
        }
        catch (JsonException e)
        {
            throw new FormatException("the position is damaged: " + e.Message, e);
        }

        // Version 1 kept only the ids at the newest creation time; they are its look-back window.
        var position = new WalkPosition
        {
            Mode = old.Mode,
            SortTrusted = old.SortTrusted,
            FellBack = old.FellBack,
            RunFrom = runFrom,
            UpperEnd = old.UpperEnd,
            Boundary = old.Boundary,
            Page = old.Page,
            Limit = old.Limit,
            AtBoundary = old.AtBoundary,
            WrittenBefore = writtenAtRunFrom?.ToList() ?? new List<Guid>(),
            Newest = old.Newest,
            Consumed = old.Consumed,
        };
        if (old.Newest is DateTime newest)
        {
            position.Recent = old.AtNewest.ConvertAll(id => new SeenSession { Id = id, CreatedAt = newest });
        }

        return position;
    }

    /// <summary>The token of a position stored as a JSON object by a version 1 file.</summary>
    public static string FromVersion1(JsonElement position) => Version1 + position.GetRawText();
}

/// <summary>The walk position as version 1 wrote it: read only, to continue an export begun then.</summary>
internal sealed class Version1Position
{
    public string Mode { get; set; } = WalkPosition.FindingNewest;

    public bool SortTrusted { get; set; } = true;

    public bool FellBack { get; set; }

    public DateTime? UpperEnd { get; set; }

    public DateTime? Boundary { get; set; }

    public int Page { get; set; } = 1;

    public int Limit { get; set; }

    public List<SeenSession> AtBoundary { get; set; } = new List<SeenSession>();

    public DateTime? Newest { get; set; }

    public List<Guid> AtNewest { get; set; } = new List<Guid>();

    public long Consumed { get; set; }
}
