using System.Globalization;
using System.Text.Json;
using OpenCx.Sandbox.Data;

namespace OpenCx.Sandbox.Json;

/// <summary>
/// Writes a GetChatSessionOutput. Only what the schema names (it forbids anything else), and
/// optional properties the session does not have are left out, never written as null where
/// the schema has no null.
/// </summary>
internal static class SessionJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText AiClosureType = JsonEncodedText.Encode("ai_closure_type");
    private static readonly JsonEncodedText Sentiment = JsonEncodedText.Encode("sentiment");
    private static readonly JsonEncodedText Channel = JsonEncodedText.Encode("channel");
    private static readonly JsonEncodedText Type = JsonEncodedText.Encode("type");
    private static readonly JsonEncodedText ContactName = JsonEncodedText.Encode("contact");
    private static readonly JsonEncodedText Language = JsonEncodedText.Encode("language");
    private static readonly JsonEncodedText AssigneeId = JsonEncodedText.Encode("assignee_id");
    private static readonly JsonEncodedText CustomData = JsonEncodedText.Encode("custom_data");
    private static readonly JsonEncodedText TeamName = JsonEncodedText.Encode("team");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText HandoffName = JsonEncodedText.Encode("handoff");
    private static readonly JsonEncodedText Summary = JsonEncodedText.Encode("summary");
    private static readonly JsonEncodedText TicketingSystemName = JsonEncodedText.Encode("ticketing_system");
    private static readonly JsonEncodedText ExternalId = JsonEncodedText.Encode("external_id");
    private static readonly JsonEncodedText IdType = JsonEncodedText.Encode("id_type");
    private static readonly JsonEncodedText TicketNumber = JsonEncodedText.Encode("ticket_number");
    private static readonly JsonEncodedText AssistMode = JsonEncodedText.Encode("assist_mode");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updated_at");

    /// <param name="oddValues">Write the odd values the spec allows (<see cref="OddValues"/>).</param>
    public static void Write(Utf8JsonWriter writer, Session session, bool oddValues = false)
    {
        long ticket = session.TicketNumber;
        writer.WriteStartObject();
        writer.WriteString(Id, oddValues && OddValues.Turn(ticket) == 2 ? session.Id.ToUpperInvariant() : session.Id);
        writer.WriteString(Status, SessionStatus.OutputName(session.StatusId));
        WriteStringOrNull(writer, AiClosureType, session.AiClosureType);
        WriteStringOrNull(writer, Sentiment, session.Sentiment);

        writer.WriteStartObject(Channel);
        writer.WriteString(Type, session.Channel);
        writer.WriteEndObject();

        if (session.Contact is not null)
        {
            ContactJson.Write(writer, ContactName, session.Contact, oddValues ? ticket : null);
        }

        if (session.Language is not null)
        {
            writer.WriteString(Language, oddValues ? OddValues.Empty(ticket, session.Language) : session.Language);
        }

        if (session.AssigneeId is long assigneeId)
        {
            writer.WriteString(AssigneeId, assigneeId.ToString(CultureInfo.InvariantCulture));
        }
        else if (!session.AssigneeOmitted)
        {
            writer.WriteNull(AssigneeId);
        }

        if (session.CustomData is not null)
        {
            CustomDataJson.Write(writer, CustomData, session.CustomData);
        }

        if (session.Team is not null)
        {
            WriteTeam(writer, session.Team, oddValues ? ticket : null);
        }

        if (session.Handoff is not null)
        {
            WriteHandoff(writer, session.Handoff);
        }

        if (session.TicketingSystem is not null)
        {
            WriteTicketingSystem(writer, session.TicketingSystem);
        }

        if (oddValues && OddValues.Turn(ticket) != 3)
        {
            OddValues.WriteTicketNumber(writer, TicketNumber, ticket);
        }
        else
        {
            writer.WriteNumber(TicketNumber, ticket);
        }

        writer.WriteBoolean(AssistMode, session.AssistMode);
        Timestamp.Write(writer, CreatedAt, session.CreatedAtMs);
        Timestamp.Write(writer, UpdatedAt, session.UpdatedAtMs);
        writer.WriteEndObject();
    }

    /// <summary>For the properties that are required but nullable.</summary>
    internal static void WriteStringOrNull(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    /// <param name="oddFor">The ticket number choosing the odd values to write, or null for none.</param>
    private static void WriteTeam(Utf8JsonWriter writer, Team team, long? oddFor)
    {
        writer.WriteStartObject(TeamName);
        writer.WriteString(Id, oddFor is long ticket ? OddValues.Id(ticket, team.Id) : team.Id);
        writer.WriteString(Name, team.Name);
        if (team.Description is not null)
        {
            writer.WriteString(Description, team.Description);
        }

        writer.WriteEndObject();
    }

    private static void WriteHandoff(Utf8JsonWriter writer, Handoff handoff)
    {
        writer.WriteStartObject(HandoffName);
        if (handoff.Sentiment is not null)
        {
            writer.WriteString(Sentiment, handoff.Sentiment);
        }

        writer.WriteString(Summary, handoff.Summary);
        writer.WriteEndObject();
    }

    private static void WriteTicketingSystem(Utf8JsonWriter writer, TicketingSystem system)
    {
        writer.WriteStartObject(TicketingSystemName);
        writer.WriteString(Name, system.Name);
        writer.WriteString(ExternalId, system.ExternalId);
        writer.WriteString(IdType, system.IdType);
        writer.WriteEndObject();
    }
}
