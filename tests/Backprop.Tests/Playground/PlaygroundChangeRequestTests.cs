using System.Text.Json;
using Backprop.Playground;

namespace Backprop.Tests.Playground;

/// <summary>
/// The requests that change a running session over HTTP: settings and a weight are taken, and every malformed one is
/// refused with one line in a learner's words (which field, what it takes), never a .NET type name.
/// </summary>
public sealed class PlaygroundChangeRequestTests : IAsyncLifetime
{
    private PlaygroundServer _server = null!;
    private PlaygroundClient _client = null!;

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

    [Theory]
    [InlineData("settings", """{"batchSize": "x"}""", "'batchSize' must be a whole number from 1 to 500")]
    [InlineData("settings", """{"batchSize": 2.5}""", "'batchSize' must be a whole number from 1 to 500")]
    [InlineData("settings", """{"learningRate": null}""", "'learningRate' must be a number above 0 and at most 10, such as 0.03")]
    [InlineData("settings", """{"learningRate": 11}""", "learning rate 11 is outside (0, 10]")]
    [InlineData("settings", """{"l2": 20}""", "the L2 rate 20 is outside 0 to 10")]
    [InlineData("settings", """{"l1": -1}""", "the L1 rate -1 is outside 0 to 10")]
    [InlineData("settings", """{"l1": "a"}""", "'l1' must be a number from 0 to 10")]
    [InlineData("settings", """{"layers": [2]}""",
        "'layers' cannot be changed while training: only the learning rate, L2, L1, batch size and speed can")]
    [InlineData("settings", """{"epochsPerFrame": 7}""", "the speed must be one of 1, 2, 5, 10, 20, 50, 100 epochs per picture")]
    [InlineData("settings", "[1]", "the settings must be a JSON object such as {\"learningRate\": 0.1}")]
    [InlineData("settings", "{\"l2\": ", "the change is not valid JSON")]
    [InlineData("weight", "", "no change was sent: send it as a JSON object")]
    [InlineData("weight", """{"layer": 0, "from": 0, "to": 0}""", "give the edge's layer, from and to, and its new value")]
    [InlineData("weight", """{"layer": 0, "from": 0, "to": 9, "value": 1}""",
        "layer 1 has no edge from input 1 to unit 10: it has 2 inputs and 3 units")]
    [InlineData("weight", """{"layer": "first", "from": 0, "to": 0, "value": 1}""",
        "'layer' must be a whole number, the layer (0 for the first hidden layer)")]
    [InlineData("weight", """{"layer": 0, "from": 0, "to": 0, "value": 1e9}""", "a weight must be a number from −100 to 100")]
    public async Task A_malformed_change_is_refused_in_one_line_of_words(string what, string body, string words)
    {
        string id = await _client.Open("""{"dataSet": "xor", "layers": [3]}""");
        var answer = await _client.Post($"api/sessions/{id}/{what}", body);
        Assert.Equal(400, answer.Status);
        Assert.StartsWith(words, answer.Line);
        Assert.DoesNotContain("System.", answer.Line);
        Assert.DoesNotContain("Int32", answer.Line);
    }

    [Fact]
    public async Task Settings_and_a_weight_are_taken_and_the_next_picture_shows_them()
    {
        string id = await _client.Open("""{"dataSet": "xor", "layers": [3], "learningRate": 0.03}""");
        Assert.Equal(200, (await _client.Post($"api/sessions/{id}/step", "")).Status);
        var settings = await _client.Post($"api/sessions/{id}/settings", """{"learningRate": 0.3, "batchSize": 20, "epochsPerFrame": 1}""");
        Assert.Equal(200, settings.Status);
        Assert.Equal(200, (await _client.Post($"api/sessions/{id}/weight", """{"layer": 1, "from": 2, "to": 0, "value": -1.25}""")).Status);
        var picture = await _client.Snapshot(id);
        Assert.Equal(1, picture.GetProperty("epoch").GetInt32());
        Assert.Equal(0.3, picture.GetProperty("learningRate").GetDouble());
        Assert.Equal(20, picture.GetProperty("batchSize").GetInt32());
        Assert.Equal(1, picture.GetProperty("epochsPerFrame").GetInt32());
        var weight = picture.GetProperty("weights").EnumerateArray().Select(w => w.EnumerateArray().Select(v => v.GetDouble()).ToArray())
            .Single(w => w[0] == 1 && w[1] == 2 && w[2] == 0);
        Assert.Equal(-1.25, weight[3]);
    }
}
