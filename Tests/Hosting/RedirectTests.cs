using System.Net;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>SECURITY.md I5: after signing in or switching language the app goes to local paths only, over real HTTP.</summary>
public sealed class RedirectTests(SignInApp fixture) : IClassFixture<SignInApp>
{
    public static TheoryData<string> Foreign =>
    [
        "//evil.example",
        "/\\evil.example",
        "https:\\\\evil.example",
        "https:%5C%5Cevil.example",
        " //evil.example",
        "%20//evil.example",
        "\t//evil.example",
        "/\t/evil.example",
        "\\\\evil.example",
        "~//evil.example",
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        "https://evil.example/",
        "http:evil.example",
        "evil.example",
        "data:text/html,<script>alert(1)</script>",
    ];

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task Signing_in_never_leaves_the_site(string returnUrl)
    {
        using var client = fixture.Client();

        var response = await client.SignInAsync(DemoAccounts.Duty.UserName, DemoAccounts.Password, returnUrl);

        Assert.Equal("/triage", LocalPath(response));
    }

    [Theory]
    [MemberData(nameof(Foreign))]
    public async Task Switching_language_never_leaves_the_site_nor_fails(string returnUrl)
    {
        using var client = fixture.Client();

        var response = await client.GetAsync($"/culture/en?returnUrl={Uri.EscapeDataString(returnUrl)}");

        Assert.Equal("/", LocalPath(response));
    }

    [Fact]
    public async Task Local_paths_are_followed()
    {
        using var client = fixture.Client();
        Assert.Equal("/cases/3", LocalPath(await client.SignInAsync(DemoAccounts.Duty.UserName, DemoAccounts.Password, "/cases/3")));
        Assert.Equal("/board", LocalPath(await client.GetAsync($"/culture/zh-CN?returnUrl={Uri.EscapeDataString("/board")}")));
    }

    [Theory]
    [InlineData("/cases", true)]
    [InlineData("/", true)]
    [InlineData("~/cases", true)]
    [InlineData("//evil.example", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("/cases\r\nSet-Cookie: x=1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Local_means_Url_IsLocalUrl(string? url, bool local) => Assert.Equal(local, LocalUrl.IsLocal(url));

    /// <summary>The redirect's target, which must be on this site; its path (and query).</summary>
    private static string LocalPath(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        var target = location.IsAbsoluteUri ? location : new Uri(new Uri("https://localhost"), location);
        Assert.Equal("https", target.Scheme);
        Assert.Equal("localhost", target.Host);
        return target.PathAndQuery;
    }
}
