using System;
using Xunit;

namespace OpenCx.Sandbox.Tests.Server;

public sealed class CommandLineTests
{
    [Fact]
    public void Documented_example_sets_every_option()
    {
        SandboxServerOptions options = SandboxCommandLine.Parse(
            "--port 5000 --sessions 1000 --seed 1 --api-key KEY --rate-limit 100 --latency-ms 50 --fault-rate 0.3 --faults 500,502,503,504,drop,truncate,nonjson --churn 2,1".Split(' '))!;

        Assert.Equal(5000, options.Port);
        Assert.Equal(1000, options.SessionCount);
        Assert.Equal(1, options.Seed);
        Assert.Equal("KEY", options.ApiKey);
        Assert.Equal(100, options.RateLimit);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.Latency);
        Assert.Equal(0.3, options.FaultRate);
        Assert.Equal(
            [SandboxFault.Status500, SandboxFault.Status502, SandboxFault.Status503, SandboxFault.Status504, SandboxFault.DropConnection, SandboxFault.TruncatedBody, SandboxFault.NonJsonBody],
            options.Faults);
        Assert.Equal((2, 1), options.ChurnPerRequest);
    }

    [Fact]
    public void The_switches_for_servers_that_do_not_keep_to_the_spec_are_read()
    {
        SandboxServerOptions options = SandboxCommandLine.Parse(
            "--ignore-sort --ignore-date-range --odd-values --ignore-updated-range --bulk-import 2026-10-01T00:00:00.000Z,300".Split(' '))!;

        Assert.True(options.Quirks.IgnoreSort);
        Assert.True(options.Quirks.IgnoreDateRange);
        Assert.True(options.Quirks.SpecValidOddValues);
        Assert.True(options.Quirks.IgnoreUpdatedRange);
        SandboxBulkImport import = Assert.Single(options.BulkImports);
        Assert.Equal((new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), 300, true), (import.At, import.Count, import.StoredFinerThanPrinted));
    }

    [Fact]
    public void No_arguments_mean_port_5000_and_the_defaults()
    {
        SandboxServerOptions options = SandboxCommandLine.Parse([])!;

        Assert.Equal(5000, options.Port);
        Assert.Null(options.ApiKey);
        Assert.Null(options.RateLimit);
    }

    [Fact]
    public void Help_is_asked_for_with_no_options()
    {
        Assert.Null(SandboxCommandLine.Parse(["--help"]));
    }

    [Theory]
    [InlineData("--port", "x", "--port must be an integer")]
    [InlineData("--fault-rate", "2", "--fault-rate must be a number from 0 to 1")]
    [InlineData("--faults", "500,teapot", "--faults: unknown fault 'teapot'")]
    [InlineData("--churn", "3", "--churn must be two counts")]
    [InlineData("--bogus", "1", "Unknown argument --bogus")]
    public void Bad_argument_is_named_in_the_error(string name, string value, string message)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => SandboxCommandLine.Parse([name, value]));

        Assert.StartsWith(message, error.Message);
    }
}
