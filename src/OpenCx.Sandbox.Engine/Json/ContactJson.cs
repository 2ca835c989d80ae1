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

    public static void Write(Utf8JsonWriter writer, JsonEncodedText name, Contact contact)
    {
        writer.WriteStartObject(name);
        writer.WriteString(Id, contact.Id);
        SessionJson.WriteStringOrNull(writer, Email, contact.Email);
        SessionJson.WriteStringOrNull(writer, PhoneNumber, contact.PhoneNumber);
        SessionJson.WriteStringOrNull(writer, Name, contact.Name);
        if (contact.CustomData is null)
        {
            writer.WriteNull(CustomData);
        }
        else
        {
            CustomDataJson.Write(writer, CustomData, contact.CustomData);
        }

        Timestamp.Write(writer, CreatedAt, contact.CreatedAtMs);
        Timestamp.Write(writer, UpdatedAt, contact.UpdatedAtMs);
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
}
