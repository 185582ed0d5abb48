using System.Net;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Hosting;

/// <summary>
/// Over real HTTP, as a typed or shared link arrives: a signed-in user on a page their role may not use reads 无权访问
/// and who may (not the sign-in page); an anonymous visitor is still sent to sign in; an unknown address answers 404
/// with the app's own page in its frame.
/// </summary>
public sealed class PageAccessTests(SignInApp fixture) : IClassFixture<SignInApp>
{
    [Fact]
    public async Task A_duty_officer_opening_an_admin_page_reads_access_denied_naming_the_role_that_may()
    {
        using var duty = await fixture.SignedInAsync(DemoAccounts.Duty);

        var refused = await duty.GetAsync("/admin/places");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var target = refused.Headers.Location!.OriginalString;
        Assert.DoesNotContain("/account/login", target, StringComparison.Ordinal);
        var page = await duty.GetAsync(target);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"access-denied\"", html, StringComparison.Ordinal);
        Assert.Contains("无权访问", html, StringComparison.Ordinal);
        Assert.Contains("此页面仅限以下角色使用：系统管理员", html, StringComparison.Ordinal);
        Assert.Contains("shell-bar", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_still_sent_to_sign_in()
    {
        using var anonymous = fixture.Client();

        var response = await anonymous.GetAsync("/admin/places");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", new Uri(new Uri("https://localhost"), response.Headers.Location!).PathAndQuery, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/no-such-page")]
    [InlineData("/cases/12/no-such-tab")]
    public async Task An_unknown_address_answers_404_with_the_apps_page_and_a_way_back(string path)
    {
        using var duty = await fixture.SignedInAsync(DemoAccounts.Duty);

        var response = await duty.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"not-found\"", html, StringComparison.Ordinal);
        Assert.Contains("页面不存在", html, StringComparison.Ordinal);
        Assert.Contains("返回首页", html, StringComparison.Ordinal);
        Assert.Contains("shell-bar", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_api_addresses_keep_their_plain_404()
    {
        using var anonymous = fixture.Client();

        var response = await anonymous.GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("not-found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
