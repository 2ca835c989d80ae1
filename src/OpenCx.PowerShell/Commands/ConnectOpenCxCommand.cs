using System;
using System.Management.Automation;
using System.Net;
using System.Security;
using System.Security.Cryptography.X509Certificates;
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
    private const string CredentialSet = "Credential";
    private const string SandboxSet = "Sandbox";
    private const int ProgressId = 0x0CC4;

    /// <summary>The sandbox's address: a name of the reserved .invalid domain, so it can never reach a network.</summary>
    private static readonly Uri SandboxUri = new Uri("https://sandbox.opencx.invalid/");

    private static readonly Lazy<SandboxEngine> SandboxData = new Lazy<SandboxEngine>(SandboxEngine.CreateDefault);

    private OpenCxConnection? _replaced;

    [Parameter(ParameterSetName = ApiKeySet, Position = 0)]
    public SecureString? ApiKey { get; set; }

    /// <summary>
    /// The key as a credential's password, the user name ignored, for scripts that keep keys the
    /// way Connect-MgGraph's do. [AllowNull] and no [Credential]: a $null (a missing entry of a
    /// table) must be a failed connect, not a binding error or a prompt that keeps the old one.
    /// </summary>
    [Parameter(ParameterSetName = CredentialSet, Mandatory = true)]
    [AllowNull]
    public PSCredential? Credential { get; set; }

    /// <summary>Not [ValidateNotNull]: a null address must be a failed connect, which forgets the current one.</summary>
    [Parameter(ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = CredentialSet)]
    public Uri? BaseUri { get; set; } = OpenCxClientOptions.DefaultBaseUri;

    [Parameter(ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = CredentialSet)]
    public SwitchParameter SkipValidation { get; set; }

    /// <summary>As Invoke-RestMethod's: every request of the connection goes through this proxy.</summary>
    [Parameter(ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = CredentialSet)]
    public Uri? Proxy { get; set; }

    [Parameter(ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = CredentialSet)]
    [Credential]
    public PSCredential? ProxyCredential { get; set; }

    /// <summary>The account PowerShell runs as, for NTLM or Kerberos proxies.</summary>
    [Parameter(ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = CredentialSet)]
    public SwitchParameter ProxyUseDefaultCredentials { get; set; }

    /// <summary>No proxy, whatever the system's settings say.</summary>
    [Parameter(ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = CredentialSet)]
    public SwitchParameter NoProxy { get; set; }

    /// <summary>
    /// Certificates this connection trusts beside the machine's store: the root of a
    /// TLS-inspecting proxy, or a server's self-signed certificate. Validation stays on.
    /// </summary>
    [Parameter(ParameterSetName = ApiKeySet)]
    [Parameter(ParameterSetName = CredentialSet)]
    [ValidateNotNullOrEmpty]
    public X509Certificate2[]? TrustedCertificate { get; set; }

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

    /// <summary>
    /// For unattended runs: how long a request keeps retrying in all, however many retries that
    /// takes, instead of -MaximumRetryCount. 0 (the default) counts retries.
    /// </summary>
    [Parameter]
    [Seconds]
    [ValidateRange(0, 86400)]
    public int MaximumRetryTimeSec { get; set; }

    [Parameter]
    [Seconds]
    [ValidateRange(0.0, 300.0)]
    public double RetryIntervalSec { get; set; } = RetryPolicy.Default.BaseDelay.TotalSeconds;

    [Parameter]
    [Seconds]
    [ValidateRange(1, 3600)]
    public int TimeoutSec { get; set; } = 100;

    /// <summary>
    /// How long one request may wait in all while the server answers 429: a rate limit waits,
    /// it does not fail a long run, until this much. Up to a day, for unattended scripts.
    /// </summary>
    [Parameter]
    [Seconds]
    [ValidateRange(0, 86400)]
    public int MaximumRateLimitWaitSec { get; set; } = (int)OpenCxClientOptions.DefaultMaximumRateLimitWait.TotalSeconds;

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void EndProcessing()
    {
        // Forgotten before anything can fail: after a failed connect, a script that loops over
        // organisations must get OpenCxNotConnected, never the previous organisation's sessions.
        _replaced = DefaultConnection.Current;
        DefaultConnection.Current = null;
        if (_replaced != null)
        {
            WriteVerbose($"{_replaced} is no longer the current connection.");
        }

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
        return new OpenCxConnection(client, SandboxUri, isSandbox: true, validated: false, RateLimit, RateLimitWindow, ProxySettings.None);
    }

    private OpenCxConnection ConnectWithKey()
    {
        ProxySettings proxy = ResolveProxy();
        CheckTrustedCertificates();
        ApiKey key = ResolveKey();
        if (BaseUri is null)
        {
            Fail(Errors.InvalidBaseUri("-BaseUri is empty. Give the API's address, for example https://api.open.cx, or leave -BaseUri out.", null));
        }

        OpenCxClient client;
        try
        {
            client = CreateClient(BaseUri!, key, handler: null, proxy);
        }
        catch (ArgumentException e)
        {
            Fail(Errors.InvalidBaseUri(e.Message, BaseUri));
            throw;
        }

        // Plain http is allowed to this machine only; a proxy elsewhere would carry the key across the network in clear text.
        if (BaseUri!.Scheme == Uri.UriSchemeHttp && proxy.Mode == ProxyMode.Explicit && !proxy.Address!.IsLoopback)
        {
            client.Dispose();
            Fail(Errors.InvalidProxy($"-BaseUri is plain http, which the module allows only to this machine, and the proxy {proxy} is not on it: the key would cross the network in clear text. Use an https -BaseUri, or -NoProxy.", proxy.Address));
        }

        if (!SkipValidation)
        {
            CheckKey(client);
        }

        return new OpenCxConnection(client, BaseUri!, isSandbox: false, validated: !SkipValidation, RateLimit, RateLimitWindow, proxy);
    }

    /// <summary>The proxy the parameters name, checked before any request, with Invoke-RestMethod's rules.</summary>
    private ProxySettings ResolveProxy()
    {
        if (NoProxy)
        {
            if (Proxy != null || ProxyCredential != null || ProxyUseDefaultCredentials)
            {
                Fail(Errors.InvalidProxy("-NoProxy cannot be used with -Proxy, -ProxyCredential or -ProxyUseDefaultCredentials: leave out one or the other.", null));
            }

            WriteVerbose("Requests go to the API directly, without a proxy (-NoProxy).");
            return ProxySettings.None;
        }

        if (Proxy is null)
        {
            if (ProxyCredential != null || ProxyUseDefaultCredentials)
            {
                Fail(Errors.InvalidProxy("-ProxyCredential and -ProxyUseDefaultCredentials need -Proxy: give the proxy's address with -Proxy, for example -Proxy http://proxy.example.com:8080.", null));
            }

            return ProxySettings.System;
        }

        if (ProxyCredential != null && ProxyUseDefaultCredentials)
        {
            Fail(Errors.InvalidProxy("-ProxyCredential and -ProxyUseDefaultCredentials cannot be used together: give the proxy either a credential or the account PowerShell runs as.", null));
        }

        if (Proxy.IsAbsoluteUri && !string.IsNullOrEmpty(Proxy.UserInfo))
        {
            Fail(Errors.InvalidProxy("-Proxy has a user name or password in it: give them with -ProxyCredential instead, so that they are never shown.", $"{Proxy.Scheme}://{Proxy.Authority}{Proxy.PathAndQuery}"));
        }

        ProxySettings proxy;
        try
        {
            proxy = ProxySettings.Via(Proxy, ProxyCredential?.GetNetworkCredential(), ProxyUseDefaultCredentials);
        }
        catch (ArgumentException e)
        {
            Fail(Errors.InvalidProxy($"-Proxy: {e.Message}", Proxy));
            throw;
        }

        string credential = ProxyUseDefaultCredentials ? " with the account PowerShell runs as"
            : ProxyCredential != null ? $" as {ProxyCredential.UserName}"
            : string.Empty;
        WriteVerbose($"Requests go through the proxy {proxy}{credential}.");
        return proxy;
    }

    /// <summary>A certificate out of its dates could never make a chain valid: said before any request, not as a TLS failure.</summary>
    private void CheckTrustedCertificates()
    {
        foreach (X509Certificate2 certificate in TrustedCertificate ?? Array.Empty<X509Certificate2>())
        {
            DateTime now = DateTime.Now;
            if (now < certificate.NotBefore || now > certificate.NotAfter)
            {
                Fail(Errors.InvalidTrustedCertificate(
                    $"-TrustedCertificate: the certificate {certificate.Subject} (thumbprint {certificate.Thumbprint}) is valid only from {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}. Give a certificate that is valid now, such as the current root of your proxy.",
                    certificate));
            }

            WriteVerbose($"Trusting the certificate {certificate.Subject} (thumbprint {certificate.Thumbprint}) beside the machine's store, for this connection.");
        }
    }

    /// <summary>One small request, shown as progress: retries after a dropped connection or a 5xx can take half a minute.</summary>
    private void CheckKey(OpenCxClient client)
    {
        WriteVerbose($"Checking the key with one request to {client.Endpoint} (use -SkipValidation to skip).");
        WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, "Checking the key with one request"));
        try
        {
            Await(client.CheckAccessAsync(Trace, Cancellation));
        }
        catch (OpenCxException e)
        {
            WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, "Failed") { RecordType = ProgressRecordType.Completed });
            Fail(ApiErrors.ToErrorRecord(e, BaseUri));
        }

        WriteProgress(new ProgressRecord(ProgressId, ProgressActivity, "The key works") { RecordType = ProgressRecordType.Completed });
    }

    internal override void OnWaiting(WaitProgress wait) =>
        WriteProgress(wait.ToRecord(ProgressId, ProgressActivity, "the key is not checked yet"));

    private string ProgressActivity => $"Connecting to OpenCX at {BaseUri}";

    /// <summary>
    /// The key from -Credential or -ApiKey, or else from OPENCX_API_KEY. A key parameter that is
    /// given but empty (a missing entry of a table of keys) is an error, never a reason to use
    /// the variable: that could be another organisation's key.
    /// </summary>
    private ApiKey ResolveKey()
    {
        string? parameter = ParameterSetName == CredentialSet ? "-Credential"
            : MyInvocation.BoundParameters.ContainsKey(nameof(ApiKey)) ? "-ApiKey"
            : null;
        string? plain = parameter is null
            ? Environment.GetEnvironmentVariable(ApiKeyEnvironmentVariable)
            : Reveal(parameter == "-Credential" ? Credential?.Password : ApiKey);
        if (string.IsNullOrWhiteSpace(plain))
        {
            Fail(parameter is null ? Errors.NoApiKey() : Errors.EmptyApiKey(parameter));
        }

        if (parameter is null)
        {
            WriteVerbose($"Using the API key from the {ApiKeyEnvironmentVariable} environment variable.");
        }

        return new ApiKey(plain!);
    }

    private static string? Reveal(SecureString? secret) =>
        secret is null ? null : new NetworkCredential(string.Empty, secret).Password;

    /// <summary>Stops with <paramref name="error"/>, saying that the connection it replaced is gone.</summary>
    private void Fail(ErrorRecord error)
    {
        if (_replaced != null)
        {
            error.ErrorDetails = new ErrorDetails(
                $"{error.ErrorDetails?.Message ?? error.Exception.Message} {_replaced} is no longer the current connection: commands without -Connection fail until a Connect-OpenCx succeeds.")
            {
                RecommendedAction = error.ErrorDetails?.RecommendedAction ?? string.Empty,
            };
        }

        ThrowTerminatingError(error);
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

    private OpenCxClient CreateClient(Uri baseUri, ApiKey key, System.Net.Http.HttpMessageHandler? handler, ProxySettings? proxy = null) =>
        new OpenCxClient(new OpenCxClientOptions(baseUri, key)
        {
            Handler = handler,
            Proxy = proxy ?? ProxySettings.System,
            TrustedCertificates = TrustedCertificate ?? Array.Empty<X509Certificate2>(),
            RateLimit = RateLimit,
            RateLimitWindow = RateLimitWindow,
            Retry = CreateRetryPolicy(),
            MaximumRetryTime = TimeSpan.FromSeconds(MaximumRetryTimeSec),
            RequestTimeout = TimeSpan.FromSeconds(TimeoutSec),
            MaximumRateLimitWait = TimeSpan.FromSeconds(MaximumRateLimitWaitSec),
        });
}
