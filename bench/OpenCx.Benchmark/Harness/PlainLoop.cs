using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using OpenCx.Client.Http;
using OpenCx.Client.Querying;
using OpenCx.Client.Wire;

namespace OpenCx.Benchmark.Harness;

/// <summary>
/// The floor: the least a C# program can do to turn the API's pages into the module's
/// <see cref="ChatSession"/> objects. One HttpClient on its own handler (same settings as the
/// module's: decompression, no cookies, no redirects), a keep-alive connection, a POST per page
/// with the module's request writer, the body deserialized from the response stream with the
/// module's source-generated <see cref="WireJsonContext"/>, and each session mapped with its
/// <see cref="SessionMapper"/>. Pages are read one after another by page number. Not included:
/// the rate limiter, retries, keyset paging and its repeat check, read-ahead, tracing, PowerShell.
/// </summary>
internal sealed class PlainLoop : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly AuthenticationHeaderValue _authorization = new("Bearer", SandboxSettings.ApiKey);

    public PlainLoop(Uri baseUri)
    {
        // A handler made as the module makes its own, but not the module's instance: its own pool.
        _http = new HttpClient(NetworkHandler.Create());
        _endpoint = EndpointAddress.FilterEndpoint(baseUri);
    }

    /// <summary>The first request the module sends by default: newest created first, no date range.</summary>
    public static SessionQuery NewestFirst() => new();

    /// <summary>The body of page <paramref name="page"/> of <paramref name="query"/>, no date range: what a plain loop sends.</summary>
    public static byte[] Body(SessionQuery query, int page, int pageSize) =>
        FilterRequestWriter.Write(SessionQuery.Request(query.ToWireFilters(), null, null, query.SortBy, query.SortOrder, page, pageSize));

    /// <summary>Reads every page of <paramref name="filter"/> and returns how many sessions it made.</summary>
    public async Task<long> ReadAllAsync(SessionQuery filter, int pageSize)
    {
        long count = 0;
        long checksum = 0;
        for (int page = 1; ; page++)
        {
            using HttpResponseMessage response = await SendAsync(filter, page, pageSize).ConfigureAwait(false);
            using Stream stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            WireFilterResponse wire = await JsonSerializer.DeserializeAsync(stream, WireJsonContext.Default.WireFilterResponse).ConfigureAwait(false)
                ?? throw new InvalidDataException("An empty body.");
            foreach (WireSession session in wire.Data!)
            {
                ChatSession mapped = SessionMapper.ToSession(session);
                checksum ^= mapped.TicketNumber;
                count++;
            }

            if (!wire.HasNext)
            {
                GC.KeepAlive(checksum);
                return count;
            }
        }
    }

    /// <summary>One request's round trip: POST, then the whole body read off the wire (not parsed).</summary>
    public async Task<TimeSpan> RoundTripAsync(SessionQuery filter, int pageSize)
    {
        var watch = Stopwatch.StartNew();
        using HttpResponseMessage response = await SendAsync(filter, 1, pageSize).ConfigureAwait(false);
        byte[] body = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        TimeSpan elapsed = watch.Elapsed;
        GC.KeepAlive(body);
        return elapsed;
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(SessionQuery filter, int page, int pageSize)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint)
        {
            Content = new ByteArrayContent(Body(filter, page, pageSize)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = _authorization;
        HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            response.Dispose();
            throw new HttpRequestException($"The sandbox answered {(int)response.StatusCode}.");
        }

        return response;
    }
}
