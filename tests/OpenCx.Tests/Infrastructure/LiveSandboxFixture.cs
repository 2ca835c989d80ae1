using OpenCx.Sandbox;

namespace OpenCx.Tests.Infrastructure;

/// <summary>
/// A sandbox whose clock is the real one, so that sessions the churn creates are newer than
/// any command started before them, as on the real API.
/// </summary>
public sealed class LiveSandboxFixture : SandboxFixture
{
    protected override SandboxServerOptions CreateOptions()
    {
        SandboxServerOptions options = base.CreateOptions();
        options.Now = null;
        return options;
    }
}
