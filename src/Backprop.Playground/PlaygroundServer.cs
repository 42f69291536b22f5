using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Security.Cryptography;
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
/// otherwise and loads nothing from outside; <see cref="PlaygroundGuard"/> refuses requests of other hosts, other
/// sites' pages and requests without this launch's <see cref="Token"/>.
/// </summary>
public sealed class PlaygroundServer : IAsyncDisposable
{
    /// <summary>The largest CSV a learner may upload.</summary>
    public const int MaxUpload = 1 << 20;

    /// <summary>Sessions one server keeps at once; the oldest goes first.</summary>
    public const int MaxSessions = 64;

    /// <summary>Sessions that train at once unless told otherwise; a page that asks for more is answered 429.</summary>
    public const int DefaultMaxTraining = 3;

    /// <summary>How long a session plays with its page gone (no event stream, no request) before it pauses.</summary>
    public static readonly TimeSpan DefaultIdleAfter = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, PlaygroundSession> _sessions = new();
    private readonly ConcurrentQueue<string> _order = new();
    private readonly TrainingSlots _slots;
    private readonly TimeSpan _idleAfter;
    private int _port;

    private PlaygroundServer(WebApplication app, string token, TrainingSlots slots, TimeSpan idleAfter)
    {
        _app = app; Token = token; _slots = slots; _idleAfter = idleAfter;
    }

    /// <summary>The address the server is at, e.g. http://127.0.0.1:5123/ (requests also need <see cref="Token"/>).</summary>
    public string Url { get; private set; } = "";

    /// <summary>This launch's secret: every request carries it, as <c>?token=</c> or the header <c>X-Playground-Token</c>.</summary>
    public string Token { get; }

    /// <summary>The page's address with the token, as the command prints it.</summary>
    public string PageUrl => $"{Url}?token={Token}";

    /// <summary>Sessions training now.</summary>
    internal int Training => _slots.Count;

