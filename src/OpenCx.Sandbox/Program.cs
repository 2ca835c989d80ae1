using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using OpenCx.Sandbox;

// The sandbox as a standalone program on 127.0.0.1, for trying the module by hand.
SandboxServerOptions? options;
try
{
    options = SandboxCommandLine.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(SandboxCommandLine.Usage);
    return 2;
}

if (options is null)
{
    Console.WriteLine(SandboxCommandLine.Usage);
    return 0;
}

options.RequestLogged = entry => Console.WriteLine(entry);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stop.Cancel();
});

SandboxServer server;
try
{
    server = await SandboxServer.StartAsync(options, stop.Token);
}
catch (IOException e)
{
    Console.Error.WriteLine($"Cannot listen on 127.0.0.1:{options.Port}: {e.Message} Choose another --port, or --port 0 for any free one.");
    return 1;
}

await using SandboxServer running = server;
string baseUri = server.BaseUri.ToString().TrimEnd('/');
string key = (options.ApiKey ?? "any-key").Replace("'", "''", StringComparison.Ordinal);
Console.WriteLine($"OpenCx sandbox: {server.Engine.SessionCount} sessions at {baseUri} (POST /chat/sessions/filter, GET /chat/sessions, GET /healthz)");
Console.WriteLine($"Connect-OpenCx -BaseUri {baseUri} -ApiKey (ConvertTo-SecureString '{key}' -AsPlainText -Force)");
Console.WriteLine("Press Ctrl+C to stop.");

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping.");
}

return 0;
