using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using OpenCx.Sandbox;
using Xunit;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// The sandbox over https with a self-signed certificate that every Connect-OpenCx of the
/// fixture's runspace trusts with -TrustedCertificate, given by $PSDefaultParameterValues: the
/// machine's store is not touched, nothing in the process changes, and validation stays on for
/// every other certificate and every other runspace.
/// </summary>
public sealed class TrustedHttpsSandbox : SandboxFixture, IAsyncLifetime
{
    public X509Certificate2 Certificate { get; } = TlsTests.UntrustedHttpsSandbox.SelfSigned();

    protected override SandboxServerOptions CreateOptions()
    {
        SandboxServerOptions options = base.CreateOptions();
        options.Certificate = Certificate;
        return options;
    }

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        PowerShellRun run = PowerShell.Run(
            "$PSDefaultParameterValues['Connect-OpenCx:TrustedCertificate'] = $certificate",
            new Dictionary<string, object?> { ["certificate"] = Certificate });
        if (run.Errors.Count > 0)
        {
            throw new System.InvalidOperationException("The sandbox's certificate could not be trusted: " + run.Errors[0]);
        }
    }
}
