using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests.Transport;

/// <summary>
/// The client's namespaces depend one way, the transport near the bottom: a namespace names only
/// those before it in <see cref="Layers"/>, so no two go round in a loop (as Http, Wire and
/// Querying once did, and Http with the cursor and list endpoints after them).
/// </summary>
public sealed class LayeringTests
{
    private static readonly string[] Layers = { "Wire", "Http", "Cursors", "Querying", "Listing", "Checkpoints", "Export" };

    private static readonly Regex Named = new(@"\bOpenCx\.Client\.(?<layer>[A-Z][A-Za-z]*)\b", RegexOptions.Compiled);

    [Fact]
    public void Each_namespace_of_the_client_uses_only_those_below_it()
    {
        var upward = new List<string>();
        string client = Path.Combine(RepoPaths.Root, "src", "OpenCx.Client");
        foreach (string file in Directory.EnumerateFiles(client, "*.cs", SearchOption.AllDirectories))
        {
            string[] folders = Path.GetRelativePath(client, file).Split(Path.DirectorySeparatorChar);
            if (folders[0] is "obj" or "bin")
            {
                continue;
            }

            string text = File.ReadAllText(file);
            Match declared = Regex.Match(text, @"^namespace OpenCx\.Client\.(?<layer>[A-Za-z]+);", RegexOptions.Multiline);
            if (!declared.Success)
            {
                continue;
            }

            int own = Array.IndexOf(Layers, declared.Groups["layer"].Value);
            Assert.True(own >= 0, $"{file}: namespace {declared.Groups["layer"].Value} has no place in the layers; add it where it belongs");
            foreach (Match named in Named.Matches(text).Cast<Match>())
            {
                int used = Array.IndexOf(Layers, named.Groups["layer"].Value);
                if (used > own)
                {
                    upward.Add($"{Path.GetRelativePath(RepoPaths.Root, file)} ({Layers[own]}) names {named.Value}");
                }
            }
        }

        Assert.Empty(upward);
    }
}
