using OpenCx.Benchmark.Harness;

namespace OpenCx.Benchmark.Probes;

/// <summary>
/// In a fresh process: what sessions cost when a script keeps them (<c>$held = Get-OpenCxSession</c>,
/// or Sort-Object and Group-Object, which hold them all): the heap they leave behind, per session.
/// </summary>
internal static class HeldProbe
{
    public const string Name = "probe-held";

    /// <summary>Prints the bytes retained per session held in a variable, PowerShell's wrappers included.</summary>
    public static int Run(string[] args)
    {
        using HostedModule module = MemoryProbe.Prepare(args, out int first);
        long baseline = MemoryProbe.Collected();
        module.Run($"$held = Get-OpenCxSession -First {first}");
        ChildProbe.Report((double)(MemoryProbe.Collected() - baseline) / first);
        return 0;
    }
}
