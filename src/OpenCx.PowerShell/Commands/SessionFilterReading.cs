using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OpenCx.Client.Checkpoints;
using OpenCx.Client.Export;
using OpenCx.Client.Querying;
using OpenCx.Commands.Infrastructure;

namespace OpenCx.Commands;

/// <summary>
/// Get-OpenCxSession through the filter endpoint: writes the pages of the client's walk as it
/// hands them over, and with -Checkpoint records after each page where the export stands, once a
/// durable sink downstream holds the page, so that running the same command again resumes it.
/// Holds the checkpoint's lock from the plan to the end of the command.
/// </summary>
internal sealed class SessionFilterReading : IDisposable
{
    private readonly GetOpenCxSessionCommand _command;
    private readonly PagingBudget _budget;
    private readonly ExportCheckpoint? _checkpoint;
    private readonly HashSet<string> _warnings = new HashSet<string>(StringComparer.Ordinal);
    private int _pagesRead;

    private SessionFilterReading(GetOpenCxSessionCommand command, PagingBudget budget, ExportCheckpoint? checkpoint)
    {
        _command = command;
        _budget = budget;
        _checkpoint = checkpoint;
    }

    /// <summary>True when a checkpoint records what the run wrote: sessions go out tagged for a durable sink downstream.</summary>
    public bool Checkpointed => _checkpoint is not null;

    /// <summary>The checkpoint's file, which a rerun resumes from; null without -Checkpoint.</summary>
    public string? CheckpointPath => _checkpoint?.Path;

    /// <summary>Lets go of the checkpoint's lock.</summary>
    public void Dispose() => _checkpoint?.Dispose();

    /// <summary>Opens the checkpoint, if any, before any request: another export's file stops the command here.</summary>
    public static SessionFilterReading Plan(GetOpenCxSessionCommand command, SessionQuery query, PagingBudget budget) =>
        new SessionFilterReading(command, budget, OpenCheckpoint(command, query));

    /// <summary>Writes every new session of one query, page by page, as the client's walk hands them over.</summary>
    /// <returns>Where the walk ended.</returns>
    public WalkPosition Read(SessionQuery query)
    {
        if (_budget.IsSatisfied)
        {
            return new WalkPosition();
        }

        SessionWalk walk = _checkpoint is null
            ? new SessionWalk(_command.ConnectionInUse.Client, query, _budget, Options())
            : new SessionWalk(_command.ConnectionInUse.Client, _checkpoint.QueryForThisRun, _budget, Options(), _checkpoint.ResumeFrom);
        Write(walk);
        return walk.Position;
    }

    /// <summary>
    /// Writes the pages of a walk (a whole read, or one poll of -Follow), and with a checkpoint
    /// records after each page where the walk stands (and, when the pipeline stops inside a page,
    /// the sessions of it that went down).
    /// </summary>
    public void Write(SessionWalk walk)
    {
        WalkPosition? beforePage = _checkpoint is not null ? walk.Position : null;
        SessionDelivery delivery = _command.Delivery;
        while (_command.AwaitClient(walk.NextAsync(_command.Trace, _command.StopToken)) is WalkPage page)
        {
            foreach (string check in page.SortChecks)
            {
                _command.WriteVerbose($"Checked that the server sorts by created_at at all ({check}).");
            }

            foreach (string warning in page.Warnings)
            {
                WriteServerWarning(warning);
            }

            if (page.FindsNewest)
            {
                _command.WriteVerbose($"Found where the range ends, at the newest matching session ({page.Request}); {(page.IsLast ? "no session matches." : "reading the sessions.")}");
            }
            else if (page.Request.Length > 0)
            {
                // A page without a request holds only what the checks of the order found after the last page.
                _pagesRead++;
                _command.WriteVerbose($"Page {_pagesRead}: {page.Sessions.Count} new session(s), {delivery.Written + page.Sessions.Count} so far ({page.Request}); {(page.IsLast ? "no more pages." : "reading the next page.")}");
            }

            delivery.Write(page.Sessions, taken =>
            {
                // Stopped inside the page: the checkpoint records the sessions that went down, so none is written twice.
                if (beforePage is not null)
                {
                    SaveWhileStopping(beforePage.Including(page.Sessions.Take(taken), walk.LookBack));
                }
            });

            if (beforePage is not null)
            {
                beforePage = walk.Position;
                Save(beforePage);
            }

            _command.WriteProgress(new ProgressRecord(GetOpenCxSessionCommand.ProgressId, _command.ProgressActivity, $"{delivery.Written} sessions from {_pagesRead} page(s)"));
        }
    }

    /// <summary>How the client walks: -PageSize, the connection's read-ahead, -LookBackSec.</summary>
    public WalkOptions Options() => new()
    {
        PageSize = _command.PageSize,
        ReadAhead = _command.ConnectionInUse.ReadAhead,
        LookBack = TimeSpan.FromSeconds(_command.LookBackSec),
    };

    /// <summary>What the walk says of the server and of pages it did not write in full; the same words once per command.</summary>
    private void WriteServerWarning(string warning)
    {
        if (_warnings.Add(warning))
        {
            _command.WriteWarning(warning);
        }
    }

    private void Save(WalkPosition position)
    {
        try
        {
            _command.Delivery.MakeDurable();
            _checkpoint!.Save(position);
        }
        catch (CheckpointException e)
        {
            _command.ThrowTerminatingError(Errors.Checkpoint(e, _checkpoint!.Path));
        }
        catch (ExportFileException e)
        {
            _command.ThrowTerminatingError(Errors.ExportFile(e));
        }
    }

    private void SaveWhileStopping(WalkPosition position)
    {
        try
        {
            _command.Delivery.MakeDurable();
            _checkpoint!.Save(position);
        }
        catch (Exception e) when (e is CheckpointException || e is ExportFileException)
        {
            // The pipeline is stopping and takes no more records; the file still holds the page
            // before, so the next run writes this page's first sessions again rather than lose any.
        }
    }

    private static ExportCheckpoint? OpenCheckpoint(GetOpenCxSessionCommand command, SessionQuery query)
    {
        if (command.Checkpoint is null)
        {
            return null;
        }

        if (command.MyInvocation.ExpectingInput || command.PagingParameters.Skip > 0)
        {
            command.ThrowTerminatingError(Errors.InvalidArgument(
                "OpenCxCheckpointNotResumable",
                "-Checkpoint records one export of fixed filters: it does not combine with piped contact ids or -Skip. Give the filters as parameters, without -Skip.",
                command.Checkpoint));
        }

        string path = command.SessionState.Path.GetUnresolvedProviderPathFromPSPath(command.Checkpoint);
        try
        {
            var checkpoint = ExportCheckpoint.Open(path, command.ConnectionInUse.Client, query, command.PageSize);
            command.WriteVerbose(checkpoint.Describe());
            return checkpoint;
        }
        catch (CheckpointException e)
        {
            command.ThrowTerminatingError(Errors.Checkpoint(e, path));
            throw;
        }
    }
}
