using OpinionResponse.Domain.Cases;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>One 舆情反弹 alert per burst: items within an hour of a burst's first item belong to it; a later one starts a new burst.</summary>
public class ReboundBurstsTests
{
    private static readonly DateTime ClosedAt = new(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Window = TimeSpan.FromDays(30);

    [Fact]
    public void Items_within_an_hour_of_the_first_are_one_burst_and_a_later_item_starts_another()
    {
        var items = new[] { (1, ClosedAt.AddHours(5)), (2, ClosedAt.AddHours(5.5)), (3, ClosedAt.AddHours(5.99)), (4, ClosedAt.AddHours(6)) };

        var bursts = ReboundBursts.New(items, ClosedAt, Window, []);

        Assert.Equal([(1, ClosedAt.AddHours(5)), (4, ClosedAt.AddHours(6))], bursts);
    }

    [Fact]
    public void A_recorded_burst_covers_its_items_and_nothing_outside_the_window_counts()
    {
        var items = new[] { (1, ClosedAt.AddHours(-1)), (2, ClosedAt.AddHours(5.5)), (3, ClosedAt.AddDays(31)) };

        var bursts = ReboundBursts.New(items, ClosedAt, Window, [ClosedAt.AddHours(5)]);

        Assert.Empty(bursts);
    }
}
