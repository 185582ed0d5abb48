using System.Globalization;
using Bunit;
using OpinionResponse.App.Features.Clocks;
using OpinionResponse.App.Features.Duty;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

/// <summary>The clock and duty pages render for the office's section chief in Chinese, and in English when chosen, with no resource key left untranslated.</summary>
public class ClockPagesTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    [Theory]
    [InlineData("zh-CN", "时限策略", "值班表", "交接班", "超时记录（考核）")]
    [InlineData("en", "Clock policy", "Duty roster", "Handover", "Breaches (performance assessment)")]
    public async Task The_clock_policy_roster_handover_and_breaches_pages_speak_the_users_language(string culture, string policy, string roster,
        string handover, string breaches)
    {
        SignIn(DemoAccounts.Chief);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);

        await ExpectAsync<ClockPolicyPage>(policy, "clock-policy-form");
        await ExpectAsync<RosterPage>(roster, "roster-form");
        await ExpectAsync<HandoverPage>(handover, "handover-form");
        await ExpectAsync<BreachesPage>(breaches, "breaches-empty");
    }

    /// <summary>One page at a time: each renders its own MudBlazor providers.</summary>
    private async Task ExpectAsync<TPage>(string title, string loadedTestId)
        where TPage : Microsoft.AspNetCore.Components.IComponent
    {
        var page = RenderPage<TPage>();
        page.WaitForElement($"[data-testid={loadedTestId}]", TimeSpan.FromSeconds(10));
        Assert.Equal(title, page.Find("h1").TextContent.Trim());
        // A key the resources lack shows as its own name ("Roster.Date"): none may reach the screen.
        Assert.DoesNotMatch(@"\b(Roster|Handover|Breaches|ClockPolicy|Clock|Field|Validation)\.[A-Z]", page.Markup);
        await Context.DisposeComponentsAsync();
    }
}
