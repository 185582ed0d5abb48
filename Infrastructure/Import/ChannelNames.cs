using OpinionResponse.Domain.Items;

namespace OpinionResponse.Infrastructure.Import;

/// <summary>
/// A channel as a spreadsheet writes it: the code (Weibo), the desk's Chinese name (微博, as in the resources Channel.*)
/// or a name monitoring vendors use (新浪微博, 微信公众号, 贴吧, 12345). Compared like headers (width, case, spaces).
/// </summary>
public static class ChannelNames
{
    private static readonly Dictionary<string, Channel> Known = Build();

    /// <summary>
    /// What a channel cell or field names: a known platform (抖音 → 短视频, keeping 抖音), a channel (微博, Weibo), or else a
    /// platform the desk does not know yet, kept by name under 其他. Null for an empty text or one too long to be a name.
    /// </summary>
    public static ChannelName? Resolve(string? text, IReadOnlyDictionary<string, Channel>? more = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var name = text.Trim();
        if (Platforms.Find(name) is { } platform)
        {
            return new ChannelName(platform.Family, platform.Name, Known: true);
        }

        if (Recognize(name, more) is { } channel)
        {
            return new ChannelName(channel, null, Known: true);
        }

        return name.Length <= Platforms.MaxNameLength && !name.Any(char.IsControl) ? new ChannelName(Channel.Other, name, Known: false) : null;
    }

    public static Channel? Recognize(string? text, IReadOnlyDictionary<string, Channel>? more = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var key = ImportColumns.Normalize(text);
        if (Known.TryGetValue(key, out var channel))
        {
            return channel;
        }

        return more is not null && more.TryGetValue(key, out channel) ? channel : null;
    }

    private static Dictionary<string, Channel> Build()
    {
        var names = new Dictionary<Channel, string[]>
        {
            [Channel.PortalSite] = ["门户网站", "网站", "新闻网站", "政府网站", "门户", "网页", "新闻"],
            [Channel.Forum] = ["论坛", "贴吧", "百度贴吧", "社区", "bbs"],
            [Channel.Weibo] = ["微博", "新浪微博", "weibo"],
            [Channel.WeChat] = ["微信", "微信公众号", "公众号", "wechat", "weixin"],
            [Channel.OnlineInquiry] = ["网络问政", "问政", "留言板", "领导留言板", "人民网领导留言板"],
            [Channel.Hotline] = ["热线电话", "热线", "12345", "12345热线", "市民热线", "电话"],
            [Channel.NewsComment] = ["新闻跟帖", "跟帖", "新闻评论", "评论"],
            [Channel.Newspaper] = ["报纸", "报刊", "纸媒"],
            [Channel.Television] = ["电视", "电视台"],
            [Channel.Radio] = ["广播", "电台"],
            [Channel.Other] = ["其他", "其它", "app"],
            [Channel.ShortVideo] = ["短视频", "视频", "短视频平台", "直播"],
            [Channel.NewsApp] = ["新闻客户端", "新闻app", "客户端", "资讯客户端"],
        };
        var known = new Dictionary<string, Channel>(StringComparer.Ordinal);
        foreach (var (channel, list) in names)
        {
            foreach (var name in list)
            {
                known[ImportColumns.Normalize(name)] = channel;
            }
        }

        foreach (var channel in Enum.GetValues<Channel>())
        {
            known[ImportColumns.Normalize(channel.ToString())] = channel;
        }

        return known;
    }
}

/// <summary>A channel text read: the channel (family) and the platform's name when one was named; Known when the table had it.</summary>
public sealed record ChannelName(Channel Channel, string? Platform, bool Known);
