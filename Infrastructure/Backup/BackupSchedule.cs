namespace OpinionResponse.Infrastructure.Backup;

/// <summary>When the next scheduled backup is due: the Beijing time of day <see cref="BackupOptions.At"/>, then every <see cref="BackupOptions.Interval"/>.</summary>
public static class BackupSchedule
{
    /// <summary>Beijing has kept UTC+8 all year since 1991: no daylight-saving jump to handle.</summary>
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>The first run strictly after <paramref name="nowUtc"/>.</summary>
    public static DateTime Next(DateTime nowUtc, TimeSpan at, TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "Backup:Interval must be positive.");
        }

        var beijingMidnight = (nowUtc + Beijing).Date;
        var anchor = DateTime.SpecifyKind(beijingMidnight + at - Beijing, DateTimeKind.Utc);
        if (anchor > nowUtc)
        {
            // Step back so that the runs before today's anchor (a short interval) are not skipped.
            anchor -= TimeSpan.FromTicks(((anchor - nowUtc).Ticks / interval.Ticks + 1) * interval.Ticks);
        }

        var steps = (nowUtc - anchor).Ticks / interval.Ticks + 1;
        return anchor + TimeSpan.FromTicks(steps * interval.Ticks);
    }
}
