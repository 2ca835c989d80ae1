using System.Text.Json;
using OpenCx.Sandbox.Data;

namespace OpenCx.Sandbox.Json;

/// <summary>Writes a session's contact: every property is required, so nulls are written.</summary>
internal static class ContactJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText PhoneNumber = JsonEncodedText.Encode("phone_number");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText CustomData = JsonEncodedText.Encode("custom_data");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("created_at");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updated_at");
    private static readonly JsonEncodedText NonVerifiedName = JsonEncodedText.Encode("non_verified_name");
    private static readonly JsonEncodedText NonVerifiedEmail = JsonEncodedText.Encode("non_verified_email");
    private static readonly JsonEncodedText NonVerifiedCustomData = JsonEncodedText.Encode("non_verified_custom_data");

    /// <param name="oddFor">The ticket number choosing the odd values to write (<see cref="OddValues"/>), or null for none.</param>
    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, Contact contact, long? oddFor = null)
    {
        writer.WriteStartObject(name);
        writer.WriteString(Id, oddFor is long ticket ? OddValues.Id(ticket, contact.Id) : contact.Id);
        SessionJson.WriteStringOrNull(writer, Email, contact.Email);
        SessionJson.WriteStringOrNull(writer, PhoneNumber, oddFor is long forPhone ? OddValues.Empty(forPhone, contact.PhoneNumber) : contact.PhoneNumber);
        SessionJson.WriteStringOrNull(writer, Name, oddFor is long forName ? OddValues.Empty(forName, contact.Name) : contact.Name);
        if (contact.CustomData is null)
        {
            writer.WriteNull(CustomData);
        }
        else
        {
            CustomDataJson.Write(writer, CustomData, contact.CustomData);
        }

        WriteDate(writer, CreatedAt, contact.CreatedAtMs, oddFor);
        WriteDate(writer, UpdatedAt, contact.UpdatedAtMs, oddFor + 1);
        SessionJson.WriteStringOrNull(writer, NonVerifiedName, contact.NonVerifiedName);
        SessionJson.WriteStringOrNull(writer, NonVerifiedEmail, contact.NonVerifiedEmail);
        if (contact.NonVerifiedCustomData is null)
        {
            writer.WriteNull(NonVerifiedCustomData);
        }
        else
        {
            CustomDataJson.Write(writer, NonVerifiedCustomData, contact.NonVerifiedCustomData);
        }

        writer.WriteEndObject();
    }

    /// <summary>The spec types a contact's dates as plain strings: with odd values on, some are text that is no date.</summary>
    private static void WriteDate(Utf8JsonWriter writer, JsonEncodedText name, long unixMs, long? oddFor)
    {
        if (oddFor is long ticket && OddValues.ContactDate(ticket) is string text)
        {
            writer.WriteString(name, text);
        }
        else
        {
            Timestamp.Write(writer, name, unixMs);
        }
    }
}
