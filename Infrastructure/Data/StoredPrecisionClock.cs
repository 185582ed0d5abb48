namespace OpinionResponse.Infrastructure.Data;

/// <summary>
/// The system clock at the resolution every supported database stores: whole microseconds (PostgreSQL's timestamps;
/// SQLite keeps the text of seven digits). A time the app stamps, keeps in memory and hands back (a claim's expiry, say)
/// is then the same time it reads back from the database, on either engine.
/// </summary>
public sealed class StoredPrecisionClock : TimeProvider
{
    public static new StoredPrecisionClock System { get; } = new();

    public override DateTimeOffset GetUtcNow() => Truncate(base.GetUtcNow());

    /// <summary><paramref name="time"/> without its sub-microsecond ticks.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));

    /// <inheritdoc cref="Truncate(DateTimeOffset)"/>
    public static DateTime Truncate(DateTime time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMicrosecond));
}
