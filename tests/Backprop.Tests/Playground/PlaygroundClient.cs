using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Backprop.Playground;

namespace Backprop.Tests.Playground;

/// <summary>Requests to a playground server as any client may send them: any method, Host, Origin, content type and body.</summary>
internal sealed class PlaygroundClient(PlaygroundServer server) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout =
        TimeSpan.FromSeconds(30) };

    public sealed record Answer(int Status, string Body, string? ContentType)
    {
        /// <summary>The response's headers, by name.</summary>
        public Dictionary<string, string> Headers { get; init; } = [];

        /// <summary>The API's {"error": …} or the guard's plain line.</summary>
        public string Line => ContentType?.StartsWith("application/json", StringComparison.Ordinal) == true && Body.StartsWith('{')
            ? JsonDocument.Parse(Body).RootElement.GetProperty("error").GetString()! : Body.TrimEnd('\n');
    }

    /// <summary>The host and port the server is at, as a Host header names them.</summary>
    public string Authority => new Uri(server.Url).Authority;

    public async Task<Answer> Send(string method, string path, byte[]? body = null, string? contentType = "application/json",
        string? host = null, string? origin = null, string? token = "", bool headersOnly = false)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), server.Url + path.TrimStart('/'));
        if (host is not null) request.Headers.Host = host;
        if (origin is not null) request.Headers.TryAddWithoutValidation("Origin", origin);
        if (token is not null) request.Headers.TryAddWithoutValidation("X-Playground-Token", token.Length == 0 ? server.Token : token);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        using var response = await _http.SendAsync(request, headersOnly ? HttpCompletionOption.ResponseHeadersRead
            : HttpCompletionOption.ResponseContentRead);
        // An event stream that opened is left unread (it never ends); any other answer is read whole.
        string text = headersOnly && response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync();
        return new Answer((int)response.StatusCode, text, response.Content.Headers.ContentType?.ToString())
        {
            Headers = response.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase),
        };
    }

    public Task<Answer> Post(string path, string json, string? origin = null) =>
        Send("POST", path, Encoding.UTF8.GetBytes(json), origin: origin);

    /// <summary>Opens a session; its id.</summary>
    public async Task<string> Open(string setup)
    {
        var answer = await Post("api/sessions", setup);
        Assert.True(answer.Status == 200, answer.Body);
        return JsonDocument.Parse(answer.Body).RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>The first picture the session's event stream sends.</summary>
    public async Task<JsonElement> Snapshot(string id)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Get, server.Url + $"api/sessions/{id}/events");
        request.Headers.TryAddWithoutValidation("X-Playground-Token", server.Token);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        while (await reader.ReadLineAsync(cancel.Token) is string line)
            if (line.StartsWith("data: ", StringComparison.Ordinal)) return JsonDocument.Parse(line[6..]).RootElement.Clone();
        throw new InvalidOperationException("the stream ended");
    }

    public void Dispose() => _http.Dispose();
}
