using Backprop.Playground;

namespace Backprop.Tests.Playground;

/// <summary>
/// No page open, no training (issue 21): a session whose page is gone pauses and gives its slot back, one whose page
/// holds the event stream open goes on; at most <c>maxTraining</c> sessions train at once and the next is answered 429.
/// </summary>
public sealed class PlaygroundSessionLimitTests
{
    private const string Setup = """{"dataSet": "circle", "layers": [4, 2]}""";

    /// <summary>Polls <paramref name="condition"/> until it holds, at most 30 s (against a hang, not a timing).</summary>
    private static async Task<bool> Eventually(Func<bool> condition)
    {
        for (var end = DateTime.UtcNow.AddSeconds(30); DateTime.UtcNow < end; await Task.Delay(50))
            if (condition()) return true;
        return condition();
    }

    [Fact]
    public async Task A_session_whose_page_is_gone_pauses_and_one_whose_page_is_open_goes_on()
    {
        await using var server = await PlaygroundServer.StartAsync(idleAfter: TimeSpan.FromMilliseconds(1000));
        using var client = new PlaygroundClient(server);
        string gone = await client.Open(Setup), open = await client.Open(Setup);
        // The open page: its event stream is open before either plays (so a slow start cannot count it as gone) and stays open
        // while the other session has no page.
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add("X-Playground-Token", server.Token);
        using var stream = new StreamReader(await http.GetStreamAsync(server.Url + $"api/sessions/{open}/events", cancel.Token));
        Assert.Equal(200, (await client.Send("POST", $"api/sessions/{gone}/play")).Status);
        Assert.Equal(200, (await client.Send("POST", $"api/sessions/{open}/play")).Status);
        Assert.InRange(server.Training, 1, 2); // the page-less one may already have been paused
        Assert.True(await Eventually(() => server.Training == 1), $"{server.Training} sessions train with one page gone");
        var paused = await client.Snapshot(gone);
        Assert.False(paused.GetProperty("playing").GetBoolean());
        int epoch = paused.GetProperty("epoch").GetInt32();
        Assert.True(epoch > 0, "it trained while its page was there");

        // Three idle periods later, the open page's session still plays and the other has not moved.
        var until = DateTime.UtcNow.AddSeconds(3);
        string? last = null;
        while (DateTime.UtcNow < until && await stream.ReadLineAsync(cancel.Token) is string line)
            if (line.StartsWith("data: ", StringComparison.Ordinal)) last = line;
        Assert.NotNull(last);
        Assert.Contains("\"playing\":true", last);
        Assert.Equal(1, server.Training);
        Assert.Equal(epoch, (await client.Snapshot(gone)).GetProperty("epoch").GetInt32());
    }

    [Fact]
    public async Task At_most_max_training_sessions_play_at_once_and_the_next_is_answered_429_with_one_line()
    {
        await using var server = await PlaygroundServer.StartAsync(maxTraining: 2);
        using var client = new PlaygroundClient(server);
        string a = await client.Open(Setup), b = await client.Open(Setup), c = await client.Open(Setup);
        Assert.Equal(200, (await client.Send("POST", $"api/sessions/{a}/play")).Status);
        Assert.Equal(200, (await client.Send("POST", $"api/sessions/{b}/play")).Status);
        Assert.Equal(200, (await client.Send("POST", $"api/sessions/{a}/play")).Status); // playing again keeps its slot
        var busy = await client.Send("POST", $"api/sessions/{c}/play");
        Assert.Equal(429, busy.Status);
        Assert.Equal("2 pages are training already, the most this playground trains at once: pause one, then play", busy.Line);
        Assert.Equal(2, server.Training);
        Assert.False((await client.Snapshot(c)).GetProperty("playing").GetBoolean());
        // A step is allowed (one epoch, then paused); pausing one frees its slot.
        Assert.Equal(200, (await client.Send("POST", $"api/sessions/{c}/step")).Status);
        Assert.Equal(200, (await client.Send("POST", $"api/sessions/{a}/pause")).Status);
        Assert.Equal(200, (await client.Send("POST", $"api/sessions/{c}/play")).Status);
        Assert.Equal(2, server.Training);
        Assert.True((await client.Snapshot(c)).GetProperty("playing").GetBoolean());
    }
}
