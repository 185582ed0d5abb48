using OpinionResponse.Domain.Cases;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>Every fired trigger leaves one line in the timeline and bumps the concurrency token.</summary>
public class TimelineTests
{
    public static TheoryData<CaseTrigger, CaseState> EveryRow()
    {
        var data = new TheoryData<CaseTrigger, CaseState>();
        foreach (var row in CaseWorkflow.Transitions)
        {
            data.Add(row.Trigger, row.From);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryRow))]
    public void Every_trigger_adds_one_timeline_entry_and_bumps_the_version(CaseTrigger trigger, CaseState from)
    {
        var row = CaseWorkflow.Find(trigger, from)!;
        var @case = new CaseBuilder().ReadyTo(trigger).In(from);
        var (version, entries) = (@case.Version, @case.Timeline.Count);
        var actor = Actors.Holding(row.Roles);

        Triggers.Fire(@case, trigger, actor);

        Assert.Equal(entries + 1, @case.Timeline.Count);
        var entry = @case.Timeline[^1];
        Assert.Equal((actor.UserId, actor.DisplayName, trigger.ToString()), (entry.ActorId, entry.ActorName, entry.Action));
        Assert.Equal((row.From, row.To), (entry.FromState, entry.ToState));
        Assert.Equal(Clock.Now, entry.At);
        Assert.Equal(version + 1, @case.Version);
    }

    [Fact]
    public void Opening_a_case_starts_its_timeline_at_version_1()
    {
        var @case = Case.Open("BAZ-2026-0001", " 某村自来水发黑 ", "村民反映", Units.Responsible, [Units.CoHandling, Units.Responsible],
            Actors.DutyOfficer, Clock.Now);

        var entry = Assert.Single(@case.Timeline);
        Assert.Equal(("Opened", Actors.DutyOfficer.DisplayName), (entry.Action, entry.ActorName));
        Assert.Equal(1, @case.Version);
        Assert.Equal("某村自来水发黑", @case.Title);
        Assert.Equal([Units.CoHandling], @case.CoUnits.Select(u => u.UnitId));
        Assert.IsType<CaseOpened>(Assert.Single(@case.DomainEvents));
    }
}
