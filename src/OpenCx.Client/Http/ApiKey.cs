using System;

namespace OpenCx.Client.Http;

/// <summary>
/// An API key that cannot leak by accident: it formats as "(redacted)" everywhere, and only the
/// request sender reads its value.
/// </summary>
public sealed class ApiKey
{
    private readonly string _value;

    public ApiKey(string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException("The API key is empty.", nameof(value));
        }

        _value = value.Trim();
    }

    /// <summary>A stable, non-reversible tag for the key, used to share one rate budget per key.</summary>
    internal string Fingerprint
    {
        get
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            byte[] hash = sha.ComputeHash(System.Text.Encoding.UTF8.GetBytes(_value));
            return BitConverter.ToString(hash, 0, 8).Replace("-", string.Empty);
        }
    }

    internal string Reveal() => _value;

    public override string ToString() => "(redacted)";
}
