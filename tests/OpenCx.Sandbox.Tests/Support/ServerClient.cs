using System;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Tasks;

namespace OpenCx.Sandbox.Tests.Support;

/// <summary>One HttpClient for every server test, as a real client would share one.</summary>
public static class ServerClient
{
    public const string Key = "test-key";

    // No connection reuse across tests that abort connections on purpose.
    public static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static Task<HttpResponseMessage> PostAsync(
        SandboxServer server, string body = "{}", string? key = Key, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUri, "chat/sessions/filter"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return Http.SendAsync(request, completion);
    }

    /// <summary>Sends <paramref name="count"/> default requests one after the other and returns their statuses.</summary>
    public static async Task<int[]> StatusesAsync(SandboxServer server, int count)
    {
        int[] statuses = new int[count];
        for (int i = 0; i < count; i++)
        {
            using HttpResponseMessage response = await PostAsync(server);
            statuses[i] = (int)response.StatusCode;
        }

        return statuses;
    }

    /// <summary>A small, fixed data set; the test keeps the object to change it while the server runs.</summary>
    public static SandboxServerOptions Options(Action<SandboxServerOptions>? configure = null)
    {
        var options = new SandboxServerOptions { SessionCount = 200, Seed = 3, Now = TestData.Now };
        configure?.Invoke(options);
        return options;
    }

    public static Task<SandboxServer> StartAsync(Action<SandboxServerOptions>? configure = null) => SandboxServer.StartAsync(Options(configure));
}
