using System;
using System.Collections.Generic;
using System.Management.Automation;
using OpenCx.Client.Export;
using OpenCx.Commands.Completion;
using OpenCx.Commands.Infrastructure;

namespace OpenCx.Commands;

/// <summary>
/// Hands Get-OpenCxSession's sessions to the pipeline, whichever reading read them, and accounts
/// for what went down: each session is tagged with the connection it was read through and, when
/// a checkpoint records the run, with the run's <see cref="DeliveryLedger"/>, so that a durable
/// sink downstream (Export-OpenCxSession) holds every session before the checkpoint records it.
/// </summary>
internal sealed class SessionDelivery
{
    private readonly GetOpenCxSessionCommand _command;

    // Asked, before each checkpoint, to have the file downstream hold what the checkpoint records.
    private readonly DeliveryLedger _ledger = new DeliveryLedger();
    private readonly bool _checkpointed;

    // The completers' values seen in this runspace, looked up once per command, not per session.
    private readonly SeenValues _seen = SeenValues.ForThisRunspace;

    /// <param name="command">The command whose pipeline the sessions go down.</param>
    /// <param name="checkpointed">True when a checkpoint records what the run writes: sessions go out tagged with the ledger.</param>
    /// <param name="oncePerSession">True for an export of created sessions, false for a change sync (<see cref="DeliveryLedger.OncePerSession"/>).</param>
    public SessionDelivery(GetOpenCxSessionCommand command, bool checkpointed, bool oncePerSession)
    {
        _command = command;
        _checkpointed = checkpointed;
        _ledger.OncePerSession = oncePerSession;
    }

    /// <summary>The sessions written so far by the whole command.</summary>
    public long Written { get; private set; }

    /// <summary>
    /// Writes a page's sessions. When the pipeline stops inside the page (Ctrl+C, or a downstream
    /// Select-Object -First) or a command downstream fails, tells <paramref name="stoppedAfter"/>
    /// how many were delivered, then lets the stop or failure go on. A stop asked for while a
    /// session was being handed over came after it arrived: it counts (unless a file downstream
    /// says it never took it). A failure downstream that came back through the handing over
    /// (a terminating error reaches this command as a stop that nobody asked for) was the next
    /// commands failing on that session: it does not, so that the next run writes it again.
    /// </summary>
    public void Write(IReadOnlyList<ChatSession> sessions, Action<int> stoppedAfter)
    {
        int written = 0;
        ChatSession? handing = null;
        bool askedToStop = false;
        bool complete = false;
        try
        {
            foreach (ChatSession session in sessions)
            {
                if (_command.Stopping)
                {
                    throw new PipelineStoppedException();
                }

                handing = session;
                _command.WriteObject(AsOutput(session));
                handing = null;
                _seen.Remember(session);
                written++;
                Written++;
            }

            complete = true;
        }
        catch (PipelineStoppedException)
        {
            // Ctrl+C, or (handed up as the same exception) Select-Object -First or a failure downstream.
            askedToStop = DownstreamStop.WasFailure(_command) != true;
            throw;
        }
        finally
        {
            if (!complete)
            {
                stoppedAfter(handing is not null && askedToStop && _ledger.MayHaveArrived(handing) ? written + 1 : written);
            }
        }
    }

    /// <summary>Has every durable sink downstream write what it took, before a checkpoint records it.</summary>
    /// <exception cref="ExportFileException">A sink could not.</exception>
    public void MakeDurable() => _ledger.MakeDurable();

    /// <summary>A session tagged with the connection it was read through.</summary>
    private ChatSession AsOutput(ChatSession session)
    {
        session.Connection = _command.ConnectionInUse;
        if (_checkpointed)
        {
            _ledger.Tag(session);
        }

        return session;
    }
}
