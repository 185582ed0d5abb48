using System.Net;
using System.Net.Sockets;

namespace OpinionResponse.Infrastructure.Feeds;

/// <summary>
/// SSRF guard for feed fetching. The check runs in the socket connect callback on the address actually connected
/// to, so a DNS name that resolves (or re-resolves, or redirects) to a metadata address is refused just the same.
/// Always refused: link-local (169.254.0.0/16 and fe80::/10 — the cloud metadata services of AWS, Azure, Huawei and
/// Tencent), Alibaba Cloud's 100.100.100.200, unspecified, broadcast and multicast addresses. With
/// <see cref="FeedOptions.BlockPrivateNetworks"/> also loopback and private ranges.
/// </summary>
public static class NetworkGuard
{
    public static bool IsBlocked(IPAddress address, bool blockPrivateNetworks)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            var always = b[0] == 0
                         || (b[0] == 169 && b[1] == 254)
                         || b[0] >= 224
                         || (b[0] == 100 && b[1] == 100 && b[2] == 100 && b[3] == 200);
            var isPrivate = b[0] == 127 || b[0] == 10 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                            || (b[0] == 100 && b[1] is >= 64 and <= 127);
            return always || (blockPrivateNetworks && isPrivate);
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var b = address.GetAddressBytes();
            var always = address.Equals(IPAddress.IPv6None) || address.IsIPv6LinkLocal || address.IsIPv6Multicast
                         || address.Equals(IPAddress.Parse("fd00:ec2::254"));
            var isPrivate = address.Equals(IPAddress.IPv6Loopback) || (b[0] & 0xFE) == 0xFC || address.IsIPv6SiteLocal;
            return always || (blockPrivateNetworks && isPrivate);
        }

        return true;
    }

    /// <summary>For <see cref="SocketsHttpHandler.ConnectCallback"/>: connects only to an allowed address of the host.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectCallback(bool blockPrivateNetworks) =>
        async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host, out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken);
            var allowed = addresses.Where(a => !IsBlocked(a, blockPrivateNetworks)).ToList();
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
}

public sealed class BlockedAddressException(string host, IPAddress? address)
    : Exception($"{host} ({address}) is a link-local, metadata or otherwise refused address");
