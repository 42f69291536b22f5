using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Backprop.Playground;

namespace Backprop.Tests.Playground;

/// <summary>The playground's server over HTTP on loopback (with the launch's token): settings out of range are refused, sessions train on their own,
/// and a page that goes away mid-stream leaves the server serving.</summary>
public sealed class PlaygroundServerTests : IAsyncLifetime
{
    private PlaygroundServer _server = null!;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        _server = await PlaygroundServer.StartAsync();
        _http.DefaultRequestHeaders.Add("X-Playground-Token", _server.Token);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private Task<HttpResponseMessage> Post(string path, string json) =>
        _http.PostAsync(_server.Url + path, new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public void The_server_listens_on_loopback_only_unless_told_otherwise()
    {
        Assert.StartsWith("http://127.0.0.1:", _server.Url);
    }

    [Theory]
    [InlineData("""{"dataSet": "xor", "layers": [99]}""", "a hidden layer of 99 units is outside 1 to 8")]
    [InlineData("""{"dataSet": "xor", "layers": [2, 2, 2, 2, 2, 2, 2]}""", "7 hidden layers is more than the 6")]
    [InlineData("""{"dataSet": "xor", "learningRate": 0}""", "learning rate 0 is outside (0, 10]")]
    [InlineData("""{"dataSet": "xor", "learningRate": 50}""", "learning rate 50 is outside (0, 10]")]
    [InlineData("""{"dataSet": "xor", "batchSize": 0}""", "batch size 0 is outside 1 to 500")]
    [InlineData("""{"dataSet": "moons"}""", "data set 'moons' is not one of")]
    [InlineData("""{"dataSet": "xor", "features": ["z"]}""", "feature 'z' is not one of")]
    [InlineData("""{"dataSet": "xor", "noise": 80}""", "noise 80% is outside 0 to 50")]
    [InlineData("""{"dataSet": "xor", "trainFraction": 1}""", "train fraction 1 is outside 0.1 to 0.9")]
    [InlineData("""{"dataSet": "xor", "layers": "four"}""", "'layers' must be a list of whole numbers")]
    public async Task A_setting_out_of_range_is_refused_with_400_and_one_line(string setup, string problem)
    {
        var response = await Post("api/sessions", setup);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;
        Assert.Contains(problem, error);
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public async Task An_upload_that_is_too_large_or_not_csv_is_refused()
    {
        // The page sends the file's text as JSON (it refuses a file that is not UTF-8 before sending).
        async Task<string> Upload(string csv, string name)
        {
            var response = await Post("api/sessions/upload", JsonSerializer.Serialize(new { csv, fileName = name, setup = new { } }));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString()!;
        }
        Assert.Contains("over 1024 KiB", await Upload(new string('1', PlaygroundServer.MaxUpload + 10), "big.csv"));
        Assert.Contains("data.csv.gz is not text", await Upload("\u001F\u008B\u0008\uFFFD\uFFFD\u0000", "data.csv.gz"));
        Assert.Contains("'abc' is not a number", await Upload("a,b,c\n1,2,x\nabc,3,y\n", "t.csv"));
    }

    [Fact]
    public async Task An_uploaded_csv_of_two_classes_trains()
    {
        var csv = new StringBuilder("u,v,kind\n");
        for (int i = 0; i < 40; i++) csv.Append($"{i % 7 - 3},{i % 5 - 2},{(i % 7 - 3 > 0 ? "yes" : "no")}\n");
        var response = await Post("api/sessions/upload",
            JsonSerializer.Serialize(new { csv = csv.ToString(), fileName = "mine.csv", setup = new { layers = new[] { 3 } } }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var points = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(40, points.GetProperty("x").GetArrayLength());
        Assert.False(points.GetProperty("regression").GetBoolean());
        // The loss the chart draws, named as train, examples and explain name it.
        Assert.Equal("E = -(1/m)·Σ [target·ln(out) + (1 - target)·ln(1 - out)] (cross-entropy)", points.GetProperty("loss").GetString());
        Assert.Equal(20, points.GetProperty("train").GetInt32()); // half of the points train by default
    }

    private async Task<string> Open(string setup)
    {
        var response = await Post("api/sessions", setup);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> FirstEvent(string id, CancellationToken cancel)
    {
        using var stream = await _http.GetStreamAsync(_server.Url + $"api/sessions/{id}/events", cancel);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(cancel) is string line)
            if (line.StartsWith("data: ", StringComparison.Ordinal)) return JsonDocument.Parse(line[6..]).RootElement.Clone();
        throw new InvalidOperationException("the stream ended");
    }

    [Fact]
    public async Task Two_pages_train_at_once_and_one_that_leaves_mid_stream_stops_nothing()
    {
        string a = await Open("""{"dataSet": "xor", "features": ["x", "y", "xy"], "layers": [4], "learningRate": 0.1}""");
        string b = await Open("""{"dataSet": "circle", "layers": [4, 2]}""");
        Assert.Equal(HttpStatusCode.OK, (await Post($"api/sessions/{a}/play", "")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post($"api/sessions/{b}/play", "")).StatusCode);

        // A page that reads one event and goes away.
        using (var gone = new CancellationTokenSource(TimeSpan.FromSeconds(20))) await FirstEvent(a, gone.Token);

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        JsonElement sa = default, sb = default;
        for (int tries = 0; tries < 100; tries++)
        {
            sa = await FirstEvent(a, limit.Token);
            sb = await FirstEvent(b, limit.Token);
            if (sa.GetProperty("epoch").GetInt32() > 50 && sb.GetProperty("epoch").GetInt32() > 50) break;
            await Task.Delay(100, limit.Token);
        }
        Assert.True(sa.GetProperty("epoch").GetInt32() > 50 && sb.GetProperty("epoch").GetInt32() > 50, "both sessions train");
        Assert.Equal(80 * 80, sa.GetProperty("heatmap").GetArrayLength()); // the output at 80 × 80 points of the plane
        Assert.Equal(4 + 1, sa.GetProperty("units").GetArrayLength());          // 4 hidden units and the output
        Assert.Equal(3 * 4 + 4 * 1, sa.GetProperty("weights").GetArrayLength()); // x, y, xy → 4 → 1
        // Paused, one step is exactly one epoch more.
        Assert.Equal(HttpStatusCode.OK, (await Post($"api/sessions/{a}/pause", "")).StatusCode);
        int paused = (await FirstEvent(a, limit.Token)).GetProperty("epoch").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await Post($"api/sessions/{a}/step", "")).StatusCode);
        Assert.Equal(paused + 1, (await FirstEvent(a, limit.Token)).GetProperty("epoch").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await Post($"api/sessions/{a}/jump", "")).StatusCode);
    }

    [Fact]
    public async Task A_point_opens_the_step_through_of_its_training_step()
    {
        string id = await Open("""{"dataSet": "gaussians", "layers": [2]}""");
        var page = await _http.GetStringAsync(_server.Url + $"api/sessions/{id}/explain/3");
        Assert.Contains("<script id=\"explain-data\"", page);
        Assert.Contains("One step on point 3", page);
        var outside = await _http.GetAsync(_server.Url + $"api/sessions/{id}/explain/999");
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
    }
}
