using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Commands.Infrastructure;

namespace OpenCx.Commands;

/// <summary>
/// Get-OpenCxSession -Id: each session through GET /chat/sessions/{id}, one request per id,
/// written as the filter writes sessions. An id given twice in one command is read once. A
/// session that does not exist is a non-terminating error and the next id is read; an id that
/// is no session id is refused before any request.
/// </summary>
internal sealed class SessionByIdReading
{
    public const string ParameterSet = "ById";

    /// <summary>
    /// A session's id as the spec writes it (the UUID pattern of GetChatSessionOutput.id in the
    /// filter spec, which the by-id endpoint returns): held to the spec by SpecValuesTests.
    /// </summary>
    internal const string IdPattern =
        "^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$";

    private static readonly Regex IdFormat = new Regex(IdPattern, RegexOptions.CultureInvariant);

    private readonly GetOpenCxSessionCommand _command;
    private readonly HashSet<Guid> _asked = new HashSet<Guid>();
    private int _given;
    private int _done;

    private SessionByIdReading(GetOpenCxSessionCommand command)
    {
        _command = command;
    }

    /// <summary>Refuses, before any request, what does not go with ids; throws a terminating error.</summary>
    public static SessionByIdReading Plan(GetOpenCxSessionCommand command)
    {
        string[] paging = new[] { "First", "Skip", "IncludeTotalCount" }.Where(command.MyInvocation.BoundParameters.ContainsKey).ToArray();
        if (paging.Length > 0)
        {
            command.ThrowTerminatingError(Errors.InvalidArgument(
                "OpenCxPagingWithId",
                $"-{string.Join(" and -", paging)} {(paging.Length == 1 ? "pages" : "page")} through the sessions a filter matches; with -Id the sessions are the ids given. Give only the ids you want, or pipe the output to Select-Object -First.",
                command.MyInvocation.BoundParameters[paging[0]]));
        }

        if (!command.MyInvocation.ExpectingInput && (command.Id is null || command.Id.Length == 0))
        {
            command.ThrowTerminatingError(Errors.InvalidArgument(
                "OpenCxEmptyId",
                "-Id was given no session id. Give the ids of the sessions to read, or check the variable that should have held them.",
                command.Id));
        }

        return new SessionByIdReading(command);
    }

    /// <summary>Reads the sessions of one call of ProcessRecord: every id is checked before the first request.</summary>
    public void Read()
    {
        IEnumerable<string?> texts = (_command.Id ?? Array.Empty<string>()).Concat(_command.InputObject is null ? Array.Empty<string>() : new[] { _command.InputObject.Text });
        var ids = new List<Guid>();
        foreach (string? text in texts)
        {
            if (!IsSessionId(text))
            {
                _command.WriteError(Errors.InvalidArgument(
                    "OpenCxInvalidSessionId",
                    $"'{text}' is not a session id: give the UUID of a session (the Id of what Get-OpenCxSession writes, 8-4-4-4-12 hexadecimal digits). No request was sent for it.",
                    text));
                continue;
            }

            var id = Guid.Parse(text!);
            if (_asked.Add(id))
            {
                ids.Add(id);
            }
            else
            {
                _command.WriteVerbose($"Session {id}: given before in this command, read once.");
            }
        }

        // Given as a parameter, every id is known at once: the progress can say how many are left.
        if (!_command.MyInvocation.ExpectingInput)
        {
            _given = ids.Count;
        }

        foreach (Guid id in ids)
        {
            ReadOne(id);
        }
    }

    /// <summary>The whole text matches: .NET's $ also matches before a final line break, the spec's (ECMA-262) does not.</summary>
    private static bool IsSessionId(string? text) =>
        text is not null && IdFormat.Match(text) is { Success: true } match && match.Length == text.Length;

    private void ReadOne(Guid id)
    {
        var progress = new ProgressRecord(GetOpenCxSessionCommand.ProgressId, _command.ProgressActivity, _given > 0
            ? $"Session {id}: {_done + 1} of {_given}"
            : $"Session {id}: {_done} done so far");
        if (_given > 0)
        {
            progress.PercentComplete = _done * 100 / _given;
        }

        _command.WriteProgress(progress);
        (ChatSession? session, OpenCxException? failure) = _command.AwaitClient(GetAsync(id));
        if (failure is null)
        {
            _command.Delivery.Write(new[] { session! }, _ => { });
            _done++;
            return;
        }

        if (failure.Kind == OpenCxErrorKind.SessionNotFound)
        {
            // One missing session (deleted, or a typo) must not stop the others.
            _command.WriteError(ApiErrors.ToErrorRecord(failure, id.ToString()));
            _done++;
            return;
        }

        _command.WriteProgress(new ProgressRecord(GetOpenCxSessionCommand.ProgressId, _command.ProgressActivity, "Failed") { RecordType = ProgressRecordType.Completed });
        _command.ThrowTerminatingError(ApiErrors.ToErrorRecord(
            failure,
            id.ToString(),
            $"The sessions before {id} were written; run the command again with the ids from {id} on."));
    }

    /// <summary>The session, or why not: a missing session is not the end of the command.</summary>
    private async Task<(ChatSession? Session, OpenCxException? Failure)> GetAsync(Guid id)
    {
        try
        {
            return (await _command.ConnectionInUse.Client.GetSessionAsync(id, _command.Trace, _command.StopToken).ConfigureAwait(false), null);
        }
        catch (OpenCxException e)
        {
            return (null, e);
        }
    }
}
