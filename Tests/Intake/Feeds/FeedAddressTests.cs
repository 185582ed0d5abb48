using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Feeds;
using OpinionResponse.Infrastructure.Feeds;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Intake.Feeds;

/// <summary>
/// Feeds SSRF: a feed may not make the server call itself — loopback, link-local, the server's own addresses (its own
/// port among them), or a name resolving to those — at save and on every connection, redirects included, unless an
/// administrator allowed the host by name (Feeds:AllowedHosts; the desk allows only its fixture server's 127.0.0.1).
/// </summary>
[Collection(FeedDesk.Name)]
public class FeedAddressTests(FeedDesk desk)
{
    private FeedFixtureServer Server => desk.Server;

    public static TheoryData<string> Refused => new()
    {
        "http://localhost:5080/rss.xml",
        "http://127.0.0.2/rss.xml",
        "http://[::1]:8080/rss.xml",
        "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0/rss.xml",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_loopback_link_local_or_localhost_url_is_refused_at_save_naming_the_field(string url)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => desk.AddFeedAsync(url, $"本机 {desk.Key("n")}"));

        var failure = Assert.Single(error.Errors);
        Assert.Equal("Url", failure.PropertyName);
        Assert.Contains("Feeds:AllowedHosts", failure.ErrorMessage);
    }

    [Fact]
    public async Task The_servers_own_network_address_is_refused_at_save_as_loopback_is()
    {
        var own = NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(u => u.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
        Assert.NotNull(own);

        var error = await Assert.ThrowsAsync<ValidationException>(() => desk.AddFeedAsync($"http://{own}:5080/rss.xml", $"本机地址 {desk.Key("n")}"));
        Assert.Equal("Url", Assert.Single(error.Errors).PropertyName);
    }

    [Fact]
    public async Task An_allowed_host_that_redirects_to_localhost_is_refused_when_fetched()
    {
        var url = Server.Map(desk.Key("to-self"), new FeedRoute("rss2.xml", RedirectTo: $"http://localhost:{Server.BaseUri.Port}/f/{desk.Key("x")}"));
        var feedId = await desk.AddFeedAsync(url, $"跳转到本机 {desk.Key("n")}");

        await desk.PollAsync(feedId, DateTime.UtcNow.AddSeconds(1));

        var feed = await desk.FeedAsync(feedId);
        Assert.Equal(FeedReasons.BlockedAddress, FeedReasons.Parse(feed.LastError).Code);
        Assert.Empty(await desk.ItemsOfAsync(feedId));
    }

    [Fact]
    public async Task Without_the_allow_list_the_fetcher_refuses_the_loopback_server_it_reads_when_allowed()
    {
        var url = Server.Map(desk.Key("plain"), new FeedRoute("rss2.xml"));
        var allowed = await desk.App.Services.GetRequiredService<FeedFetcher>().FetchAsync(url, null, null, CancellationToken.None);
        Assert.NotEmpty(allowed.Body);

        await using var app = new TestApp { Settings = { ["Feeds:Enabled"] = "false" } };
        var fetcher = app.Services.GetRequiredService<FeedFetcher>();
        var refused = await Assert.ThrowsAsync<FeedProblemException>(() => fetcher.FetchAsync(url, null, null, CancellationToken.None));
        Assert.Equal(FeedReasons.BlockedAddress, refused.Code);
    }
}
