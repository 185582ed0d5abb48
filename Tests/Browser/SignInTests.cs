using Microsoft.Playwright;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_duty_officer_signs_in_and_sees_their_name_and_role()
    {
        var page = await fixture.SignInAsync(DemoAccounts.Duty);

        var user = page.GetByTestId("current-user");
        await Assertions.Expect(user).ToContainTextAsync("张伟");
        await Assertions.Expect(user).ToContainTextAsync("值班员");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_in_chinese()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.FillAsync("#username", DemoAccounts.Duty.UserName);
        await page.FillAsync("#password", "not-the-password-1");
        await page.ClickAsync("#login-submit");

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("用户名或密码错误");
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await context.CloseAsync();
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_the_sign_in_page()
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/cases");

        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        await Assertions.Expect(page.Locator("#username")).ToBeVisibleAsync();
        await context.CloseAsync();
    }
}
