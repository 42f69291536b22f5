using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Backprop.Diagnostics;

namespace Backprop.Playground;

/// <summary>
/// Where the playground listens and which names it answers to. <c>--host</c> is <c>localhost</c>, an IP address (IPv6
/// with or without brackets; an IPv4-mapped IPv6 address is its IPv4 address) or a name of this machine that resolves.
/// The server answers only requests whose <c>Host</c> header is one of <see cref="Names"/> with the port it serves,
/// so a page of another site that rebinds its DNS name to this machine is refused.
/// </summary>
internal sealed class PlaygroundAddress
{
    private PlaygroundAddress(IPAddress address, IReadOnlyList<string> names) { Address = address; Names = names; }

    /// <summary>The address the server binds.</summary>
    public IPAddress Address { get; }

    /// <summary>The host names and addresses (IPv6 in brackets, lower case) a request's <c>Host</c> may name.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Whether only this machine can reach the server.</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Address);

    /// <summary>Reads <paramref name="host"/> as <c>--host</c> takes it.</summary>
    /// <exception cref="BackpropException">The value is empty, not an address, or a name that does not resolve.</exception>
    public static PlaygroundAddress Parse(string host)
    {
        string text = host.Trim();
        if (text.Length == 0) throw new BackpropException("--host is empty: give an address such as 127.0.0.1 or localhost");
        if (text.Any(char.IsControl)) throw new BackpropException("--host has a control character: give an address such as 127.0.0.1");
        if (text.Length > 253 || text.Contains('/'))
            throw new BackpropException($"--host: '{Cut(text)}' is not an address or a host name (such as 127.0.0.1 or localhost)");
        var names = new List<string> { "localhost", "127.0.0.1", "[::1]" };
        string bare = text.StartsWith('[') && text.EndsWith(']') ? text[1..^1] : text;
        IPAddress address;
        if (bare.Equals("localhost", StringComparison.OrdinalIgnoreCase)) address = IPAddress.Loopback;
        else if (IPAddress.TryParse(bare, out var parsed) && (bare.Contains(':') || bare.Count(c => c == '.') == 3))
        {
            address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
            if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.ScopeId != 0)
                throw new BackpropException($"--host: '{text}' has a zone (%): give the address without it");
            if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) names.AddRange(MachineNames());
            names.Add(Name(address));
        }
        else
        {
            if (text.Contains(':') || text.StartsWith('['))
                throw new BackpropException($"--host: '{Cut(text)}' is not an IP address (give the address alone; the port is --port)");
            IPAddress[] found;
            try { found = Dns.GetHostAddresses(bare); }
            catch (Exception e) when (e is SocketException or ArgumentException)
            {
                throw new BackpropException($"--host: the name '{Cut(bare)}' does not resolve to an address");
            }
            address = found.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? found.FirstOrDefault()
                ?? throw new BackpropException($"--host: the name '{Cut(bare)}' does not resolve to an address");
            if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
            names.Add(bare.ToLowerInvariant());
            names.Add(Name(address));
        }
        return new PlaygroundAddress(address, names.Distinct().ToList());
    }

    /// <summary>How an address appears in a URL and in a Host header: IPv6 in brackets.</summary>
    public static string Name(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    /// <summary>A wildcard address serves every address of the machine: its name and each interface's address.</summary>
    private static IEnumerable<string> MachineNames()
    {
        var names = new List<string> { Dns.GetHostName().ToLowerInvariant() };
        try
        {
            foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
                foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                    if (unicast.Address.AddressFamily == AddressFamily.InterNetwork || unicast.Address.ScopeId == 0) names.Add(Name(unicast.Address));
        }
        catch (NetworkInformationException) { } // no interfaces to list: the machine's name and loopback remain
        return names;
    }

    private static string Cut(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
