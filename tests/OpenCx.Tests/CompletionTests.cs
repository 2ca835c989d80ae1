using System.Collections.Generic;
using System.Linq;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// Tab completion, asked of the engine as the console asks it. That every enum-like parameter
/// completes to exactly the spec's values is part of <see cref="SpecValuesTests"/>.
/// </summary>
public sealed class CompletionTests : IClassFixture<SandboxFixture>
{
    private readonly SandboxFixture _sandbox;

    public CompletionTests(SandboxFixture sandbox)
    {
        _sandbox = sandbox;
    }

    [Theory]
    [InlineData("Status", "clo", "GetChatSessionOutput.status")]
    [InlineData("Channel", "w", "SessionChannel")]
    public void Completion_narrows_to_what_was_typed(string parameter, string typed, string specEnum)
    {
        IReadOnlyList<string> all = SpecEnums.At(specEnum);
        string[] expected = all.Where(v => v.StartsWith(typed, System.StringComparison.Ordinal)).OrderBy(v => v).ToArray();
        Assert.InRange(expected.Length, 2, all.Count - 1);

        Assert.Equal(expected, _sandbox.PowerShell.Complete($"Get-OpenCxSession -{parameter} {typed}").OrderBy(v => v));
    }
}
