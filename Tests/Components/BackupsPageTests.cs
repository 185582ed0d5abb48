using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Features.Backup;
using OpinionResponse.Infrastructure.Backup;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

/// <summary>系统管理 → 备份: the backups with size, time and integrity, and 「立即备份」 through the real mediator.</summary>
public class BackupsPageTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    [Fact]
    public void Back_up_now_adds_a_checked_backup_to_the_list_in_Beijing_time()
    {
        SignIn(DemoAccounts.Admin);
        var backups = App.Services.GetRequiredService<IDatabaseBackup>();
        var before = backups.List().Count;
        var page = RenderPage<BackupsPage>();
        page.WaitForElement("[data-testid=backup-now]");
        Assert.Contains(Text("Backups.Title"), page.Markup, StringComparison.Ordinal);
        // The tests' app has the schedule off (TestApp): the page says so, with the days copies are kept.
        Assert.Equal(string.Format(Text("Backups.ScheduleOff"), 30), page.Find("[data-testid=backup-schedule]").TextContent.Trim());

        page.Find("[data-testid=backup-now]").Click();

        page.WaitForAssertion(() => Assert.Equal(before + 1, page.FindAll("[data-testid=backup-row]").Count), TimeSpan.FromSeconds(20));
        var newest = backups.List()[0];
        var row = page.Find($"[data-testid=backup-row][data-name='{newest.Name}']");
        Assert.Equal(Text("Backups.IntegrityOk"), row.QuerySelector("[data-testid=backup-integrity]")!.TextContent.Trim());
        Assert.Contains(newest.TakenAt.AddHours(8).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), row.TextContent, StringComparison.Ordinal);
        Assert.Contains("KB", row.TextContent, StringComparison.Ordinal);
        page.WaitForAssertion(() => Assert.Contains(string.Format(Text("Backups.Done"), newest.Name), page.Markup, StringComparison.Ordinal));
    }
}
