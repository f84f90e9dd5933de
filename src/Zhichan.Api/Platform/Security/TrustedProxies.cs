using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Zhichan.Api.Platform.Security;

/// <summary>
/// The client behind a reverse proxy (ADR 0062). When ZHICHAN_TRUSTED_PROXIES names the proxies, a request arriving from one
/// of them takes its client address from <c>X-Forwarded-For</c> and its scheme from <c>X-Forwarded-Proto</c>, so the rate
/// limits, the sessions and the audit log see the real client and cookies are marked Secure behind TLS. A request from any
/// other peer keeps its own address: a client cannot choose its address by sending the header itself. With no proxies
/// configured the headers are ignored altogether.
/// </summary>
public static class TrustedProxies
{
    public static void AddZhichanTrustedProxies(this IServiceCollection services, ZhichanOptions options)
    {
        var (addresses, networks) = Parse(options.TrustedProxies);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var a in addresses) o.KnownProxies.Add(a);
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
            // nginx appends the peer it saw to the client's own list: the right-most entry is the one a trusted proxy vouches for
            o.ForwardLimit = 1;
        });
    }

    /// <summary>First in the pipeline (before rate limits, sign-in and the audit log read the address); nothing when no proxy is trusted.</summary>
    public static void UseZhichanTrustedProxies(this WebApplication app, ZhichanOptions options)
    {
        if (options.TrustedProxies.Count > 0) app.UseForwardedHeaders();
    }

    /// <summary>The configured entries as addresses and networks; a malformed entry stops the start with its name.</summary>
    public static (List<IPAddress> Addresses, List<System.Net.IPNetwork> Networks) Parse(IEnumerable<string> entries)
    {
        var addresses = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var e in entries)
        {
            if (e.Contains('/'))
            {
                if (!System.Net.IPNetwork.TryParse(e, out var n)) throw new StartupException($"ZHICHAN_TRUSTED_PROXIES: “{e}” is not a network (e.g. 10.0.0.0/8)");
                networks.Add(n);
            }
            else
            {
                if (!IPAddress.TryParse(e, out var a)) throw new StartupException($"ZHICHAN_TRUSTED_PROXIES: “{e}” is not an IP address");
                addresses.Add(a);
                // Kestrel reports IPv4 peers of a dual-stack socket as IPv4-mapped IPv6 addresses
                if (a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork) addresses.Add(a.MapToIPv6());
            }
        }
        return (addresses, networks);
    }
}
