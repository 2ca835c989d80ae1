using System.Collections.Generic;

namespace OpenCx.Sandbox.Data;

/// <summary>
/// The customer of a session. Every property is required in the output, most of them nullable,
/// so null here is written as JSON null, never omitted.
/// </summary>
internal sealed class Contact
{
    public Contact(
        string id,
        string? email,
        string? phoneNumber,
        string? name,
        IReadOnlyList<KeyValuePair<string, string>>? customData,
        long createdAtMs,
        long updatedAtMs,
        string? nonVerifiedName,
        string? nonVerifiedEmail,
        IReadOnlyList<KeyValuePair<string, CustomDataValue>>? nonVerifiedCustomData)
    {
        Id = id;
        Email = email;
        PhoneNumber = phoneNumber;
        Name = name;
        CustomData = customData;
        CreatedAtMs = createdAtMs;
        UpdatedAtMs = updatedAtMs;
        NonVerifiedName = nonVerifiedName;
        NonVerifiedEmail = nonVerifiedEmail;
        NonVerifiedCustomData = nonVerifiedCustomData;
    }

    public string Id { get; }

    public string? Email { get; }

    public string? PhoneNumber { get; }

    public string? Name { get; }

    /// <summary>Verified custom data: string values only, as the spec says.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? CustomData { get; }

    public long CreatedAtMs { get; }

    public long UpdatedAtMs { get; }

    public string? NonVerifiedName { get; }

    public string? NonVerifiedEmail { get; }

    public IReadOnlyList<KeyValuePair<string, CustomDataValue>>? NonVerifiedCustomData { get; }
}
