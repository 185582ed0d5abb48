using OpinionResponse.Domain.Items;

namespace OpinionResponse.Infrastructure.Import;

/// <summary>
/// A channel as a spreadsheet writes it: the code (Weibo), the desk's Chinese name (微博, as in the resources Channel.*)
/// or a name monitoring vendors use (新浪微博, 微信公众号, 贴吧, 12345). Compared like headers (width, case, spaces).
/// </summary>
public static class ChannelNames
{
    private static readonly Dictionary<string, Channel> Known = Build();

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
            [Channel.Other] = ["其他", "其它", "短视频", "抖音", "快手", "视频", "app", "客户端"],
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
