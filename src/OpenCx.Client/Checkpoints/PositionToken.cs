using System;
using System.Text.Json;
using OpenCx.Client.Querying;

namespace OpenCx.Client.Checkpoints;

/// <summary>
/// The walk's position as the string the checkpoint file stores. The file never looks inside:
/// the prefix names the format, so that the walk can read the tokens of earlier versions.
/// </summary>
internal static class PositionToken
{
    /// <summary>Version 1: the position as the version 1 checkpoint file held it, as JSON.</summary>
    private const string Version1 = "1:";

    public static string Write(WalkPosition position) =>
        Version1 + JsonSerializer.Serialize(position, PositionJsonContext.Default.WalkPosition);

    /// <summary>A position from <see cref="Write"/>'s string, or from a version 1 file's position object.</summary>
    /// <exception cref="FormatException">Not a token of a version this module reads.</exception>
    public static WalkPosition Read(string token)
    {
        if (token is null || !token.StartsWith(Version1, StringComparison.Ordinal))
        {
            throw new FormatException("the position was written by a version of the module that this one cannot read.");
        }

        try
        {
            return JsonSerializer.Deserialize(token.Substring(Version1.Length), PositionJsonContext.Default.WalkPosition)
                ?? throw new FormatException("the position is empty.");
        }
        catch (JsonException e)
        {
            throw new FormatException("the position is damaged: " + e.Message, e);
        }
    }

    /// <summary>The token of a position stored as a JSON object by a version 1 file.</summary>
    public static string FromVersion1(JsonElement position) => Version1 + position.GetRawText();
}
