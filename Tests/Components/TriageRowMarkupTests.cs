using System.Globalization;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionResponse.App;
using OpinionResponse.App.Common.Ui;
using OpinionResponse.App.Features.Triage;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Grouping;
using OpinionResponse.Domain.Items;
using Xunit;

namespace OpinionResponse.Tests.Components;

/// <summary>A queue row is built as trusted markup: everything a member of the public or an officer typed must stay text.</summary>
public sealed class TriageRowMarkupTests
{
    private const string Hostile = "\"><img src=x onerror=alert(1)><script>alert(2)</script>&amp;";

    private static readonly DateTime Now = new(2026, 11, 28, 4, 0, 0, DateTimeKind.Utc);

    private static ListTriageQueue.Row Row(string? url = "https://bbs.example.cn/t/1") => new(
        7, Channel.Forum, $"标题{Hostile}", $"内容{Hostile}", $"来源{Hostile}", $"作者{Hostile}", null, url, $"地点{Hostile}",
        Now.AddMinutes(-5), null, $"值班员{Hostile}", 12, $"媒体{Hostile}", TriageStatus.Claimed, "u2", $"张三{Hostile}", null)
    {
        Suggestion = new ListTriageQueue.Suggestion(SuggestionStage.SameMatter, 0.8, "[{\"kind\":\"place\",\"value\":\"滨江<b>村\"}]", 3,
            $"旧信息{Hostile}", 9, "YQ-2026-0009", $"事件{Hostile}"),
    };

    private static AngleSharp.Dom.IElement Build(ListTriageQueue.Row row, bool claimedByOther = true, KeywordMarker? marker = null)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            var l = new StringLocalizer<SharedResource>(new ResourceManagerStringLocalizerFactory(
                Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));
            var clock = ClockView.Describe(CaseClocks.Triage(row.CollectedAt, null, new SlaPolicy(), Now), Now, l);
            var view = new TriageRowView(row, IsNew: true, claimedByOther, l.Ago(row.CollectedAt, Now), clock, SuggestionActionState.Ready, marker ?? KeywordMarker.None);
            var html = TriageRowMarkup.Build(view, l).Value;
            var document = new HtmlParser().ParseDocument($"<div id=row>{html}</div>");
            return document.GetElementById("row")!;
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    [Fact]
    public void Every_typed_text_is_shown_as_text_and_nothing_of_it_becomes_markup()
    {
        var row = Build(Row());

        Assert.Empty(row.QuerySelectorAll("img, script, b"));
        Assert.All(row.QuerySelectorAll("*"), e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.Equal($"标题{Hostile}", row.QuerySelector(".triage-title")!.TextContent);
        Assert.Equal($"内容{Hostile}", row.QuerySelector(".triage-excerpt")!.TextContent);
        Assert.Contains($"张三{Hostile}", row.QuerySelector("[data-testid=triage-claimed]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"事件{Hostile}", row.QuerySelector("[data-testid=suggestion-case]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("滨江<b>村", row.QuerySelector("[data-testid=suggestion-reasons]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"值班员{Hostile}", row.QuerySelector(".triage-time")!.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_web_link_becomes_a_link_and_another_officers_claim_turns_the_buttons_off()
    {
        var web = Build(Row());
        var script = Build(Row("javascript:alert(1)"), claimedByOther: false);

        Assert.Equal("https://bbs.example.cn/t/1", web.QuerySelector("a[data-row-link]")!.GetAttribute("href"));
        Assert.Empty(script.QuerySelectorAll("a"));
        Assert.Equal([TriageRowMarkup.SuggestionAttach, TriageRowMarkup.OpenCase, TriageRowMarkup.Attach, TriageRowMarkup.Dismiss],
            web.QuerySelectorAll("button[data-row-action]").Select(b => b.GetAttribute("data-row-action")!));
        Assert.All(web.QuerySelectorAll(".triage-actions button"), b => Assert.True(b.HasAttribute("disabled")));
        Assert.All(script.QuerySelectorAll(".triage-actions button"), b => Assert.False(b.HasAttribute("disabled")));
    }

    [Fact]
    public void The_policys_words_are_marked_after_the_text_is_encoded()
    {
        // Words that overlap the markup a hostile text carries: a mark must never open a tag or cut an entity.
        var row = Build(Row(), marker: new KeywordMarker(["标题", "script", "&amp", "onerror", "内容"]));

        Assert.Empty(row.QuerySelectorAll("img, script, b"));
        Assert.Equal($"标题{Hostile}", row.QuerySelector(".triage-title")!.TextContent);
        Assert.Equal($"内容{Hostile}", row.QuerySelector(".triage-excerpt")!.TextContent);
        Assert.Equal(["标题", "onerror", "script", "script", "&amp"], row.QuerySelectorAll(".triage-title mark.kw").Select(m => m.TextContent));
        Assert.Equal("内容", row.QuerySelector(".triage-excerpt mark.kw")!.TextContent);
    }

    [Fact]
    public void The_longest_word_wins_where_two_overlap()
    {
        var pieces = new KeywordMarker(["执法", "暴力执法"]).Split("涉嫌暴力执法");

        Assert.Equal([("涉嫌", false), ("暴力执法", true)], pieces);
    }
}
