using System.Text.Json;
using Microsoft.Playwright;

namespace OpinionResponse.Benchmarks;

/// <summary>Wall clocks of this process and of a page (ms since the epoch), to compare times taken on either side.</summary>
public static class PageClock
{
    public static double EpochMs() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>Page clock minus this process's clock (ms), from the fastest of five round trips.</summary>
    public static async Task<double> OffsetAsync(IPage page)
    {
        var best = double.MaxValue;
        var offset = 0.0;
        for (var i = 0; i < 5; i++)
        {
            var before = EpochMs();
            var pageNow = await page.EvaluateAsync<double>(Scripts.Clock);
            var after = EpochMs();
            if (after - before < best)
            {
                best = after - before;
                offset = pageNow - (before + after) / 2;
            }
        }

        return offset;
    }

    /// <summary>The rows <see cref="Scripts.WatchRows"/> saw enter the page: item id → page time (ms since the epoch).</summary>
    public static Dictionary<int, double> ParseSeen(JsonElement rows) =>
        rows.EnumerateArray().ToDictionary(r => r[0].GetInt32(), r => r[1].GetDouble());
}
