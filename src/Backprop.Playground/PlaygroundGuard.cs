using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Backprop.Playground;

/// <summary>
/// What every request passes before it reaches the playground, in the manner of Jupyter's local server: its
/// <c>Host</c> must name this server (against DNS rebinding), an <c>Origin</c> that is present must be this server's
/// own (against other sites' pages), it must carry the launch's token (in the address the command prints, or the
/// header <c>X-Playground-Token</c>), a body must be JSON and not over the limit. A refusal is 403, 413 or 415 with
/// one line of text. Anything that escapes a handler is answered with one line too, never an empty 500.
/// </summary>
internal sealed class PlaygroundGuard(PlaygroundAddress address, string token, Func<int> port)
{
    /// <summary>The largest body of any request but an upload.</summary>
    public const int MaxBody = 64 * 1024;

    /// <summary>The largest upload body: the CSV as a JSON string, with room for its escapes and the setup.</summary>
    public const int MaxUploadBody = 2 * PlaygroundServer.MaxUpload + 64 * 1024;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        Protect(context.Response);
        if (Refusal(request) is (int code, string line)) { await Refuse(context, code, line); return; }
        try { await next(context); }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await Refuse(context, e.StatusCode, $"the request could not be read: {OneLine(e.Message)}");
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            await Refuse(context, 500, $"the playground failed on this request: {e.GetType().Name}: {OneLine(e.Message)}");
        }
    }

    private (int, string)? Refusal(HttpRequest request)
    {
        int served = port();
        string host = request.Headers.Host.ToString();
        if (!Ours(host, served))
            return (403, $"this playground answers only to {string.Join(", ", address.Names.Take(4))} on port {served}, "
                + "not to the host this request names");
        if (request.Headers.Origin.Count > 0 && !Ours(Authority(request.Headers.Origin.ToString()), served))
            return (403, "a page of another site may not use this playground (its Origin is not this server)");
        if (!HasToken(request))
            return (403, "this address has no valid token: open the address the playground command printed (with ?token=…)");
        bool hasBody = request.ContentLength > 0 || request.ContentLength is null && request.Headers.TransferEncoding.Count > 0;
        if (hasBody && !IsJson(request.ContentType))
            return (415, "send the body as JSON (Content-Type: application/json)");
        int limit = Limit(request);
        if (request.ContentLength > limit) return (413, $"the request is over {limit / 1024} KiB");
        return null;
    }

    /// <summary>Whether <paramref name="authority"/> (<c>name</c> or <c>name:port</c>) names this server.</summary>
    private bool Ours(string? authority, int served)
    {
        if (string.IsNullOrEmpty(authority)) return false;
        string name = authority, portText = "";
        int colon = authority.StartsWith('[') ? authority.IndexOf("]:", StringComparison.Ordinal) + 1 : authority.LastIndexOf(':');
        if (colon > 0) (name, portText) = (authority[..colon], authority[(colon + 1)..]);
        bool portOk = portText.Length == 0 ? served == 80 : portText == served.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return portOk && address.Names.Contains(name.ToLowerInvariant());
    }

    /// <summary>The <c>name:port</c> of an origin such as <c>http://localhost:5123</c>; null for any other form.</summary>
    private static string? Authority(string origin) =>
        origin.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && origin.IndexOf('/', 7) < 0 ? origin[7..] : null;

    private bool HasToken(HttpRequest request)
    {
        string given = request.Headers["X-Playground-Token"].ToString() is { Length: > 0 } header ? header : request.Query["token"].ToString();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token));
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var type) && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (type.Charset.Length == 0 || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body limit of a request's path.</summary>
    public static int Limit(HttpRequest request) =>
        request.Path.Equals("/api/sessions/upload", StringComparison.OrdinalIgnoreCase) ? MaxUploadBody : MaxBody;

    /// <summary>Reads the body up to the path's limit: null when it is longer.</summary>
    public static async Task<byte[]?> ReadBody(HttpRequest request)
    {
        int limit = Limit(request);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The token is in the address: no page of this server hands it to another site, nor lets one frame it.</summary>
    private static void Protect(HttpResponse response)
    {
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Frame-Options"] = "DENY";
        response.Headers["X-Content-Type-Options"] = "nosniff";
    }

    /// <summary>Answers <paramref name="code"/> with <paramref name="line"/> as the whole body.</summary>
    public static async Task Refuse(HttpContext context, int code, string line)
    {
        context.Response.Clear();
        Protect(context.Response);
        context.Response.StatusCode = code;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(OneLine(line) + "\n");
    }

    /// <summary>A message as one line of printable text.</summary>
    public static string OneLine(string text)
    {
        var line = new StringBuilder(Math.Min(text.Length, 300));
        foreach (char c in text.Length > 300 ? text[..300] + "…" : text) line.Append(char.IsControl(c) ? ' ' : c);
        return line.ToString().Trim();
    }
}
