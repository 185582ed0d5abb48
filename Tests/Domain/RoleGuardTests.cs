using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>Every row of the table admits its roles only, and only from the case's units or the opinion office.</summary>
public class RoleGuardTests
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
    public void An_actor_without_the_rows_roles_is_refused(CaseTrigger trigger, CaseState from)
    {
        var row = CaseWorkflow.Find(trigger, from)!;
        var @case = new CaseBuilder().ReadyTo(trigger).In(from);
        var otherRoles = Enum.GetValues<Role>().Except(row.Roles);

        var refusal = Assert.Throws<DomainException>(() => Triggers.Fire(@case, trigger, Actors.Holding(otherRoles)));

        Assert.Equal(DomainErrors.RoleNotAllowed, refusal.Code);
        Assert.Equal(from, @case.State);
    }

    [Theory]
    [MemberData(nameof(EveryRow))]
    public void An_actor_of_another_unit_has_no_access(CaseTrigger trigger, CaseState from)
    {
        var row = CaseWorkflow.Find(trigger, from)!;
        var @case = new CaseBuilder().ReadyTo(trigger).In(from);
        var outsider = Actors.Outsider(row.Roles);

        var refusal = Assert.Throws<DomainException>(() => Triggers.Fire(@case, trigger, outsider));

        Assert.Equal(DomainErrors.NoAccess, refusal.Code);
        Assert.False(@case.IsVisibleTo(outsider));
        Assert.Equal(from, @case.State);
    }

    [Theory]
    [MemberData(nameof(EveryRow))]
    public void The_opinion_office_acts_on_the_cases_of_every_unit(CaseTrigger trigger, CaseState from)
    {
        var row = CaseWorkflow.Find(trigger, from)!;
        var @case = new CaseBuilder().ReadyTo(trigger).In(from);

        Triggers.Fire(@case, trigger, Actors.OpinionOffice(row.Roles));

        Assert.Equal(row.To, @case.State);
    }
}
