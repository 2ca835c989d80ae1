using System;
using System.Collections.Generic;

namespace OpenCx.Sandbox.Data;

/// <summary>
/// SplitMix64. Our own generator rather than <see cref="Random"/> so that a seed yields the
/// same data set on .NET Framework, .NET 10 and whatever comes next: System.Random's seeded
/// sequence is an implementation detail the runtime is free to change.
/// </summary>
internal sealed class SeededRandom
{
    private ulong _state;

    public SeededRandom(long seed) => _state = unchecked((ulong)seed);

    public ulong NextUInt64()
    {
        unchecked
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A number in [0, maxExclusive); the modulo bias is irrelevant at these sizes.</summary>
    public long Next(long maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive));
        }

        return (long)(NextUInt64() % (ulong)maxExclusive);
    }

    public int Next(int minInclusive, int maxExclusive) => minInclusive + (int)Next(maxExclusive - minInclusive);

    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[(int)Next(items.Count)];

    /// <summary>A random (version 4, RFC 4122 variant) UUID in lower case, as the API writes ids.</summary>
    public string NextUuid()
    {
        ulong high = NextUInt64();
        ulong low = NextUInt64();
        high = (high & 0xFFFFFFFFFFFF0FFFUL) | 0x0000000000004000UL;
        low = (low & 0x3FFFFFFFFFFFFFFFUL) | 0x8000000000000000UL;
        string hex = high.ToString("x16") + low.ToString("x16");
        return hex.Substring(0, 8) + "-" + hex.Substring(8, 4) + "-" + hex.Substring(12, 4) + "-"
            + hex.Substring(16, 4) + "-" + hex.Substring(20, 12);
    }

    /// <summary>
    /// <paramref name="count"/> distinct indices below <paramref name="population"/> (Floyd's
    /// algorithm: O(count) whatever the population), in ascending order.
    /// </summary>
    public int[] DistinctIndices(int count, int population)
    {
        var chosen = new HashSet<int>();
        for (int j = population - count; j < population; j++)
        {
            int t = (int)Next(j + 1);
            chosen.Add(chosen.Contains(t) ? j : t);
        }

        int[] result = new int[chosen.Count];
        chosen.CopyTo(result);
        Array.Sort(result);
        return result;
    }
}
