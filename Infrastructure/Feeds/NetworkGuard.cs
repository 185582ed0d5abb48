using System.Net;
using System.Net.Sockets;

namespace OpinionResponse.Infrastructure.Feeds;

/// <summary>
/// SSRF guard for feed fetching. The check runs in the socket connect callback on the address actually connected
/// to, so a DNS name that resolves (or re-resolves, or redirects) to a refused address is refused just the same; the
/// save-time check (<see cref="IsRefusedUrlAsync"/>) only tells the administrator early.
/// <list type="bullet">
/// <item>Always refused: link-local (169.254.0.0/16 and fe80::/10 — the cloud metadata services of AWS, Azure, Huawei
/// and Tencent), Alibaba Cloud's 100.100.100.200, unspecified, broadcast and multicast addresses.</item>
/// <item>Refused unless an administrator named the host in <see cref="FeedOptions.AllowedHosts"/>: loopback and every
/// address of the server itself (the app's own port among them) — a feed must not make the server call itself or the
/// services that listen only for local callers.</item>
/// <item>With <see cref="FeedOptions.BlockPrivateNetworks"/> also private ranges (unless the host is allowed).</item>
/// </list>
/// </summary>
public static class NetworkGuard
{
    private static readonly TimeSpan OwnAddressesFor = TimeSpan.FromMinutes(1);
    private static (DateTime At, HashSet<IPAddress> Addresses) own = (DateTime.MinValue, []);

    /// <param name="hostAllowed">The host name is in <see cref="FeedOptions.AllowedHosts"/>: loopback, the server's own and private addresses are let through.</param>
    public static bool IsBlocked(IPAddress address, bool blockPrivateNetworks, bool hostAllowed = false)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        bool always, isInternal, isPrivate;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            always = b[0] == 0
                     || (b[0] == 169 && b[1] == 254)
                     || b[0] >= 224
                     || (b[0] == 100 && b[1] == 100 && b[2] == 100 && b[3] == 200);
            isInternal = b[0] == 127;
            isPrivate = b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                        || (b[0] == 100 && b[1] is >= 64 and <= 127);
        }
        else if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            always = address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6Multicast
                     || address.Equals(IPAddress.Parse("fd00:ec2::254"));
            isInternal = address.Equals(IPAddress.IPv6Loopback);
            isPrivate = (b[0] & 0xFE) == 0xFC || address.IsIPv6SiteLocal;
        }
        else
        {
            return true;
        }

        if (always)
        {
            return true;
        }

        if (hostAllowed)
        {
            return false;
        }

        return isInternal || IsOwnAddress(address) || (blockPrivateNetworks && isPrivate);
    }

    public static bool IsAllowedHost(string host, FeedOptions options) =>
        options.AllowedHosts.Any(h => string.Equals(h.Trim().TrimEnd('.'), host.TrimEnd('.'), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// At save: the URL's host is, or resolves to, an address the fetcher would refuse. A name that does not resolve
    /// now is not refused here (the fetcher checks again on every connection).
    /// </summary>
    public static async Task<bool> IsRefusedUrlAsync(string url, FeedOptions options, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.IdnHost))
        {
            return false;
        }

        var host = uri.IdnHost.Trim('[', ']');
        var allowed = IsAllowedHost(host, options);
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return addresses.Any(a => IsBlocked(a, options.BlockPrivateNetworks, allowed));
    }

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>: connects only to an allowed address of the host (every redirect too).</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(FeedOptions options) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var hostAllowed = IsAllowedHost(host.Trim('[', ']'), options);
            var addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(a => !IsBlocked(a, options.BlockPrivateNetworks, hostAllowed)).ToList();
            if (allowed.Count == 0)
            {
                throw new BlockedAddressException(host, addresses.FirstOrDefault());
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed.ToArray(), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

    /// <summary>An address of one of the server's own network interfaces (looked up again each minute).</summary>
    private static bool IsOwnAddress(IPAddress address)
    {
        var known = own;
        if (DateTime.UtcNow - known.At > OwnAddressesFor)
        {
            HashSet<IPAddress> addresses = [];
            try
            {
                foreach (var nic in System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces())
                {
                    foreach (var unicast in nic.GetIPProperties().UnicastAddresses)
                    {
                        addresses.Add(unicast.Address.IsIPv4MappedToIPv6 ? unicast.Address.MapToIPv4() : unicast.Address);
                    }
                }
            }
            catch (System.Net.NetworkInformation.NetworkInformationException)
            {
                // Without the list, loopback is still refused; private ones per BlockPrivateNetworks.
            }

            known = own = (DateTime.UtcNow, addresses);
        }

        // By bytes: an interface's IPv6 address carries its scope id, the one a URL names does not.
        var bytes = address.GetAddressBytes();
        return known.Addresses.Any(a => a.AddressFamily == address.AddressFamily && a.GetAddressBytes().AsSpan().SequenceEqual(bytes));
    }
}

public sealed class BlockedAddressException(string host, IPAddress? address)
    : Exception($"{host} ({address}) is a loopback, own, link-local, metadata or otherwise refused address")
{
    public string Host { get; } = host;
}
