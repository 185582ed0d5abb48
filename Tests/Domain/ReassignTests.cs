using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

public class ReassignTests
{
    [Fact]
    public void A_chief_changes_owner_and_units_and_the_new_owner_is_named_in_an_event()
    {
        var @case = new CaseBuilder().In(CaseState.Disposing);
        var before = @case.OwnerId;

        @case.Reassign(Actors.SectionChief, Clock.Now, "analyst2", "研判员 孙", Units.Village, [Units.Village, Units.Responsible]);

        Assert.Equal(("analyst2", "研判员 孙", Units.Village), (@case.OwnerId, @case.OwnerName, @case.ResponsibleUnitId));
        Assert.Equal([Units.Responsible], @case.CoUnits.Select(c => c.UnitId));
        Assert.Equal(CaseState.Disposing, @case.State);
        Assert.Contains(@case.DomainEvents, e => e is CaseReassigned r && r.PreviousOwnerId == before && r.OwnerId == "analyst2");
    }

    [Fact]
    public void Another_role_is_refused()
    {
        var @case = new CaseBuilder().In(CaseState.Collected);

        var refusal = Assert.Throws<DomainException>(() => @case.Reassign(Actors.Analyst, Clock.Now, "x", "某人", Units.Responsible, []));

        Assert.Equal(DomainErrors.RoleNotAllowed, refusal.Code);
    }
}
