using System.Net;
using System.Net.Sockets;
using Backprop.Tests.Cli;

namespace Backprop.Tests.Playground;

/// <summary>
/// <c>backprop playground --host/--port</c> (issue 21): a value it cannot serve is one line and exit 1; an IPv4-mapped
/// or IPv6 loopback serves; a non-loopback address serves with a warning line that other machines can reach it.
/// </summary>
public sealed class PlaygroundCommandTests
{
    [Theory]
    [InlineData(new[] { "--host", "nosuch.invalid" }, "--host: the name 'nosuch.invalid' does not resolve to an address")]
    [InlineData(new[] { "--host", "10.99.99.99" }, "cannot listen on 10.99.99.99:0: the address is not one of this machine's")]
    [InlineData(new[] { "--host", "fe80::1%1" }, "--host: 'fe80::1%1' has a zone (%): give the address without it")]
    [InlineData(new[] { "--host", "127.0.0.1:8080" }, "--host: '127.0.0.1:8080' is not an IP address (give the address alone; the port is --port)")]
    [InlineData(new[] { "--host", "http://localhost" }, "--host: 'http://localhost' is not an address or a host name")]
    [InlineData(new[] { "--host", "" }, "--host is empty")]
    [InlineData(new[] { "--host", "\u001b]0;x\u0007" }, "--host has a control character")]
    [InlineData(new[] { "--port", "70000" }, "--port must be between 0 and 65535, not 70000")]
    [InlineData(new[] { "--port", "-1" }, "--port must be between 0 and 65535, not -1")]
    public void A_host_or_port_it_cannot_serve_is_one_line_and_exit_1(string[] args, string problem)
    {
        var outcome = CliRunner.Run(["playground", .. args]);
        CliRunner.AssertUserError(outcome, problem);
        Assert.Equal("", outcome.Output);
    }

    [Fact]
    public void A_port_in_use_is_one_line_and_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        CliRunner.AssertUserError(CliRunner.Run("playground", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            $"cannot listen on 127.0.0.1:{port}: the port is in use");
    }

    [Theory]
    [InlineData("::ffff:127.0.0.1", "http://127.0.0.1:", false)]
    [InlineData("[::1]", "http://[::1]:", false)]
    [InlineData("localhost", "http://127.0.0.1:", false)]
    [InlineData("0.0.0.0", "http://0.0.0.0:", true)]
    public async Task An_address_it_can_serve_is_served_and_a_non_loopback_one_warns(string host, string url, bool warns)
    {
        using var child = ChildCli.Start("playground", "--host", host);
        child.WaitForLine("the playground is at ");
        string line = child.Output.Split('\n')[0];
        Assert.StartsWith("the playground is at " + url, line);
        string address = line["the playground is at ".Length..].Split(' ')[0];
        Assert.Matches("\\?token=[0-9a-f]{48}$", address);
        using var http = new HttpClient();
        // Through loopback, as this machine's browser would open it (0.0.0.0 is reached as 127.0.0.1 on Linux).
        var page = await http.GetAsync(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        if (warns) Assert.Equal($"warning: listening on {host}: other machines on the network can reach the playground\n", child.Error);
        else Assert.Equal("", child.Error);
        Assert.True(child.Signal(ChildCli.SigInt));
        Assert.Equal(0, child.WaitForExit());
    }
}
