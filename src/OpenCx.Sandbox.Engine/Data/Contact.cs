using System.Collections.Generic;

namespace OpenCx.Sandbox.Data;

/// <summary>
/// The customer of a session. Every property is required in the output, most of them nullable,
/// so null here is written as JSON null, never omitted. <paramref name="CustomData"/> is the
/// verified data, string values only as the spec says.
/// </summary>
internal sealed record Contact(
    string Id,
    string? Email,
    string? PhoneNumber,
    string? Name,
    IReadOnlyList<KeyValuePair<string, string>>? CustomData,
    long CreatedAtMs,
    long UpdatedAtMs,
    string? NonVerifiedName,
    string? NonVerifiedEmail,
    IReadOnlyList<KeyValuePair<string, CustomDataValue>>? NonVerifiedCustomData);
