using System.CommandLine;
using Backprop.Diagnostics;
using Backprop.Playground;

namespace Backprop.Cli.Commands;

/// <summary><c>backprop playground</c>: the local web playground, until Ctrl+C.</summary>
internal static class PlaygroundCommand
{
    private static readonly Option<string> Host = new("--host")
    {
        Description = "address or name to listen on (default 127.0.0.1, this machine only)", DefaultValueFactory = _ => "127.0.0.1",
    };
    private static readonly Option<int> Port =
        new("--port") { Description = "port to listen on (default: a free one)", DefaultValueFactory = _ => 0 };

    public static Command Create()
    {
        var command = new Command("playground",
            "Open a local web page where a small network trains live on points in the plane (in the spirit of TensorFlow Playground).") {
                Host, Port };
        command.SetAction(parse => CliApp.Guard(parse, output =>
        {
            string host = parse.GetValue(Host)!;
            int port = parse.GetValue(Port);
            if (port is < 0 or > 65535) throw new BackpropException($"--port must be between 0 and 65535, not {port}");
            var address = PlaygroundAddress.Parse(host);
            var server = PlaygroundServer.StartAsync(host, port).GetAwaiter().GetResult();
            if (!address.IsLoopback) // after the bind, so that a refusal stays one line
                parse.InvocationConfiguration.Error.WriteLine(
                    $"warning: listening on {PlaygroundAddress.Name(address.Address)}: other machines on the network can reach the playground");
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(CliApp.Cancellation);
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
            output.WriteLine($"the playground is at {server.PageUrl} (Ctrl+C stops it)");
            output.Flush();
            try { server.WaitForShutdownAsync(stop.Token).GetAwaiter().GetResult(); }
            catch (OperationCanceledException) { }
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return 0;
        }));
        return command;
    }
}
