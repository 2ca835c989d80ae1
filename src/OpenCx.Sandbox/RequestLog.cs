using System.Collections.Generic;

namespace OpenCx.Sandbox;

/// <summary>The requests a server has received, safe to add to from Kestrel's threads.</summary>
internal sealed class RequestLog
{
    private readonly List<SandboxRequestLogEntry> _entries = new();

    public void Add(SandboxRequestLogEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }

    public IReadOnlyList<SandboxRequestLogEntry> Snapshot()
    {
        lock (_entries)
        {
            return _entries.ToArray();
        }
    }

    public void Clear()
    {
        lock (_entries)
        {
            _entries.Clear();
        }
    }
}
