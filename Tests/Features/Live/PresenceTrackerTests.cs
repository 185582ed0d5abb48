using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using OpinionResponse.App.Common.Live;
using OpinionResponse.Infrastructure.Live;
using Xunit;

namespace OpinionResponse.Tests.Features.Live;

/// <summary>A case shows who else is viewing it. The tracker over a real in-process hub.</summary>
public sealed class PresenceTrackerTests : IDisposable
{
    private const int CaseId = 7;
    private const int OtherCaseId = 8;

    private readonly InProcessLiveEventHub hub = new(NullLogger<InProcessLiveEventHub>.Instance);
    private readonly PresenceTracker tracker;
    private readonly ConcurrentQueue<int> published = new();
    private readonly IDisposable subscription;

    public PresenceTrackerTests()
    {
        tracker = new PresenceTracker(hub, TimeProvider.System);
        subscription = hub.Subscribe<PresenceChanged>(e =>
        {
            published.Enqueue(e.CaseId);
            return ValueTask.CompletedTask;
        });
    }

    [Fact]
    public void A_viewer_who_joins_is_listed_until_they_leave()
    {
        var wang = tracker.Join(CaseId, "u-wang", "王强");
        var li = tracker.Join(CaseId, "u-li", "李娜");

        Assert.Equal(["王强", "李娜"], Names(CaseId));
        Assert.Empty(tracker.ViewersOf(OtherCaseId));

        wang.Dispose();

        Assert.Equal(["李娜"], Names(CaseId));
        li.Dispose();
        Assert.Empty(tracker.ViewersOf(CaseId));
    }

    [Fact]
    public void Two_tabs_of_one_user_count_once_and_leave_only_when_both_are_closed()
    {
        var firstTab = tracker.Join(CaseId, "u-wang", "王强");
        var secondTab = tracker.Join(CaseId, "u-wang", "王强");

        Assert.Equal(["王强"], Names(CaseId));

        firstTab.Dispose();
        firstTab.Dispose();
        Assert.Equal(["王强"], Names(CaseId));

        secondTab.Dispose();
        Assert.Empty(tracker.ViewersOf(CaseId));
    }

    [Fact]
    public void Joining_and_leaving_publish_PresenceChanged_for_that_case_only_when_the_list_changes()
    {
        var firstTab = tracker.Join(CaseId, "u-wang", "王强");
        Assert.Equal([CaseId], Drain());

        var secondTab = tracker.Join(CaseId, "u-wang", "王强");
        firstTab.Dispose();
        Assert.Empty(Drain());

        var elsewhere = tracker.Join(OtherCaseId, "u-li", "李娜");
        Assert.Equal([OtherCaseId], Drain());

        secondTab.Dispose();
        secondTab.Dispose();
        Assert.Equal([CaseId], Drain());

        elsewhere.Dispose();
        Assert.Equal([OtherCaseId], Drain());
    }

    public void Dispose() => subscription.Dispose();

    private List<string> Names(int caseId) => tracker.ViewersOf(caseId).Select(v => v.DisplayName).ToList();

    private List<int> Drain()
    {
        var events = new List<int>();
        while (published.TryDequeue(out var caseId))
        {
            events.Add(caseId);
        }

        return events;
    }
}
