using System.Collections.Generic;

namespace OpenCx.Sandbox;

/// <summary>The requests a server has received, safe to add to from Kestrel's threads.</summary>
internal sealed class RequestLog
{
    private readonly List<SandboxRequestLogEntry> entries = new();

    public void Add(SandboxRequestLogEntry entry)
    {
        lock (entries) entries.Add(entry);
    }

    public IReadOnlyList<SandboxRequestLogEntry> Snapshot()
    {
        lock (entries) return entries.ToArray();
    }

    public void Clear()
    {
        lock (entries) entries.Clear();
    }
}