    /// <summary>
    /// Starts a server on <paramref name="host"/> (see <see cref="PlaygroundAddress.Parse"/>):<paramref name="port"/>
    /// (0: a free port) and returns once it listens.
    /// </summary>
    /// <exception cref="Diagnostics.BackpropException">The host is not valid or the port cannot be listened on.</exception>
    public static async Task<PlaygroundServer> StartAsync(string host = "127.0.0.1", int port = 0,
        int maxTraining = DefaultMaxTraining, TimeSpan? idleAfter = null)
    {
        var address = PlaygroundAddress.Parse(host);
        if (port is < 0 or > 65535) throw new Diagnostics.BackpropException($"--port must be between 0 and 65535, not {port}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(address.Address, port);
            k.Limits.MaxRequestBodySize = 2L * PlaygroundGuard.MaxUploadBody;
        });
        var app = builder.Build();
        var server = new PlaygroundServer(app, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
            new TrainingSlots(maxTraining), idleAfter ?? DefaultIdleAfter);
        var guard = new PlaygroundGuard(address, server.Token, () => server._port);
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            string line = response.StatusCode switch
            {
                404 => "there is no such page here: open the address the playground command printed",
                405 => $"{context.HttpContext.Request.Method} is not how this address is used",
                _ => $"the request was refused (HTTP {response.StatusCode})",
            };
            await PlaygroundGuard.Refuse(context.HttpContext, response.StatusCode, line);
        });
        app.Use(guard.InvokeAsync);
        server.Map(app);
        try { await app.StartAsync(); }
        catch (Exception e) when (e is IOException or SocketException or InvalidOperationException)
        {
            await app.DisposeAsync();
            bool inUse = e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse }
                || e.InnerException?.GetType().Name == "AddressInUseException"
                || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
            string why = inUse ? "the port is in use"
                : e is SocketException { SocketErrorCode: SocketError.AddressNotAvailable } ? "the address is not one of this machine's"
                : PlaygroundGuard.OneLine(e.Message);
            throw new Diagnostics.BackpropException($"cannot listen on {PlaygroundAddress.Name(address.Address)}:{port}: {why}");
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server._port = new Uri(bound).Port;
        server.Url = $"http://{PlaygroundAddress.Name(address.Address)}:{server._port}/";
        return server;
    }

    /// <summary>Waits until the server is stopped (Ctrl+C in the CLI).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellation) => _app.WaitForShutdownAsync(cancellation);

    private void Map(WebApplication app)
    {
        app.MapGet("/", () => Results.Content(PlaygroundPage.Html, "text/html; charset=utf-8"));
        app.MapPost("/api/sessions", async (HttpRequest request) =>
        {
            if (await PlaygroundGuard.ReadBody(request) is not byte[] body) return TooLarge(request);
            var node = SetupJson.Parse(body, "setup", out string? error);
            if (error is not null) return Problem(error);
            if (SetupJson.Setup(node, out error) is not PlaygroundSetup setup) return Problem(error!);
            if (setup.Validate() is string problem) return Problem(problem);
            if (setup.DataSet == "upload") return Problem("upload the CSV to /api/sessions/upload");
            var session = Open(setup, null);
            return Results.Json(session.Points().AddId(session.Id));
        });
        app.MapPost("/api/sessions/upload", async (HttpRequest request) =>
        {
            if (await PlaygroundGuard.ReadBody(request) is not byte[] body) return TooLarge(request);
            var node = SetupJson.Parse(body, "upload", out string? error);
            if (error is not null) return Problem(error);
            if (SetupJson.Upload(node, out error) is not { } upload) return Problem(error!);
            var (csv, file, x, y, label, setup) = upload;
            if (setup.Validate() is string problem) return Problem(problem);
            var points = UploadedCsv.Parse(csv, file, x, y, label, out error);
            if (points is null) return Problem(error!);
            var session = Open(setup, points);
            return Results.Json(session.Points().AddId(session.Id));
        });
        app.MapPost("/api/sessions/{id}/settings", async (string id, HttpRequest request) =>
        {
            if (!_sessions.TryGetValue(id, out var session)) return Gone();
            if (await PlaygroundGuard.ReadBody(request) is not byte[] body) return TooLarge(request);
            var node = SetupJson.Parse(body, "change", out string? error);
            if (error is not null) return Problem(error);
            if (ChangeJson.Settings(node, out error) is not { } change) return Problem(error!);
            return session.Change(change.LearningRate, change.L2, change.BatchSize, change.EpochsPerFrame, change.L1) is string problem
                ? Problem(problem) : Results.Json(new { ok = true });
        });
        app.MapPost("/api/sessions/{id}/weight", async (string id, HttpRequest request) =>
        {
            if (!_sessions.TryGetValue(id, out var session)) return Gone();
            if (await PlaygroundGuard.ReadBody(request) is not byte[] body) return TooLarge(request);
            var node = SetupJson.Parse(body, "change", out string? error);
            if (error is not null) return Problem(error);
            if (ChangeJson.Weight(node, out error) is not { } edge) return Problem(error!);
            return session.SetWeight(edge.Layer, edge.From, edge.To, edge.Value) is string problem
                ? Problem(problem) : Results.Json(new { ok = true });
        });
        app.MapPost("/api/sessions/{id}/{action}", (string id, string action) =>
        {
            if (!_sessions.TryGetValue(id, out var session)) return Gone();
            try
            {
                if (!session.Control(action))
                    return Problem($"{_slots.Max} pages are training already, the most this playground trains at once: pause one, then play",
                        StatusCodes.Status429TooManyRequests);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { return Problem(e.Message); }
            return Results.Json(new { ok = true });
        });
        app.MapGet("/api/sessions/{id}/events", async (string id, HttpContext context) =>
        {
            if (!_sessions.TryGetValue(id, out var session))
            {
                await PlaygroundGuard.Refuse(context, 404, "no such session: reload the page");
                return;
            }
            context.Response.Headers.ContentType = "text/event-stream";
            context.Response.Headers.CacheControl = "no-cache";
            int sent = -1;
            var token = context.RequestAborted;
            try
            {
                while (!token.IsCancellationRequested)
                {
                    session.Seen(); // the page is open: its session may go on playing
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
        app.MapGet("/api/sessions/{id}/explain/{point}", (string id, string point, HttpRequest request) =>
        {
            if (!_sessions.TryGetValue(id, out var session)) return Gone();
            session.Seen();
            try { return Results.Content(PlaygroundExplain.Page(session, point, request.Query["layer"], Token), "text/html; charset=utf-8"); }
            catch (Diagnostics.BackpropException e) { return Problem(e.Message); }
        });
    }

    private PlaygroundSession Open(PlaygroundSetup setup, (double, double, double)[]? points)
    {
        var session = new PlaygroundSession(Guid.NewGuid().ToString("N"), setup, PlaygroundData.Create(setup, points), _slots, _idleAfter);
        _sessions[session.Id] = session;
        _order.Enqueue(session.Id);
        while (_order.Count > MaxSessions && _order.TryDequeue(out var old))
            if (_sessions.TryRemove(old, out var gone)) gone.Dispose();
        return session;
    }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A refusal the page shows: <c>{"error": "one line"}</c>.</summary>
    private static IResult Problem(string message, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new { error = PlaygroundGuard.OneLine(message) }, statusCode: status);

    private static IResult Gone() => Problem("no such session: reload the page", StatusCodes.Status404NotFound);

    private static IResult TooLarge(HttpRequest request) =>
        Problem($"the request is over {PlaygroundGuard.Limit(request) / 1024} KiB", StatusCodes.Status413PayloadTooLarge);

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
