using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace OpenCx.Commands.Completion;

/// <summary>
/// The languages, teams and assignees of the sessions this runspace has written, for tab
/// completion of -Language, -TeamId and -AssigneeId: the API has no list of any of them. Per runspace, like the connection, and
/// bounded, so a long export cannot grow it.
/// </summary>
internal sealed class SeenValues
{
    /// <summary>More than a completion list can usefully show; the first ones seen are kept.</summary>
    internal const int MaximumPerKind = 100;

    private static readonly ConditionalWeakTable<Runspace, SeenValues> PerRunspace = new ConditionalWeakTable<Runspace, SeenValues>();

    private readonly HashSet<string> _languages = new HashSet<string>(StringComparer.Ordinal);
    private readonly Dictionary<Guid, string> _teams = new Dictionary<Guid, string>();
    private readonly HashSet<long> _assignees = new HashSet<long>();

    /// <summary>The values of the runspace this thread runs (the pipeline's, or completion's).</summary>
    public static SeenValues ForThisRunspace => PerRunspace.GetValue(Runspace.DefaultRunspace, _ => new SeenValues());

    public void Remember(ChatSession session) => Remember(session.Language, session.Team?.Id, session.Team?.Name, session.AssigneeId);

    internal void Remember(string? language, Guid? teamId, string? teamName, string? assigneeId = null)
    {
        lock (_languages)
        {
            if (!string.IsNullOrEmpty(language) && _languages.Count < MaximumPerKind)
            {
                _languages.Add(language!);
            }

            if (teamId.HasValue && (_teams.Count < MaximumPerKind || _teams.ContainsKey(teamId.Value)))
            {
                _teams[teamId.Value] = teamName ?? string.Empty;
            }

            // -AssigneeId takes numbers: an id that is not one could not be given back.
            if (long.TryParse(assigneeId, NumberStyles.None, CultureInfo.InvariantCulture, out long assignee) && _assignees.Count < MaximumPerKind)
            {
                _assignees.Add(assignee);
            }
        }
    }

    public IReadOnlyList<string> Languages()
    {
        lock (_languages)
        {
            return _languages.OrderBy(l => l, StringComparer.Ordinal).ToArray();
        }
    }

    public IReadOnlyList<long> Assignees()
    {
        lock (_languages)
        {
            return _assignees.OrderBy(a => a).ToArray();
        }
    }

    /// <summary>Team ids with their names, by name.</summary>
    public IReadOnlyList<KeyValuePair<Guid, string>> Teams()
    {
        lock (_languages)
        {
            return _teams.OrderBy(t => t.Value, StringComparer.OrdinalIgnoreCase).ToArray();
        }
    }
}
