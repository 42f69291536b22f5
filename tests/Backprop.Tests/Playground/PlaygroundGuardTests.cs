using System.Text;
using Backprop.Playground;

namespace Backprop.Tests.Playground;

/// <summary>
/// The playground is a local tool nothing else can drive (issue 21): a request naming another host, one from another
/// site's page, one without the launch's token and one whose body is not JSON are refused with one line, and no session
/// is made; a body over the limit is refused before it is read whole.
/// </summary>
public sealed class PlaygroundGuardTests : IAsyncLifetime
{
    private PlaygroundServer _server = null!;
    private PlaygroundClient _client = null!;
    private const string Setup = """{"dataSet": "xor", "layers": [2]}""";

    public async Task InitializeAsync()
    {
        _server = await PlaygroundServer.StartAsync();
        _client = new PlaygroundClient(_server);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private string Port => new Uri(_server.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AssertRefused(PlaygroundClient.Answer answer, int status, string words)
    {
        Assert.True(answer.Status == status, $"HTTP {answer.Status}: {answer.Body}");
        Assert.Contains(words, answer.Line);
        Assert.DoesNotContain('\n', answer.Line);
        Assert.DoesNotContain("\"id\"", answer.Body); // no session was made
    }

    [Fact]
    public async Task A_host_header_naming_another_host_or_port_is_refused_with_403_and_one_line()
    {
        // What DNS rebinding sends: the attacker's name, resolved to 127.0.0.1.
        foreach (string host in new[] { "evil.example", $"evil.example:{Port}", "127.0.0.1:1", "127.0.0.1", $"localhost.evil.example:{Port}",
            $"10.0.0.1:{Port}" })
        {
            AssertRefused(await _client.Send("GET", "", host: host), 403, "this playground answers only to localhost, 127.0.0.1, [::1]");
            AssertRefused(await _client.Send("POST", "api/sessions", Encoding.UTF8.GetBytes(Setup), host: host), 403, "answers only to");
        }
        foreach (string host in new[] { $"localhost:{Port}", $"LOCALHOST:{Port}", $"127.0.0.1:{Port}", $"[::1]:{Port}" })
        {
            var page = await _client.Send("GET", "", host: host);
            Assert.True(page.Status == 200 && page.Body.Contains("Backprop playground", StringComparison.Ordinal),
                $"{host}: HTTP {page.Status} {page.Body}");
        }
    }

    [Fact]
    public async Task A_request_from_another_sites_page_is_refused_and_its_own_origin_is_served()
    {
        foreach (string origin in new[] { "http://evil.example", "null", $"http://localhost:1", $"https://127.0.0.1:{Port}", "file://" })
        {
            AssertRefused(await _client.Post("api/sessions", Setup, origin: origin), 403, "a page of another site may not use this playground");
            AssertRefused(await _client.Send("POST", "api/sessions/x/play", origin: origin), 403, "another site");
        }
        Assert.Equal(200, (await _client.Post("api/sessions", Setup, origin: $"http://127.0.0.1:{Port}")).Status);
        Assert.Equal(200, (await _client.Post("api/sessions", Setup, origin: $"http://localhost:{Port}")).Status);
    }

    [Theory]
    [InlineData("text/plain")]                       // what a cross-site fetch may send without a preflight
    [InlineData("text/plain;charset=UTF-8")]
    [InlineData("multipart/form-data; boundary=x")]  // an HTML form
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    [InlineData(null)]
    public async Task A_body_that_is_not_json_is_refused_with_415_and_one_line(string? contentType)
    {
        var answer = await _client.Send("POST", "api/sessions", Encoding.UTF8.GetBytes(Setup), contentType: contentType);
        AssertRefused(answer, 415, "send the body as JSON (Content-Type: application/json)");
        AssertRefused(await _client.Send("POST", "api/sessions/upload", Encoding.UTF8.GetBytes("{}"), contentType: contentType), 415, "as JSON");
    }

    [Fact]
    public async Task A_request_without_the_launchs_token_is_refused_and_the_printed_address_opens_the_page()
    {
        AssertRefused(await _client.Send("GET", "", token: null), 403, "open the address the playground command printed (with ?token=");
        AssertRefused(await _client.Send("POST", "api/sessions", Encoding.UTF8.GetBytes(Setup), token: null), 403, "no valid token");
        // Another token of the same length: its first digit changed (a fixed "0" would be the real token one launch in 16).
        string forged = (_server.Token[0] == '0' ? "1" : "0") + _server.Token[1..];
        AssertRefused(await _client.Send("POST", "api/sessions", Encoding.UTF8.GetBytes(Setup), token: forged), 403, "no valid token");
        Assert.Matches("^http://127\\.0\\.0\\.1:[0-9]+/\\?token=[0-9a-f]{48}$", _server.PageUrl);
        var page = await _client.Send("GET", "?token=" + _server.Token, token: null);
        Assert.Equal(200, page.Status);
        Assert.Equal("no-referrer", page.Headers["Referrer-Policy"]); // the token never leaves in a Referer
        Assert.Equal("DENY", page.Headers["X-Frame-Options"]);
        Assert.Contains("<title>Backprop playground</title>", page.Body);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413_whether_its_length_is_declared_or_not()
    {
        var big = Encoding.UTF8.GetBytes("{\"dataSet\": \"" + new string('a', PlaygroundGuard.MaxBody) + "\"}");
        AssertRefused(await _client.Send("POST", "api/sessions", big), 413, "the request is over 64 KiB");
        // Chunked, with no length: read up to the limit, then refused.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, _server.Url + "api/sessions") { Content =
            new StreamContent(new MemoryStream(big)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("X-Playground-Token", _server.Token);
        using var response = await http.SendAsync(request);
        Assert.Equal(413, (int)response.StatusCode);
        Assert.Contains("the request is over 64 KiB", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("""{"layers": null}""", "give the hidden layers as a list of units per layer, such as [4, 2]")]
    [InlineData("""{"layers": [4, "x"]}""", "'layers' must be a list of whole numbers, the units of each hidden layer (1 to 8)")]
    [InlineData("""{"layers": [4.5]}""", "'layers' must be a list of whole numbers")]
    [InlineData("""{"layers": [1e10]}""", "'layers' must be a list of whole numbers")]
    [InlineData("""{"layers": {"a": 1}}""", "'layers' must be a list of whole numbers")]
    [InlineData("""{"batchSize": "ten"}""", "'batchSize' must be a whole number from 1 to 500")]
    [InlineData("""{"BATCHSIZE": true}""", "'batchSize' must be a whole number from 1 to 500")]
    [InlineData("""{"learningRate": null}""", "'learningRate' must be a number above 0 and at most 10")]
    [InlineData("""{"learningRate": 1e400}""", "learning rate Infinity is outside (0, 10]")]
    [InlineData("""{"seed": -1}""", "'seed' must be a whole number, 0 or more")]
    [InlineData("""{"noise": 99999999999999999999}""", "'noise' must be a whole number from 0 to 50")]
    [InlineData("""{"features": null}""", "choose at least one input feature")]
    [InlineData("""{"features": [null]}""", "feature 'null' is not one of x, y")]
    [InlineData("""{"features": ["x", "y", "x", "y", "x", "y", "x", "y"]}""", "8 features is more than the 7 there are")]
    [InlineData("""{"dataSet": null}""", "choose a data set: one of xor")]
    [InlineData("""{"dataSet": "x\u001b]0;title\u0007"}""", "data set 'x ]0;title' is not one of")]
    [InlineData("""null""", "the setup must be a JSON object")]
    [InlineData("""[4, 2]""", "the setup must be a JSON object")]
    [InlineData("""{"dataSet": "xor", """, "the setup is not valid JSON: it ends too early")]
    [InlineData("{\"dataSet\": \"xor\",\n \"layers\": [4,]}", "the setup is not valid JSON (line 2, character 15)")]
    [InlineData("""{"dataSet": "xor"}}""", "the setup is not valid JSON (line 1, character 19)")]
    [InlineData("", "no setup was sent")]
    public async Task A_malformed_setup_is_refused_with_400_and_one_line_in_a_learners_words(string body, string problem)
    {
        var answer = await _client.Post("api/sessions", body);
        AssertRefused(answer, 400, problem);
        Assert.DoesNotContain("System.", answer.Line);
        Assert.DoesNotContain("Path:", answer.Line);
    }

    [Fact]
    public async Task A_malformed_control_or_explain_request_is_refused_with_one_line()
    {
        string id = await _client.Open(Setup);
        AssertRefused(await _client.Send("POST", "api/sessions/nosuch/play"), 404, "no such session: reload the page");
        AssertRefused(await _client.Send("POST", $"api/sessions/{id}/jump"), 400, "'jump' is not play, pause, step or reset");
        AssertRefused(await _client.Send("GET", $"api/sessions/{id}/explain/abc"), 400, "there is no point 'abc': points are numbered 0 to 299");
        AssertRefused(await _client.Send("GET", $"api/sessions/{id}/explain/-1"), 400, "there is no point '-1'");
        AssertRefused(await _client.Send("GET", $"api/sessions/{id}/explain/99999999999"), 400, "there is no point '99999999999'");
        AssertRefused(await _client.Send("GET", $"api/sessions/{id}/explain/3?layer=9"), 400,
            "there is no layer '9': this network's layers are 1 to 2");
        AssertRefused(await _client.Send("GET", "no/such/page"), 404, "there is no such page here");
        AssertRefused(await _client.Send("DELETE", "api/sessions"), 405, "DELETE is not how this address is used");
        // A NUL in the path is malformed HTTP: Kestrel answers 400 itself, before any handler, with no body.
        Assert.Equal(400, (await _client.Send("GET", "a%00b")).Status);
    }

    [Fact]
    public async Task A_point_of_a_network_too_large_for_one_page_offers_its_layers_in_a_learners_words()
    {
        // 7 features → 8 → 8 → 8 → 1: 56 + 64 + 64 + 8 = 192 weights, more than the 100 one page shows.
        string id = await _client.Open("""{"dataSet": "circle", "features": ["x", "y", "x2", "y2", "xy", "sinx", "siny"], "layers": [8, 8, 8]}""");
        var chooser = await _client.Send("GET", $"api/sessions/{id}/explain/5");
        Assert.Equal(200, chooser.Status);
        Assert.Contains("This network has 192 weights: too many to show every number of a training step on one page (at most 100)", chooser.Body);
        Assert.DoesNotContain("ExplainOptions", chooser.Body);
        Assert.Equal(4, chooser.Body.Split("class=\"layer\"").Length - 1);
        Assert.Contains("layer 2, hidden layer 2: 8 inputs → 8 units, 64 weights", chooser.Body);
        Assert.Contains($"href=\"?layer=2&amp;token={_server.Token}\"", chooser.Body);
        var layer = await _client.Send("GET", $"api/sessions/{id}/explain/5?layer=2");
        Assert.Equal(200, layer.Status);
        Assert.Contains("layer 2 of 4", layer.Body);
        Assert.Contains("<script id=\"explain-data\"", layer.Body);
    }
}
