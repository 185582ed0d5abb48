using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OpinionResponse.App;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Items;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Triage;

/// <summary>
/// What every open queue shows alike after a change is worked out once for all of them: a row's relative time and clock
/// per clock reading, a row's markup per view and language.
/// </summary>
[Collection(TriageDesk.Name)]
public class TriageRowSharingTests(DeskFixture fixture)
{
    private static readonly DateTime Collected = new(2026, 11, 28, 3, 50, 0, DateTimeKind.Utc);

    private IServiceProvider Services => fixture.App.Services;

    private IStringLocalizer L => Services.GetRequiredService<IStringLocalizer<SharedResource>>();

    [Fact]
    public void Queues_reading_the_clock_in_the_same_second_share_a_rows_texts_and_a_later_reading_works_them_out_again()
    {
        var times = Services.GetRequiredService<TriageRowTimes>();
        var first = TriageRowTimes.Reading(Collected.AddMinutes(5).AddMilliseconds(120));
        var second = TriageRowTimes.Reading(Collected.AddMinutes(5).AddMilliseconds(870));
        // Up to the second, never before the moment read: an item that has just arrived is never read before it arrived.
        Assert.Equal(Collected.AddMinutes(5).AddSeconds(1), first);
        Assert.Equal(Collected, TriageRowTimes.Reading(Collected));
        Assert.Equal(first, second);

        var (one, other) = InChinese(() => (times.Of(Collected, first, L), times.Of(Collected, second, L)));
        Assert.Same(one, other);
        Assert.Equal(InChinese(() => L.Ago(Collected, first)), one.Ago);

        var later = InChinese(() => times.Of(Collected, first.AddMinutes(20), L));
        Assert.NotEqual(one.Ago, later.Ago);
        Assert.NotEqual(one.Clock.State, later.Clock.State);
    }

    [Fact]
    public void A_rows_shared_texts_and_markup_are_those_of_the_readers_language()
    {
        var times = Services.GetRequiredService<TriageRowTimes>();
        var pool = new TriageRowPool();
        var now = Collected.AddMinutes(5);
        var row = new ListTriageQueue.Row(41, Channel.Hotline, "滨江村自来水发黑", "来电反映", null, null, null, null, null,
            Collected, null, "值班员", 0, null, TriageStatus.New, null, null, null);
        MarkupString MarkupIn(string culture) => In(culture, () =>
        {
            var shown = times.Of(Collected, now, L);
            return pool.Markup(new TriageRowView(row, IsNew: true, ClaimedByOther: false, shown.Ago, shown.Clock, SuggestionActionState.Ready,
                KeywordMarker.None), L);
        });

        var chinese = MarkupIn("zh-CN");
        var english = MarkupIn("en");

        Assert.Same(chinese.Value, MarkupIn("zh-CN").Value);
        Assert.NotEqual(chinese.Value, english.Value);
        Assert.Contains(In("en", () => L["Triage.OpenCase"].Value), english.Value, StringComparison.Ordinal);
        Assert.Contains(In("zh-CN", () => L["Triage.OpenCase"].Value), chinese.Value, StringComparison.Ordinal);
    }

    private static T InChinese<T>(Func<T> read) => In("zh-CN", read);

    private static T In<T>(string culture, Func<T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo(culture);
        try
        {
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
