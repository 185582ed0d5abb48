using System.Globalization;
using System.Text;

namespace OpinionResponse.Domain.Items;

/// <summary>A platform the desk knows by name, and the channel family its items belong to.</summary>
public sealed record Platform(string Name, Channel Family, IReadOnlyList<string> Aliases);

/// <summary>
/// The platforms monitoring vendors and API clients name in place of a channel (抖音, 今日头条, 小红书 …), as data: one
/// row per platform with the names it goes by. A name not in this table is still kept on the item, under 其他.
/// </summary>
public static class Platforms
{
    /// <summary>The longest platform name kept (the item's column holds this many characters).</summary>
    public const int MaxNameLength = 40;

    public static readonly IReadOnlyList<Platform> Known =
    [
        new("抖音", Channel.ShortVideo, ["抖音短视频", "抖音号", "douyin", "tiktok"]),
        new("快手", Channel.ShortVideo, ["快手短视频", "kuaishou"]),
        new("哔哩哔哩", Channel.ShortVideo, ["B站", "bilibili", "b站视频"]),
        new("西瓜视频", Channel.ShortVideo, ["西瓜"]),
        new("微信视频号", Channel.ShortVideo, ["视频号"]),
        new("火山小视频", Channel.ShortVideo, ["抖音火山版"]),
        new("今日头条", Channel.NewsApp, ["头条", "头条号", "toutiao"]),
        new("腾讯新闻", Channel.NewsApp, []),
        new("网易新闻", Channel.NewsApp, ["网易号"]),
        new("澎湃新闻", Channel.NewsApp, ["澎湃"]),
        new("新浪新闻", Channel.NewsApp, []),
        new("百家号", Channel.NewsApp, ["百度百家号"]),
        new("微博", Channel.Weibo, ["新浪微博"]),
        new("微信公众号", Channel.WeChat, ["公众号", "公众号文章"]),
        new("知乎", Channel.Forum, ["zhihu"]),
        new("百度贴吧", Channel.Forum, ["贴吧"]),
        new("小红书", Channel.Forum, ["xiaohongshu", "rednote"]),
        new("豆瓣", Channel.Forum, ["douban"]),
        new("人民网领导留言板", Channel.OnlineInquiry, ["领导留言板"]),
    ];

    private static readonly Dictionary<string, Platform> ByName = Known
        .SelectMany(p => p.Aliases.Prepend(p.Name).Select(name => (Key: Fold(name), Platform: p)))
        .ToDictionary(x => x.Key, x => x.Platform, StringComparer.Ordinal);

    /// <summary>The known platform of a name in any of its spellings (full-width, case, spaces), else null.</summary>
    public static Platform? Find(string? name) =>
        !string.IsNullOrWhiteSpace(name) && ByName.TryGetValue(Fold(name), out var platform) ? platform : null;

    private static string Fold(string text)
    {
        var folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var ch in folded.Where(c => !char.IsWhiteSpace(c)))
        {
            builder.Append(char.ToLower(ch, CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }
}
