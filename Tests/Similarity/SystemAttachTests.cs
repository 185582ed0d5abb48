using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Similarity;

/// <summary>The domain side of auto-attach: the system attaches a new item to an open case, with its reason.</summary>
public class SystemAttachTests
{
    private const string Reason = "系统自动归并：与信息 #12 近似重复（距离 2）";

    private static OpinionItem NewItem() => new(Channel.Weibo, "滨江小区停水", "滨江小区停水三十小时", "测试", Clock.Now);

    [Fact]
    public void The_case_records_the_system_attach_with_its_reason_and_raises_ItemAttachedToCase()
    {
        var @case = new CaseBuilder().In(CaseState.Assessing);
        var version = @case.Version;

        @case.RecordItemAttachedBySystem(NewItem(), Reason, Clock.Now);

        var entry = @case.Timeline[^1];
        Assert.Equal(("ItemAutoAttached", Reason, Case.SystemActorId, Case.SystemActorName), (entry.Action, entry.Detail, entry.ActorId, entry.ActorName));
        Assert.Equal((CaseState.Assessing, CaseState.Assessing), (entry.FromState, entry.ToState));
        Assert.Equal(version + 1, @case.Version);
        Assert.Equal(Case.SystemActorId, Assert.Single(@case.DomainEvents.OfType<ItemAttachedToCase>()).ActorId);
    }

    [Theory]
    [InlineData(CaseState.Closed)]
    [InlineData(CaseState.Dismissed)]
    [InlineData(CaseState.Merged)]
    public void A_case_that_is_no_longer_open_refuses_it(CaseState state)
    {
        var @case = new CaseBuilder().In(state);

        var refused = Assert.Throws<DomainException>(() => @case.RecordItemAttachedBySystem(NewItem(), Reason, Clock.Now));

        Assert.Equal(DomainErrors.TriggerNotAllowed, refused.Code);
    }

    [Fact]
    public void A_new_item_is_attached_by_the_system_and_raises_ItemTriaged()
    {
        var item = NewItem();

        item.AttachBySystem(42, Clock.Now);

        Assert.Equal((TriageStatus.Attached, (int?)42, Case.SystemActorName, (DateTime?)Clock.Now), (item.Status, item.CaseId, item.TriagedBy, item.TriagedAt));
        Assert.Equal((int?)42, Assert.Single(item.DomainEvents.OfType<ItemTriaged>()).CaseId);
    }

    [Fact]
    public void An_officers_live_claim_wins_over_the_system()
    {
        var item = NewItem();
        item.Claim(Actors.DutyOfficer, Clock.Now, TimeSpan.FromMinutes(5));

        var refused = Assert.Throws<DomainException>(() => item.AttachBySystem(42, Clock.Now.AddMinutes(1)));

        Assert.Equal(DomainErrors.ItemClaimedByOther, refused.Code);
        item.AttachBySystem(42, Clock.Now.AddMinutes(6));
        Assert.Equal(TriageStatus.Attached, item.Status);
    }

    [Fact]
    public void An_item_already_triaged_is_left_alone()
    {
        var item = NewItem();
        item.Dismiss(Actors.DutyOfficer, DismissReason.Duplicate, null, Clock.Now);

        Assert.Equal(DomainErrors.ItemNotNew, Assert.Throws<DomainException>(() => item.AttachBySystem(42, Clock.Now)).Code);
    }
}
