using System;
using System.Collections.Generic;
using OpenCx.Client.Querying;

namespace OpenCx.Commands;

/// <summary>
/// Contact ids piped to Get-OpenCxSession (objects with a ContactId), read through the filter
/// endpoint a batch at a time, each batch one query with the command's other filters. A contact
/// piped twice is read once; a piped object without a contact id adds nothing.
/// </summary>
internal sealed class PipedContactBatches
{
    /// <summary>Piped contact ids per request: few requests for many contacts, bodies still small.</summary>
    private const int BatchSize = 100;

    private readonly GetOpenCxSessionCommand _command;
    private readonly SessionFilterReading _filter;
    private readonly SessionQuery _query;
    private readonly List<string> _pending = new List<string>();
    private readonly HashSet<string> _queued = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public PipedContactBatches(GetOpenCxSessionCommand command, SessionFilterReading filter, SessionQuery query)
    {
        _command = command;
        _filter = filter;
        _query = query;
    }

    /// <summary>Queues the ids of one piped object; reads the batch once it is full.</summary>
    public void Add(string[]? contactIds)
    {
        foreach (string id in contactIds ?? Array.Empty<string>())
        {
            if (!string.IsNullOrWhiteSpace(id) && _queued.Add(id))
            {
                _pending.Add(id);
            }
        }

        if (_pending.Count >= BatchSize)
        {
            ReadPending();
        }
    }

    /// <summary>Reads the last batch, once the pipeline has no more input.</summary>
    public void ReadRest()
    {
        if (_pending.Count > 0)
        {
            ReadPending();
        }
    }

    private void ReadPending()
    {
        string[] batch = _pending.ToArray();
        _pending.Clear();
        _command.WriteVerbose($"Querying the sessions of {batch.Length} piped contact(s) in one request series.");
        _filter.Read(_query.ForContacts(batch));
    }
}
