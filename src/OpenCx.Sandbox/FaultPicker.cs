using System;

namespace OpenCx.Sandbox;

/// <summary>
/// Decides the fault of each request: the queued sequence first, then <see cref="SandboxServerOptions.FaultRate"/>
/// by a Random seeded with the data seed, so a run with the same options faults the same requests.
/// </summary>
internal sealed class FaultPicker
{
    private readonly Random random;

    public FaultPicker(int seed) => random = new Random(seed);

    public SandboxFault Next(SandboxServerOptions options)
    {
        if (options.FaultSequence.TryDequeue(out var queued)) return queued;

        var kinds = options.Faults;
        if (options.FaultRate <= 0 || kinds.Count == 0) return SandboxFault.None;
        lock (random)
        {
            return random.NextDouble() < options.FaultRate ? kinds[random.Next(kinds.Count)] : SandboxFault.None;
        }
    }
}
