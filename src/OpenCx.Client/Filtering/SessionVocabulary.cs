using System;
using System.Collections.Generic;

namespace OpenCx
{
    /// <summary>
    /// The spec's closed sets of values, in one place: parameter validation, completion and the
    /// request writer all read them from here.
    /// </summary>
    public static class SessionVocabulary
    {
        public static readonly IReadOnlyList<string> Channels = new[]
        {
            "web", "email", "phone_voice", "slack", "sms", "whatsapp", "instagram", "messenger", "api", "web_voice",
        };

        /// <summary>The named statuses, in the order of their codes (0, 1, 2); custom statuses are integer ids.</summary>
        public static readonly IReadOnlyList<string> StatusNames = new[] { "open", "closed_resolved", "closed_unresolved" };

        public static readonly IReadOnlyList<string> AiClosureTypes = new[] { "assumed_resolved", "handed_off", "resolved" };

        public static readonly IReadOnlyList<string> Sentiments = new[] { "angry", "happy", "neutral" };

        public static readonly IReadOnlyList<string> WaitingOn = new[] { "customers", "human_agents" };

        public static readonly IReadOnlyList<string> SortFields = new[] { "created_at", "last_message_at" };

        public static readonly IReadOnlyList<string> SortOrders = new[] { "desc", "asc" };

        /// <summary>Reads a status given as a name (open, closed_resolved, closed_unresolved) or a non-negative integer id.</summary>
        public static bool TryParseStatus(string text, out long code)
        {
            int index = IndexOf(StatusNames, text);
            if (index >= 0)
            {
                code = index;
                return true;
            }

            return long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out code);
        }

        private static int IndexOf(IReadOnlyList<string> values, string text)
        {
            for (int i = 0; i < values.Count; i++)
            {
                if (string.Equals(values[i], text, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
