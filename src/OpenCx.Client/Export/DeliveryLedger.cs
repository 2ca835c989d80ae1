using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace OpenCx.Client.Export;

/// <summary>
/// How a checkpointed run learns that what it handed over is on disk. The run tags each session
/// it writes with its ledger; a durable sink downstream registers with the ledger of the sessions
/// it receives; before the run records a page in its checkpoint it asks the ledger to have every
/// registered sink make its sessions durable, so the checkpoint never gets ahead of the file.
/// </summary>
/// <remarks>
/// The tag lives beside the session, not in it: nothing serialises it, and a session can be
/// passed around without it.
/// </remarks>
internal sealed class DeliveryLedger
{
    private static readonly ConditionalWeakTable<ChatSession, DeliveryLedger> Tags = new ConditionalWeakTable<ChatSession, DeliveryLedger>();
    private readonly List<IDurableSink> _sinks = new List<IDurableSink>();
    private ChatSession? _lastTaken;

    /// <summary>
    /// True when the run writes each session once (an export of created sessions): a file skips a
    /// session it already holds whatever its UpdatedAt, so a session that changed between a killed
    /// run and its rerun is not written twice. False for a change sync, which writes a session
    /// again each time it changes: a file keeps each state as a row.
    /// </summary>
    public bool OncePerSession { get; set; }

    /// <summary>The ledger of the run that wrote <paramref name="session"/>, if that run keeps one.</summary>
    public static DeliveryLedger? Of(ChatSession session) =>
        Tags.TryGetValue(session, out DeliveryLedger? ledger) ? ledger : null;

    /// <summary>Marks <paramref name="session"/> as written by this run.</summary>
    public void Tag(ChatSession session)
    {
        Tags.Remove(session);
        Tags.Add(session, this);
    }

    /// <summary>A sink that will be asked to make its sessions durable before each checkpoint; once each.</summary>
    public void Register(IDurableSink sink)
    {
        if (!_sinks.Contains(sink))
        {
            _sinks.Add(sink);
        }
    }

    /// <summary>A sink has taken <paramref name="session"/> (written it, or found it already in its file).</summary>
    public void Took(ChatSession session) => _lastTaken = session;

    /// <summary>
    /// Whether <paramref name="session"/>, whose handing over a stop interrupted, can have reached
    /// the end of the pipeline: without a sink the run cannot know and counts it, as the stop came
    /// from downstream; with one, only if a sink took it.
    /// </summary>
    public bool MayHaveArrived(ChatSession session) => _sinks.Count == 0 || ReferenceEquals(_lastTaken, session);

    /// <summary>Has every registered sink write its sessions to disk.</summary>
    /// <exception cref="ExportFileException">A sink could not.</exception>
    public void MakeDurable()
    {
        foreach (IDurableSink sink in _sinks)
        {
            sink.MakeDurable();
        }
    }
}
