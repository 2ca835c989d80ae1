using System;
using System.Linq;
using OpenCx.Client.Http;
using Xunit;

namespace OpenCx.Tests;

public sealed class RetryPolicyTests
{
    [Fact]
    public void Backoff_doubles_from_the_base_with_half_of_it_random_and_stops_at_the_cap()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8));

        for (int retry = 1; retry <= 10; retry++)
        {
            double ceiling = Math.Min(Math.Pow(2, retry - 1), 8);
            double[] delays = Enumerable.Range(0, 200).Select(_ => policy.DelayBefore(retry).TotalSeconds).ToArray();

            Assert.All(delays, d => Assert.InRange(d, ceiling / 2, ceiling));
            Assert.True(delays.Distinct().Count() > 100, "the delays should be jittered");
        }
    }
}
