using System;
using System.Collections.Generic;

namespace OpenCx.Sandbox;

/// <summary>
/// Decides the fault of each request: the queued sequence first, then <see cref="SandboxServerOptions.FaultRate"/>
/// by a Random seeded with the data seed, so a run with the same options faults the same requests.
/// </summary>
internal sealed class FaultPicker
{
    private readonly Random _random;

    public FaultPicker(int seed) => _random = new Random(seed);

    public SandboxFault Next(SandboxServerOptions options)
    {
        if (options.FaultSequence.TryDequeue(out SandboxFault queued))
        {
            return queued;
        }

        IReadOnlyList<SandboxFault> kinds = options.Faults;
        if (options.FaultRate <= 0 || kinds.Count == 0)
        {
            return SandboxFault.None;
        }

        lock (_random)
        {
            return _random.NextDouble() < options.FaultRate ? kinds[_random.Next(kinds.Count)] : SandboxFault.None;
        }
    }
}
