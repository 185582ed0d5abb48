using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>Every state × trigger pair does what <see cref="CaseWorkflow.Transitions"/> says, and nothing else.</summary>
public class CaseStateMachineTests
{
    public static TheoryData<CaseState, CaseTrigger> EveryStateAndTrigger()
    {
        var data = new TheoryData<CaseState, CaseTrigger>();
        foreach (var state in Enum.GetValues<CaseState>())
        {
            foreach (var trigger in Enum.GetValues<CaseTrigger>())
            {
                data.Add(state, trigger);
            }
        }

        return data;
    }

    public static TheoryData<CaseState> EveryState() => new(Enum.GetValues<CaseState>());

    [Theory]
    [MemberData(nameof(EveryStateAndTrigger))]
    public void A_trigger_does_in_each_state_what_the_table_says(CaseState state, CaseTrigger trigger)
    {
        if (CaseWorkflow.Find(trigger, state) is { } row)
        {
            AssertFires(row);
        }
        else
        {
            AssertRefused(state, trigger);
        }
    }

    [Theory]
    [MemberData(nameof(EveryState))]
    public void Available_triggers_are_only_pairs_in_the_table(CaseState state)
    {
        var mayDoAnything = Actors.OpinionOffice(Enum.GetValues<Role>());
        var cases = CaseWorkflow.Transitions.Where(t => t.From == state)
            .Select(t => new CaseBuilder().ReadyTo(t.Trigger).In(state))
            .Append(new CaseBuilder().In(state));

        foreach (var @case in cases)
        {
            Assert.All(@case.AvailableTriggers(mayDoAnything), trigger => Assert.NotNull(CaseWorkflow.Find(trigger, state)));
        }
    }

    private static void AssertFires(Transition row)
    {
        var @case = new CaseBuilder().ReadyTo(row.Trigger).In(row.From);
        var actor = Actors.Holding(row.Roles);
        Assert.Contains(row.Trigger, @case.AvailableTriggers(actor));

        Triggers.Fire(@case, row.Trigger, actor);

        Assert.Equal(row.To, @case.State);
        if (row.KeepsState)
        {
            var recorded = Assert.Single(@case.DomainEvents.OfType<CaseActivityRecorded>());
            Assert.Equal((row.Trigger, row.From, actor.UserId), (recorded.Trigger, recorded.State, recorded.ActorId));
            Assert.Empty(@case.DomainEvents.OfType<CaseStateChanged>());
        }
        else
        {
            var changed = Assert.Single(@case.DomainEvents.OfType<CaseStateChanged>());
            Assert.Equal((row.Trigger, row.From, row.To, actor.UserId), (changed.Trigger, changed.From, changed.To, changed.ActorId));
            Assert.Empty(@case.DomainEvents.OfType<CaseActivityRecorded>());
        }
    }

    private static void AssertRefused(CaseState state, CaseTrigger trigger)
    {
        var @case = new CaseBuilder().In(state);
        var mergeTarget = new CaseBuilder().In(CaseState.Collected);
        var (version, timeline, targetTimeline) = (@case.Version, @case.Timeline.Count, mergeTarget.Timeline.Count);
        var mayDoAnything = Actors.OpinionOffice(Enum.GetValues<Role>());

        var refusal = Assert.Throws<DomainException>(() => Triggers.Fire(@case, trigger, mayDoAnything, mergeTarget));

        Assert.Equal(DomainErrors.TriggerNotAllowed, refusal.Code);
        Assert.Equal(state, @case.State);
        Assert.Equal(version, @case.Version);
        Assert.Equal(timeline, @case.Timeline.Count);
        Assert.Equal(targetTimeline, mergeTarget.Timeline.Count);
        Assert.Empty(@case.DomainEvents);
        Assert.DoesNotContain(trigger, @case.AvailableTriggers(mayDoAnything));
    }
}
