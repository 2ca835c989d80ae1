using System;

namespace OpenCx.Sandbox.Filtering;

/// <summary>A request body the spec's FilterSessionsPublicDto rejects; the message names the field.</summary>
internal sealed class InvalidFilterRequestException : Exception
{
    public InvalidFilterRequestException(string message)
        : base(message)
    {
    }
}
