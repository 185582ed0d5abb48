using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Clocks;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Features.Clocks;

/// <summary>
/// The breach record for the 考核: the person responsible gives the reason, the supervisor (督查员) decides; every other
/// role is refused in the handler and the record stays as it was.
/// </summary>
public class BreachRecordTests : IAsyncLifetime
{
    private readonly ClockApp app = new();
    private long breachId;

    public async Task InitializeAsync()
    {
        await app.StartAsync();
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Collected);
        await app.ScanAtAsync((await app.Desk.CaseAsync(caseId)).CreatedAt + SlaPolicy.Default.Assessment);
        breachId = Assert.Single(await app.AlertsAsync(ClockAlert.CaseSubject(caseId))).Id;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_responsible_person_gives_the_reason_and_others_are_refused()
    {
        // Another unit's officer cannot reach the record at all; a colleague of the office who is neither responsible nor a chief is refused.
        await Assert.ThrowsAsync<NotFoundException>(() => GiveReasonAsync(DemoAccounts.ConstructionOfficer, "不是我"));
        var refused = await Assert.ThrowsAsync<DomainException>(() => GiveReasonAsync(DemoAccounts.Analyst, "不是我"));
        Assert.Equal(ClockErrors.NotResponsible, refused.Code);
        var empty = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => GiveReasonAsync(DemoAccounts.Duty, " "));
        Assert.Contains("超时原因", Assert.Single(empty.Errors).ErrorMessage);
        Assert.Null((await BreachAsync()).Reason);

        await GiveReasonAsync(DemoAccounts.Duty, " 夜间来电集中，人手不足 ");

        var breach = await BreachAsync();
        Assert.Equal(("夜间来电集中，人手不足", DemoAccounts.Duty.DisplayName), (breach.Reason, breach.ReasonByName));
        var row = Assert.Single(await app.Desk.SendAsync(DemoAccounts.Supervisor, new ListBreaches.Query(null, null, null)));
        Assert.Equal(("夜间来电集中，人手不足", DemoAccounts.Duty.DisplayName), (row.Reason, row.ResponsibleName));
    }

    [Fact]
    public async Task Only_the_supervisor_records_the_decision()
    {
        foreach (var account in new[] { DemoAccounts.Chief, DemoAccounts.Head, DemoAccounts.Analyst, DemoAccounts.Admin, DemoAccounts.Duty })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => DecideAsync(account, BreachDecision.Accountability));
        }

        Assert.Null((await BreachAsync()).Decision);

        await DecideAsync(DemoAccounts.Supervisor, BreachDecision.Reprimand, " 全镇通报 ");

        var breach = await BreachAsync();
        Assert.Equal((BreachDecision.Reprimand, "全镇通报", DemoAccounts.Supervisor.DisplayName), (breach.Decision, breach.DecisionNote, breach.DecidedByName));
    }

    [Fact]
    public async Task A_decision_must_be_chosen()
    {
        var error = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            app.Desk.SendAsync(DemoAccounts.Supervisor, new DecideBreach.Command { BreachId = breachId }));

        Assert.Equal(nameof(DecideBreach.Command.Decision), Assert.Single(error.Errors).PropertyName);
        Assert.Null((await BreachAsync()).Decision);
    }

    private Task GiveReasonAsync(DemoAccount account, string reason) =>
        app.Desk.SendAsync(account, new GiveBreachReason.Command { BreachId = breachId, Reason = reason });

    private Task DecideAsync(DemoAccount account, BreachDecision decision, string? note = null) =>
        app.Desk.SendAsync(account, new DecideBreach.Command { BreachId = breachId, Decision = decision, Note = note });

    private async Task<ClockAlert> BreachAsync()
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.ClockAlerts.AsNoTracking().SingleAsync(a => a.Id == breachId);
    }
}
