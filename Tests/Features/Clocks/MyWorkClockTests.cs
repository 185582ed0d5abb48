using OpinionResponse.App.Features.Cases.MyWork;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Features.Clocks;

/// <summary>待我办理's "clocks at risk": a case I own enters the list when its clock passes 75 % and stays once breached; nobody else sees it.</summary>
public class MyWorkClockTests : IAsyncLifetime
{
    private readonly ClockApp app = new();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Task<ListMyWork.Result> WorkOf(DemoAccount account) => app.Desk.SendAsync(account, new ListMyWork.Query());

    [Fact]
    public async Task A_case_i_own_is_at_risk_from_75_percent_of_its_clock_and_counted()
    {
        var caseId = await app.Desk.NewCase().InAsync(CaseState.Collected);
        var created = (await app.Desk.CaseAsync(caseId)).CreatedAt;
        var warnAt = created + SlaPolicy.Default.Assessment * 0.75;

        app.Time.SetUtcNow(new DateTimeOffset(warnAt.AddMinutes(-1), TimeSpan.Zero));
        Assert.DoesNotContain(caseId, (await WorkOf(DemoAccounts.Duty)).ClocksAtRisk.Select(c => c.CaseId));

        app.Time.SetUtcNow(new DateTimeOffset(warnAt.AddMinutes(1), TimeSpan.Zero));
        var owner = await WorkOf(DemoAccounts.Duty);
        var entry = Assert.Single(owner.ClocksAtRisk, c => c.CaseId == caseId);
        Assert.Equal(ClockKind.Assessment, entry.Clock.Kind);
        Assert.Equal(ClockState.Warning, entry.Clock.StateAt(app.Now));
        Assert.Equal(owner.PlansToSign.Count + owner.ResponsesToApprove.Count + owner.TasksToAccept.Count + owner.TasksToAnswer.Count
                     + owner.ClaimedItems.Count + owner.ClocksAtRisk.Count, owner.Count);
        Assert.DoesNotContain(caseId, (await WorkOf(DemoAccounts.Analyst)).ClocksAtRisk.Select(c => c.CaseId));

        app.Time.SetUtcNow(new DateTimeOffset(created + SlaPolicy.Default.Assessment + TimeSpan.FromMinutes(1), TimeSpan.Zero));
        Assert.Equal(ClockState.Breached, Assert.Single((await WorkOf(DemoAccounts.Duty)).ClocksAtRisk, c => c.CaseId == caseId).Clock.StateAt(app.Now));
    }
}
