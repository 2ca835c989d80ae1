using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using OpenCx.Client.Http;
using OpenCx.Commands.Connection;
using OpenCx.Commands.Infrastructure;
using OpenCx.Commands.Validation;
using OpenCx.Sandbox;

namespace OpenCx.Commands;

/// <summary>Connects to an OpenCX organisation (or the in-process sandbox) for the commands that follow.</summary>
[Cmdlet(VerbsCommunications.Connect, "OpenCx", DefaultParameterSetName = ApiKeySet)]
[OutputType(typeof(OpenCxConnection))]
public sealed class ConnectOpenCxCommand : OpenCxCmdlet
{
    internal const string ApiKeyEnvironmentVariable = "OPENCX_API_KEY";
    private const string ApiKeySet = "ApiKey";
    private const string SandboxSet = "Sandbox";

    /// <summary>The sandbox's address: a name of the reserved .invalid domain, so it can never reach a network.</summary>
    private static readonly Uri SandboxUri = new Uri("https://sandbox.opencx.invalid/");

    private static readonly Lazy<SandboxEngine> SandboxData = new Lazy<SandboxEngine>(SandboxEngine.CreateDefault);

    [Parameter(ParameterSetName = ApiKeySet, Position = 0)]
    public SecureString? ApiKey { get; set; }

    [Parameter(ParameterSetName = ApiKeySet)]
    [ValidateNotNull]
    public Uri BaseUri { get; set; } = OpenCxClientOptions.DefaultBaseUri;

    [Parameter(ParameterSetName = ApiKeySet)]
    public SwitchParameter SkipValidation { get; set; }

    [Parameter(ParameterSetName = SandboxSet, Mandatory = true)]
    public SwitchParameter Sandbox { get; set; }

    [Parameter]
    [ValidateRange(1, 100000)]
    public int RateLimit { get; set; } = 100;

    /// <summary>In whole seconds, like -TimeoutSec and -RetryIntervalSec beside it and Invoke-RestMethod's -…Sec.</summary>
    [Parameter]
    [Seconds]
    [ValidateRange(1, 3600)]
    public int RateLimitWindowSec { get; set; } = 60;

    [Parameter]
    [ValidateRange(0, 20)]
    public int MaximumRetryCount { get; set; } = RetryPolicy.Default.MaximumRetryCount;

    [Parameter]
    [Seconds]
    [ValidateRange(0.0, 300.0)]
    public double RetryIntervalSec { get; set; } = RetryPolicy.Default.BaseDelay.TotalSeconds;

    [Parameter]
    [Seconds]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 100;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        OpenCxConnection connection = Sandbox ? ConnectSandbox() : ConnectWithKey();
        DefaultConnection.Current = connection;
        WriteVerbose($"Connected: {connection}. Get-OpenCxSession now uses this connection.");
        if (PassThru)
        {
            WriteObject(connection);
        }
    }

    private OpenCxConnection ConnectSandbox()
    {
        // The in-process server accepts any key; a fixed one keeps one code path for both kinds.
        OpenCxClient client = CreateClient(SandboxUri, new ApiKey("sandbox"), new SandboxHttpHandler(SandboxData.Value));
        return new OpenCxConnection(client, SandboxUri, isSandbox: true, validated: false, RateLimit, RateLimitWindow);
    }

    private OpenCxConnection ConnectWithKey()
    {
        ApiKey key = ResolveKey();
        OpenCxClient client;
        try
        {
            client = CreateClient(BaseUri, key, handler: null);
        }
        catch (ArgumentException e)
        {
            ThrowTerminatingError(Errors.InvalidBaseUri(e, BaseUri));
            throw;
        }

        if (!SkipValidation)
        {
            WriteVerbose($"Checking the key with one request to {client.Endpoint} (use -SkipValidation to skip).");
            try
            {
                Await(client.FilterAsync(new SessionFilter(), page: 1, limit: 1, Trace, Cancellation));
            }
            catch (OpenCxException e)
            {
                ThrowApiError(e, BaseUri);
            }
        }

        return new OpenCxConnection(client, BaseUri, isSandbox: false, validated: !SkipValidation, RateLimit, RateLimitWindow);
    }

    private ApiKey ResolveKey()
    {
        string? plain = ApiKey != null
            ? new NetworkCredential(string.Empty, ApiKey).Password
            : Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable);
        if (string.IsNullOrWhiteSpace(plain))
        {
            ThrowTerminatingError(Errors.NoApiKey());
        }

        if (ApiKey == null)
        {
            WriteVerbose($"Using the API key from the {ApiKeyEnvironmentVariable} environment variable.");
        }

        return new ApiKey(plain!);
    }

    /// <summary>
    /// Backoff from -RetryIntervalSec, capped at 30 seconds unless -RetryIntervalSec itself is
    /// longer: a cap below it would silently shorten every wait the user asked for.
    /// </summary>
    private RetryPolicy CreateRetryPolicy()
    {
        var interval = TimeSpan.FromSeconds(RetryIntervalSec);
        TimeSpan cap = interval > RetryPolicy.Default.MaximumDelay ? interval : RetryPolicy.Default.MaximumDelay;
        return new RetryPolicy(MaximumRetryCount, interval, cap);
    }

    private TimeSpan RateLimitWindow => TimeSpan.FromSeconds(RateLimitWindowSec);

    private OpenCxClient CreateClient(Uri baseUri, ApiKey key, System.Net.Http.HttpMessageHandler? handler) =>
        new OpenCxClient(new OpenCxClientOptions(baseUri, key)
        {
            Handler = handler,
            RateLimit = RateLimit,
            RateLimitWindow = RateLimitWindow,
            Retry = CreateRetryPolicy(),
            RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
        });
}
