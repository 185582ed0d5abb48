using Bunit;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Intake;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using Xunit;

namespace OpinionResponse.Tests.Intake.Api;

/// <summary>/admin/api-keys: an Admin creates a key (shown once), sees it listed by prefix, and revokes it after confirming.</summary>
public sealed class ApiKeysPageTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    [Fact]
    public async Task An_admin_creates_a_key_that_is_shown_once_and_listed_by_its_prefix()
    {
        var name = $"vendor-{Guid.NewGuid():N}"[..20];
        SignIn(DemoAccounts.Admin);
        var page = RenderPage<ApiKeysPage>();

        page.WaitForElement("[data-testid=api-key-create]").Click();
        page.WaitForElement("[data-testid=api-key-name]").Change(name);
        page.Find("[data-testid=dialog-submit]").Click();

        var shown = page.WaitForElement("[data-testid=api-key-value]").GetAttribute("value")!;
        Assert.StartsWith("or_", shown);
        Assert.NotNull(page.Find("[data-testid=api-key-once]"));
        page.Find("[data-testid=dialog-done]").Click();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("[data-testid=api-key-row]"), r => r.GetAttribute("data-name") == name));
        Assert.DoesNotContain(shown, page.Markup);
        Assert.Contains(ApiKeys.PrefixOf(shown), page.Markup);
        await using var db = await App.CreateDbContextAsync();
        var client = await db.ApiClients.SingleAsync(c => c.Name == name);
        Assert.Equal(ApiKeys.Hash(shown), client.KeyHash);
    }

    [Fact]
    public async Task Revoking_asks_first_then_marks_the_key_revoked()
    {
        var created = await Desk.SendAsync(DemoAccounts.Admin, new CreateApiKey.Command { Name = $"crawler-{Guid.NewGuid():N}"[..20] });
        SignIn(DemoAccounts.Admin);
        var page = RenderPage<ApiKeysPage>();
        var row = $"[data-testid=api-key-row][data-name='{created.Name}']";

        page.WaitForElement($"{row} [data-testid=api-key-revoke]").Click();
        var confirm = page.WaitForElement(".mud-dialog");
        Assert.Contains(created.Name, confirm.TextContent);
        page.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == Text("ApiKeys.Revoke")).Click();

        page.WaitForAssertion(() => Assert.Equal(Text("ApiKeys.Revoked"), page.Find($"{row} [data-testid=api-key-status]").TextContent.Trim()));
        await using var db = await App.CreateDbContextAsync();
        Assert.False((await db.ApiClients.SingleAsync(c => c.Id == created.Id)).IsActive);
    }

    [Fact]
    public async Task A_duty_officer_cannot_create_a_key()
    {
        await Assert.ThrowsAsync<OpinionResponse.App.Common.Mediation.ForbiddenException>(() =>
            Desk.SendAsync(DemoAccounts.Duty, new CreateApiKey.Command { Name = "越权" }));
    }
}
