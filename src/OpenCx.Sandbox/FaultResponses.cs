using System;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace OpenCx.Sandbox;

/// <summary>What each <see cref="SandboxFault"/> looks like on the wire.</summary>
internal static class FaultResponses
{
    private static readonly byte[] HtmlPage = Encoding.UTF8.GetBytes(
        "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>\n");

    private static readonly TimeSpan TruncationGrace = TimeSpan.FromMilliseconds(100);

    private static readonly byte[] FirstPageRequest = Encoding.UTF8.GetBytes("{\"page\":1,\"limit\":25}");

    /// <summary>
    /// The answer for <paramref name="fault"/>; <paramref name="realBody"/> is what the request
    /// deserved, which <see cref="SandboxFault.TruncatedBody"/> cuts in half, and
    /// <paramref name="answer"/> answers any other body. Status 0 means the connection is
    /// dropped before any response.
    /// </summary>
    public static SandboxOutcome For(SandboxFault fault, Func<byte[]> realBody, Func<byte[], SandboxResponse> answer) => fault switch
    {
        SandboxFault.EmptyPageWithNext => SandboxOutcome.Of(
            new SandboxResponse(200, Encoding.UTF8.GetBytes("{\"data\":[],\"page\":1,\"limit\":25,\"has_next\":true,\"has_previous\":false}")),
            fault.ToString()),
        SandboxFault.RedirectElsewhere => new SandboxOutcome(307, fault.ToString(), (context, _) =>
        {
            context.Response.StatusCode = 307;
            context.Response.Headers.Location = "https://collector.example/chat/sessions/filter";
            return Task.CompletedTask;
        }),
        SandboxFault.NewerThanSpec => SandboxOutcome.Of(new SandboxResponse(200, WithNewerValues(realBody())), fault.ToString()),
        SandboxFault.RepeatedPageWithNext => SandboxOutcome.Of(
            new SandboxResponse(200, WithHasNext(answer(FirstPageRequest).Body)),
            fault.ToString()),
        SandboxFault.DropConnection => new SandboxOutcome(0, fault.ToString(), (context, _) =>
        {
            context.Abort();
            return Task.CompletedTask;
        }),
        SandboxFault.TruncatedBody => new SandboxOutcome(200, fault.ToString(), (context, cancellationToken) => WriteHalfAsync(context, realBody(), cancellationToken)),
        SandboxFault.NonJsonBody => new SandboxOutcome(200, fault.ToString(), async (context, cancellationToken) =>
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.Body.WriteAsync(HtmlPage, cancellationToken).ConfigureAwait(false);
        }),
        _ => SandboxOutcome.Of(SandboxResponse.Error(StatusOf(fault), $"Injected fault: {fault}"), fault.ToString()),
    };

    private static byte[] WithNewerValues(byte[] page)
    {
        JsonObject json = System.Text.Json.Nodes.JsonNode.Parse(page)!.AsObject();
        foreach (JsonNode? node in json["data"]!.AsArray())
        {
            JsonObject session = node!.AsObject();
            session["channel"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "tiktok" };
            session["sentiment"] = "confused";
            session["status"] = "snoozed";
            session["ticketing_system"] = new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = "newdesk",
                ["external_id"] = "ND-1",
                ["id_type"] = "thread_id",
            };
            session["priority"] = "high";
            session["sla"] = new System.Text.Json.Nodes.JsonObject { ["breached"] = false, ["minutes"] = 42 };
            if (session["contact"] is System.Text.Json.Nodes.JsonObject contact)
            {
                contact["locale"] = "en-GB";
            }
        }

        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static byte[] WithHasNext(byte[] page)
    {
        JsonObject json = System.Text.Json.Nodes.JsonNode.Parse(page)!.AsObject();
        json["has_next"] = true;
        return Encoding.UTF8.GetBytes(json.ToJsonString());
    }

    private static int StatusOf(SandboxFault fault) => fault switch
    {
        SandboxFault.Status400 => 400,
        SandboxFault.Status401 => 401,
        SandboxFault.Status403 => 403,
        SandboxFault.Status404 => 404,
        SandboxFault.Status502 => 502,
        SandboxFault.Status503 => 503,
        SandboxFault.Status504 => 504,
        _ => 500,
    };

    private static async Task WriteHalfAsync(HttpContext context, byte[] full, CancellationToken cancellationToken)
    {
        HttpResponse response = context.Response;
        response.StatusCode = 200;
        response.ContentType = SandboxResponse.ContentType;
        response.ContentLength = full.Length;
        await response.Body.WriteAsync(full.AsMemory(0, full.Length / 2), cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);

        // A flush hands the bytes to Kestrel's transport, not yet to the socket; aborting at
        // once can discard them, and the client would see a dropped connection instead.
        await Task.Delay(TruncationGrace, cancellationToken).ConfigureAwait(false);
        context.Abort();
    }
}
