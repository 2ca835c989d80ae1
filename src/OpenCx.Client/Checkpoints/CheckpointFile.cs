using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;
using OpenCx.Client.Querying;

namespace OpenCx.Client.Checkpoints;

/// <summary>Reads a checkpoint file of this version, or of version 1 (converted on reading).</summary>
internal static class CheckpointFile
{
    /// <exception cref="CheckpointException">The file cannot be read, or is of a version this module does not know.</exception>
    public static CheckpointDocument Read(string path, SessionQuery query)
    {
        try
        {
            byte[] bytes = File.ReadAllBytes(path);
            using var json = JsonDocument.Parse(bytes);
            int version = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("version", out JsonElement v) && v.TryGetInt32(out int number) ? number : 0;
            return version switch
            {
                CheckpointDocument.CurrentVersion => JsonSerializer.Deserialize(bytes, CheckpointJsonContext.Default.CheckpointDocument)!,
                1 => FromVersion1(json.RootElement, query),
                _ => throw new CheckpointException(
                    $"{path} is not a checkpoint this version of the module can read (version {(version == 0 ? "missing" : version.ToString(CultureInfo.InvariantCulture))}, expected {CheckpointDocument.CurrentVersion}). Give -Checkpoint another file, or delete this one to start the export over.",
                    CheckpointProblem.Unusable),
            };
        }
        catch (Exception e) when (e is JsonException || e is IOException || e is UnauthorizedAccessException || e is InvalidOperationException || e is FormatException)
        {
            throw new CheckpointException($"The checkpoint {path} cannot be read: {e.Message} Give -Checkpoint another file, or delete this one to start the export over.", CheckpointProblem.Unusable, e);
        }
    }

    /// <summary>
    /// Version 1 kept the request as it went on the wire, start included, and the position as an
    /// object: the same export when only the start differs; the position becomes a token as it was.
    /// </summary>
    private static CheckpointDocument FromVersion1(JsonElement root, SessionQuery query)
    {
        string recorded = root.GetProperty("query").GetString() ?? string.Empty;
        var document = new CheckpointDocument
        {
            Server = root.GetProperty("server").GetString() ?? string.Empty,
            KeyFingerprint = root.GetProperty("keyFingerprint").GetString() ?? string.Empty,
            PageSize = root.GetProperty("pageSize").GetInt32(),
            UpdatedAt = root.GetProperty("updatedAt").GetDateTime(),
            RunFrom = root.TryGetProperty("runFrom", out JsonElement from) && from.ValueKind == JsonValueKind.String ? from.GetDateTime().ToUniversalTime() : null,
            RunStartedAt = root.GetProperty("runStartedAt").GetDateTime(),
            Position = PositionToken.FromVersion1(root.GetProperty("position")),
        };
        document.WrittenAtRunFrom = new List<Guid>();
        foreach (JsonElement id in root.GetProperty("writtenAtRunFrom").EnumerateArray())
        {
            document.WrittenAtRunFrom.Add(id.GetGuid());
        }

        document.Query = CheckpointIdentity.MatchesVersion1(recorded, RecordedStart(recorded), query) ? CheckpointIdentity.Of(query) : recorded;
        return document;
    }

    /// <summary>The start a version 1 identity was written with: filters.date.from, if any.</summary>
    private static DateTime? RecordedStart(string recorded)
    {
        using var request = JsonDocument.Parse(recorded);
        return request.RootElement.TryGetProperty("filters", out JsonElement filters)
            && filters.TryGetProperty("date", out JsonElement date)
            && date.TryGetProperty("from", out JsonElement from)
            ? DateTime.Parse(from.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            : null;
    }
}
