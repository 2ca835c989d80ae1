using System.Collections.Generic;
using System.Linq;
using OpenCx.Tests.Infrastructure;
using Xunit;

namespace OpenCx.Tests;

/// <summary>
/// The Pester suite (tests/*.Tests.ps1) in a real pwsh process, as users run the module: one case
/// per It block, found with PowerShell's parser, each holding the results of the tests Pester
/// made of it in the one run of the class fixture (started before any test and run beside the
/// xunit classes: <see cref="PesterFirstOrderer"/>). A Pester test that no case claims, a case
/// with no result, and a block or file that failed outside any test each fail here, so the
/// suite's count and its failures are dotnet test's.
/// </summary>
/// <remarks>
/// No hosted-engine Pester run is kept: what the Pester files prove of the module the process
/// proves on the edition users have, and the xunit suite proves the rest in the hosted engine.
/// </remarks>
[Collection(PesterCollection.Name)]
public sealed class PesterTests : IClassFixture<PesterProcessRun>
{
    private readonly PesterProcessRun _run;

    public PesterTests(PesterProcessRun run) => _run = run;

    public static IEnumerable<object[]> Cases() => PesterCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pester_test_passes_in_pwsh(string file, int line, string name)
    {
        var tests = _run.Results.Where(r => r.Kind == "Test" && r.File == file && r.Line == line).ToList();

        Assert.True(tests.Count > 0, $"Pester ran no test of {file}:{line} ({name}); exit code {_run.ExitCode}.\n{_run.Output}");
        var notPassed = tests.Where(t => t.Result != "Passed").ToList();
        Assert.True(
            notPassed.Count == 0,
            string.Join("\n\n", notPassed.Select(t => $"{t.Path}: {t.Result}\n{t.Error}")));
    }

    [Fact]
    public void Every_Pester_test_has_a_case_and_no_block_or_file_failed()
    {
        var cases = PesterCases.All().Select(c => ((string)c[0], (int)c[1])).ToHashSet();
        IEnumerable<string> unclaimed = _run.Results.Where(r => r.Kind == "Test" && !cases.Contains((r.File, r.Line)))
            .Select(r => $"{r.File}:{r.Line} {r.Path}: no case claims it");
        IEnumerable<string> failedOutsideTests = _run.Results.Where(r => r.Kind != "Test")
            .Select(r => $"{r.Kind} {r.Path}: {r.Error}");

        var problems = unclaimed.Concat(failedOutsideTests).ToList();
        Assert.True(problems.Count == 0, string.Join("\n\n", problems) + "\n\n" + _run.Output);
        Assert.True(_run.Results.Count > 0, $"The Pester run wrote no result; exit code {_run.ExitCode}.\n{_run.Output}");
        Assert.True(_run.ExitCode == 0, $"The Pester run exited with {_run.ExitCode}.\n{_run.Output}");
    }
}
