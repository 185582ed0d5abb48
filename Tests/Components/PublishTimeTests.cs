using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OpinionResponse.App;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

/// <summary>A queue row shows when the item was published, and that it was collected late when it was.</summary>
public class PublishTimeTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    private static readonly DateTime Collected = new(2026, 12, 4, 13, 8, 0, DateTimeKind.Utc);

    private static ListTriageQueue.Row Row(DateTime? published, Channel channel = Channel.Weibo, string? platform = null) => new(1, channel, "滨江小区停水",
        "滨江小区停水两天。", null, null, null, null, null, Collected, published, "api", 0, null, TriageStatus.New, null, null, null, platform);

    private string RowHtml(DateTime? published, Channel channel = Channel.Weibo, string? platform = null)
    {
        var l = App.Services.GetRequiredService<IStringLocalizer<SharedResource>>();
        return TriageRowMarkup.Build(new TriageRowView(Row(published, channel, platform), false, false, "1 分钟前",
            ClockView.Describe(OpinionResponse.Domain.Clocks.CaseClocks.Triage(Collected, null, OpinionResponse.Domain.Clocks.SlaPolicy.Default, Collected), Collected, l),
            SuggestionActionState.Ready, OpinionResponse.App.Common.Ui.KeywordMarker.None), l).Value;
    }

    [Fact]
    public void A_week_old_post_says_when_it_was_published_and_how_late_it_was_collected()
    {
        SignIn(DemoAccounts.Duty);

        var html = RowHtml(Collected.AddDays(-7));

        Assert.Contains("发布 2026-11-27 21:08（采集晚 7 天）", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fresh_post_shows_its_publish_time_without_a_delay_and_no_time_shows_nothing()
    {
        SignIn(DemoAccounts.Duty);

        Assert.Contains("发布 2026-12-04 21:00<", RowHtml(Collected.AddMinutes(-8)), StringComparison.Ordinal);
        Assert.DoesNotContain("row-published", RowHtml(null), StringComparison.Ordinal);
    }

    [Fact]
    public void A_post_collected_two_hours_after_it_was_published_says_so()
    {
        SignIn(DemoAccounts.Duty);

        Assert.Contains("发布 2026-12-04 19:08（采集晚 2 小时）", RowHtml(Collected.AddHours(-2)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_row_names_the_platform_beside_its_channel_family()
    {
        SignIn(DemoAccounts.Duty);

        Assert.Contains(">抖音 · 短视频<", RowHtml(null, Channel.ShortVideo, "抖音"), StringComparison.Ordinal);
        Assert.Contains(">微博<", RowHtml(null, Channel.Weibo, "微博"), StringComparison.Ordinal);
        Assert.Contains(">某某直播 · 其他<", RowHtml(null, Channel.Other, "某某直播"), StringComparison.Ordinal);
    }
}
