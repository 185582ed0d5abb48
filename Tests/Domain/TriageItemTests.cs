using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Items;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>
/// Triage of an item: dismissed or attached once. The claim rules (ItemClaimedByOther, an expired claim) have no tests:
/// no public method puts an item in the Claimed state yet.
/// </summary>
public class TriageItemTests
{
    private const int CaseId = 42;

    [Fact]
    public void Dismissing_a_new_item_records_why_and_raises_ItemTriaged()
    {
        var item = NewItem();

        item.Dismiss(Actors.DutyOfficer, DismissReason.Duplicate, " 与前一条重复 ", Clock.Now);

        Assert.Equal((TriageStatus.Dismissed, DismissReason.Duplicate, "与前一条重复"), (item.Status, item.DismissReason, item.DismissNote));
        Assert.Equal((Actors.DutyOfficer.DisplayName, Clock.Now), (item.TriagedBy, item.TriagedAt));
        var triaged = Assert.Single(item.DomainEvents.OfType<ItemTriaged>());
        Assert.Equal((TriageStatus.Dismissed, (int?)null), (triaged.Status, triaged.CaseId));
        Assert.False(item.IsOpenForTriage(Clock.Now));
    }

    [Theory]
    [InlineData(false, TriageStatus.Attached)]
    [InlineData(true, TriageStatus.OpenedCase)]
    public void Attaching_a_new_item_links_it_to_the_case_and_raises_ItemTriaged(bool openedCase, TriageStatus status)
    {
        var item = NewItem();
        Assert.True(item.IsOpenForTriage(Clock.Now));

        item.AttachTo(CaseId, Actors.DutyOfficer, Clock.Now, openedCase);

        Assert.Equal((status, (int?)CaseId), (item.Status, item.CaseId));
        var triaged = Assert.Single(item.DomainEvents.OfType<ItemTriaged>());
        Assert.Equal((status, (int?)CaseId), (triaged.Status, triaged.CaseId));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void An_item_is_triaged_only_once(bool firstAttaches, bool thenAttaches)
    {
        var item = NewItem();
        Triage(item, firstAttaches);
        var status = item.Status;

        var refusal = Assert.Throws<DomainException>(() => Triage(item, thenAttaches));

        Assert.Equal(DomainErrors.ItemNotNew, refusal.Code);
        Assert.Equal(status, item.Status);
        Assert.Single(item.DomainEvents.OfType<ItemTriaged>());
    }

    [Fact]
    public void A_new_item_raises_ItemCollected_so_every_queue_learns_of_it()
    {
        var item = NewItem();

        var collected = Assert.Single(item.DomainEvents.OfType<ItemCollected>());
        Assert.Equal(item.Channel, collected.Channel);
        Assert.Equal(TriageStatus.New, item.Status);
    }

    [Fact]
    public void Only_a_hotline_caller_with_a_contact_is_a_reachable_raiser()
    {
        Assert.True(NewItem(Channel.Hotline, contact: "138****0000").RaisedByReachablePerson);
        Assert.False(NewItem(Channel.Hotline, contact: " ").RaisedByReachablePerson);
        Assert.False(NewItem(Channel.Weibo, contact: "138****0000").RaisedByReachablePerson);
    }

    private static void Triage(OpinionItem item, bool attach)
    {
        if (attach)
        {
            item.AttachTo(CaseId, Actors.DutyOfficer, Clock.Now);
        }
        else
        {
            item.Dismiss(Actors.DutyOfficer, DismissReason.Irrelevant, null, Clock.Now);
        }
    }

    private static OpinionItem NewItem(Channel channel = Channel.Weibo, string? contact = null) =>
        new(channel, "自来水发黑", "村里自来水发黑有异味", "duty", Clock.Now, contact: contact);
}
