using System;
using OpenCx.Client.Wire;

namespace OpenCx;

/// <summary>The customer a session is with.</summary>
/// <remarks>
/// Equal to the same contact (by id) and to the text it shows (<see cref="ToString"/>), ignoring
/// case, as PowerShell's -eq compares text: a script that filters live sessions with
/// <c>Where-Object Contact -eq 'Ann Lee &lt;ann@example.com&gt;'</c> filters the rows of their CSV alike.
/// </remarks>
public sealed class Contact
{
    internal Contact(
        Guid id,
        string? email,
        string? phoneNumber,
        string? name,
        CustomData? customData,
        TextDate createdAt,
        TextDate updatedAt,
        string? nonVerifiedName,
        string? nonVerifiedEmail,
        CustomData? nonVerifiedCustomData)
    {
        Id = id;
        Email = email;
        PhoneNumber = phoneNumber;
        Name = name;
        CustomData = customData;
        CreatedAt = createdAt.Value;
        CreatedAtText = createdAt.Text;
        UpdatedAt = updatedAt.Value;
        UpdatedAtText = updatedAt.Text;
        NonVerifiedName = nonVerifiedName;
        NonVerifiedEmail = nonVerifiedEmail;
        NonVerifiedCustomData = nonVerifiedCustomData;
    }

    public Guid Id { get; }
    public string? Email { get; }
    public string? PhoneNumber { get; }
    public string? Name { get; }
    public CustomData? CustomData { get; }

    /// <summary>When the contact was created, in UTC; null when the server sent none, or text that is no date (see <see cref="CreatedAtText"/>).</summary>
    public DateTime? CreatedAt { get; }

    /// <summary>created_at exactly as the server sent it: the spec makes it any string, and one that is no date is kept here.</summary>
    public string? CreatedAtText { get; }

    /// <summary>When the contact last changed, in UTC; null when the server sent none, or text that is no date (see <see cref="UpdatedAtText"/>).</summary>
    public DateTime? UpdatedAt { get; }

    /// <summary>updated_at exactly as the server sent it.</summary>
    public string? UpdatedAtText { get; }

    public string? NonVerifiedName { get; }
    public string? NonVerifiedEmail { get; }
    public CustomData? NonVerifiedCustomData { get; }

    /// <summary>What a person would call the contact: a CSV cell or a table column shows this.</summary>
    public override string ToString()
    {
        string? name = Name ?? NonVerifiedName;
        string? email = Email ?? NonVerifiedEmail;
        if (name != null && email != null)
        {
            return $"{name} <{email}>";
        }

        return name ?? email ?? PhoneNumber ?? Id.ToString();
    }

    public override bool Equals(object? obj) => obj switch
    {
        Contact other => Id == other.Id,
        string text => string.Equals(ToString(), text, StringComparison.InvariantCultureIgnoreCase),
        _ => false,
    };

    public override int GetHashCode() => Id.GetHashCode();
}
