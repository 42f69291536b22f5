using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Backprop.Playground;

/// <summary>
/// The playground's web server (ASP.NET Core, Kestrel): the page, and a small API — a session per page with its own
/// training loop, controlled by POSTs and streamed to the page as server-sent events. It binds 127.0.0.1 unless told
/// otherwise and loads nothing from outside.
/// </summary>
public sealed class PlaygroundServer : IAsyncDisposable
{
    /// <summary>The largest CSV a learner may upload.</summary>
    public const int MaxUpload = 1 << 20;

    /// <summary>Sessions one server keeps at once; the oldest goes first.</summary>
    public const int MaxSessions = 64;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, PlaygroundSession> _sessions = new();
    private readonly ConcurrentQueue<string> _order = new();

    private PlaygroundServer(WebApplication app) => _app = app;

    /// <summary>The address the page is served at, e.g. http://127.0.0.1:5123/.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Starts a server on <paramref name="host"/>:<paramref name="port"/> (0: a free port) and returns once it listens.</summary>
    public static async Task<PlaygroundServer> StartAsync(string host = "127.0.0.1", int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{(host.Contains(':') ? $"[{host}]" : host)}:{port}");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxUpload + 4096);
        var app = builder.Build();
        var server = new PlaygroundServer(app);
        server.Map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Url = address.TrimEnd('/') + "/";
        return server;
    }

    /// <summary>Waits until the server is stopped (Ctrl+C in the CLI).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellation) => _app.WaitForShutdownAsync(cancellation);

    private void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.Content(PlaygroundPage.Html, "text/html; charset=utf-8"));
        app.MapPost("/api/sessions", async (HttpRequest request) =>
        {
            PlaygroundSetup? setup;
            try { setup = await JsonSerializer.DeserializeAsync<PlaygroundSetup>(request.Body, Json); }
            catch (JsonException e) { return Problem($"the setup is not valid JSON: {e.Message.Split(" Path:")[0]}"); }
            if (setup is null) return Problem("no setup was sent");
            if (setup.Validate() is string problem) return Problem(problem);
            if (setup.DataSet == "upload") return Problem("upload the CSV to /api/sessions/upload");
            var session = Open(setup, null);
            return Results.Json(session.Points().AddId(session.Id));
        });
        app.MapPost("/api/sessions/upload", async (HttpRequest request) =>
        {
            if (request.ContentLength is > MaxUpload) return Problem($"the upload is over {MaxUpload / 1024} KiB");
            var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
            var file = form?.Files.FirstOrDefault();
            if (file is null || form is null) return Problem("send the CSV as a form file, with the setup as the field 'setup'");
            if (file.Length > MaxUpload) return Problem($"the upload is over {MaxUpload / 1024} KiB");
            PlaygroundSetup? setup;
            try { setup = JsonSerializer.Deserialize<PlaygroundSetup>(form["setup"].ToString() is { Length: > 0 } s ? s : "{}", Json); }
            catch (JsonException) { return Problem("the setup is not valid JSON"); }
            setup = (setup ?? new PlaygroundSetup()) with { DataSet = "upload" };
            if (setup.Validate() is string problem) return Problem(problem);
            using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
            string text;
            try { text = await reader.ReadToEndAsync(); }
            catch (DecoderFallbackException) { return Problem($"{file.FileName} is not UTF-8 text: upload a CSV file"); }
            var points = UploadedCsv.Parse(text, file.FileName, form["x"], form["y"], form["label"], out string? error);
            if (points is null) return Problem(error!);
            var session = Open(setup, points);
            return Results.Json(session.Points().AddId(session.Id));
        });
        app.MapPost("/api/sessions/{id}/{action}", (string id, string action) =>
        {
            if (!_sessions.TryGetValue(id, out var session)) return Results.NotFound(new { error = "no such session: reload the page" });
            try { session.Control(action); }
            catch (ArgumentException e) { return Problem(e.Message); }
            return Results.Json(new { ok = true });
        });
        app.MapGet("/api/sessions/{id}/events", async (string id, HttpContext context) =>
        {
            if (!_sessions.TryGetValue(id, out var session)) { context.Response.StatusCode = 404; return; }
            context.Response.Headers.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            int sent = -1;
            var token = context.RequestAborted;
            try
            {
                while (!token.IsCancellationRequested)
                {
                    if (session.Version != sent)
                    {
                        var snapshot = session.Snapshot();
                        sent = (int)snapshot["version"]!;
                        await context.Response.WriteAsync($"data: {snapshot.ToJsonString()}\n\n", token);
                        await context.Response.Body.FlushAsync(token);
                    }
                    await Task.Delay(50, token);
                }
            }
            catch (OperationCanceledException) { } // the page went away: nothing to clean up but this loop
            catch (IOException) { }
        });
        app.MapGet("/api/sessions/{id}/explain/{point:int}", (string id, int point) =>
        {
            if (!_sessions.TryGetValue(id, out var session)) return Results.NotFound(new { error = "no such session: reload the page" });
            try { return Results.Content(PlaygroundExplain.Page(session, point), "text/html; charset=utf-8"); }
            catch (Diagnostics.BackpropException e) { return Problem(e.Message); }
        });
    }

    private PlaygroundSession Open(PlaygroundSetup setup, (double, double, double)[]? points)
    {
        var session = new PlaygroundSession(Guid.NewGuid().ToString("N"), setup, PlaygroundData.Create(setup, points));
        _sessions[session.Id] = session;
        _order.Enqueue(session.Id);
        while (_order.Count > MaxSessions && _order.TryDequeue(out var old))
            if (_sessions.TryRemove(old, out var gone)) gone.Dispose();
        return session;
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static IResult Problem(string message) => Results.Json(new { error = message }, statusCode: (int)HttpStatusCode.BadRequest);

    /// <summary>Stops every session's training and the server.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var session in _sessions.Values) session.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject AddId(this JsonObject o, string id) { o["id"] = id; return o; }
}
