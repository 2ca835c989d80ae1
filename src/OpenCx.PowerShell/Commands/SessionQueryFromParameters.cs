using System;
using System.Collections.Generic;
using System.Linq;
using OpenCx.Client.Querying;
using OpenCx.Commands.Infrastructure;
using OpenCx.Commands.Validation;

namespace OpenCx.Commands;

/// <summary>
/// The one <see cref="SessionQuery"/> Get-OpenCxSession's filter parameters ask for, built once
/// before any request: dates as UTC instants, values in the spec's case, statuses as codes.
/// Refuses what could match no session, or every session by mistake, with a terminating error.
/// </summary>
internal static class SessionQueryFromParameters
{
    public static SessionQuery Build(GetOpenCxSessionCommand command)
    {
        DateTime? after = ToUtc(command.CreatedAfter);
        DateTime? before = ToUtc(command.CreatedBefore);
        if (after >= before)
        {
            command.ThrowTerminatingError(Errors.InvalidArgument(
                "OpenCxDateRangeReversed",
                $"-CreatedAfter ({after:u}) is not earlier than -CreatedBefore ({before:u}), which is exclusive: no session can match. Swap the two dates, or widen the range.",
                command.CreatedAfter));
        }

        bool piped = command.MyInvocation.ExpectingInput;
        string[]? contactIds = command.ContactId;
        if (!piped && command.MyInvocation.BoundParameters.ContainsKey(nameof(GetOpenCxSessionCommand.ContactId))
            && (contactIds is null || contactIds.Length == 0 || contactIds.Any(string.IsNullOrWhiteSpace)))
        {
            command.ThrowTerminatingError(Errors.InvalidArgument(
                "OpenCxEmptyContactId",
                "-ContactId was given no contact id, or a blank one. An empty filter would match every session, so it is refused: leave -ContactId out to read all sessions, or check the variable that should have held the ids.",
                contactIds));
        }

        IReadOnlyList<IReadOnlyDictionary<string, string>>? customData = null;
        if (command.CustomData != null)
        {
            try
            {
                customData = CustomDataFilter.Convert(command.CustomData);
            }
            catch (ArgumentException e)
            {
                command.ThrowTerminatingError(Errors.InvalidArgument("OpenCxInvalidCustomData", e.Message, command.CustomData));
            }
        }

        return new SessionQuery
        {
            CreatedFrom = after,
            CreatedBefore = before,
            Channels = Lower(command.Channel),
            Statuses = command.Status?.Select(ParseStatus).ToArray(),
            AiClosureTypes = Lower(command.AiClosure),
            Sentiments = Lower(command.Sentiment),
            AssigneeIds = command.AssigneeId,
            UnassignedOnly = command.Unassigned,
            TeamIds = command.TeamId,

            // Piped contact ids are read a batch at a time (PipedContactBatches), each a query of its own.
            ContactIds = piped ? null : contactIds,
            TicketNumber = command.TicketNumber,
            Languages = command.Language,
            Tags = command.Tag,
            WaitingOn = command.WaitingOn?.ToLowerInvariant(),
            CustomData = customData,
            SortBy = string.Equals(command.SortBy, "last_message_at", StringComparison.OrdinalIgnoreCase) ? SessionSortField.LastMessageAt : SessionSortField.CreatedAt,
            SortOrder = string.Equals(command.SortOrder, "asc", StringComparison.OrdinalIgnoreCase) ? SessionSortOrder.Ascending : SessionSortOrder.Descending,
        };
    }

    /// <summary>A DateTime of unspecified kind is local time, as Get-Date and [datetime]'2026-01-31' give it.</summary>
    public static DateTime? ToUtc(DateTime? value) => value?.Kind switch
    {
        null => null,
        DateTimeKind.Unspecified => DateTime.SpecifyKind(value.Value, DateTimeKind.Local).ToUniversalTime(),
        _ => value.Value.ToUniversalTime(),
    };

    /// <summary>A name or a custom status id, already checked by ValidateStatus.</summary>
    private static long ParseStatus(string text)
    {
        SessionStatuses.TryParse(text, out long code);
        return code;
    }

    private static string[]? Lower(string[]? values) =>
        values?.Select(v => v.ToLowerInvariant()).ToArray();
}
