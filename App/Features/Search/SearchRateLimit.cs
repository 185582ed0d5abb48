using System.Threading.RateLimiting;

namespace OpinionResponse.App.Features.Search;

/// <summary>
/// Searches per user per minute (SECURITY.md V2, <c>Search:PerUserPerMinute</c>, default 60): a person searches a few times
/// a minute; a script looping over the box would otherwise read the whole record at the database's pace.
/// </summary>
public sealed class SearchRateLimit(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetSlidingWindowLimiter(user, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, configuration.GetValue("Search:PerUserPerMinute", 60)),
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));

    /// <summary>True when <paramref name="userId"/> may search now (and counts the search).</summary>
    public bool TryTake(string userId)
    {
        using var lease = limiter.AttemptAcquire(userId);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
