using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using OpenCx.Sandbox;
using Xunit;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// The sandbox over https with a self-signed certificate that the module trusts through its
/// test-only hook, set in the module's own copy of the client: the machine's store is not touched
/// and validation stays on for every other certificate.
/// </summary>
public sealed class TrustedHttpsSandbox : SandboxFixture, IAsyncLifetime
{
    /// <summary>
    /// Sets the hook from a script, in this process or a child's; $certificate is the certificate.
    /// Reached through the module's own types (Connect-OpenCx's output type lives in the client):
    /// the module may load its client where a type name typed in a script does not find it yet.
    /// </summary>
    public const string TrustScript =
        "(Get-Command -Name Connect-OpenCx).OutputType[0].Type.Assembly." +
        "GetType('OpenCx.Client.Http.NetworkHandler')." +
        "GetProperty('TrustedTestCertificate', [Reflection.BindingFlags]'Static,NonPublic').SetValue($null, $certificate)\n";

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
        SetTrust(Certificate);
    }

    public new async Task DisposeAsync()
    {
        SetTrust(null);
        await base.DisposeAsync();
    }

    private void SetTrust(X509Certificate2? certificate)
    {
        PowerShellRun run = PowerShell.Run(TrustScript, new Dictionary<string, object?> { ["certificate"] = certificate });
        if (run.Errors.Count > 0)
        {
            throw new System.InvalidOperationException("The trust hook could not be set: " + run.Errors[0]);
        }
    }
}
