using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Duty;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Domain.Common;
using OpinionResponse.Domain.Duty;
using OpinionResponse.Infrastructure.Seed;
using Xunit;

namespace OpinionResponse.Tests.Features.Clocks;

/// <summary>交接班: what is open is filled in and kept as it was at closing; the incoming officer acknowledges; all are listed.</summary>
public class HandoverTests : IAsyncLifetime
{
    private readonly ClockApp app = new();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task Closing_a_shift_keeps_the_open_work_and_the_incoming_officer_acknowledges_it_once()
    {
        await app.Desk.LogItemAsync();
        await app.Desk.LogItemAsync();
        var waiting = await app.Desk.NewCase().InAsync(CaseState.PlanApproval);
        var fresh = await app.Desk.NewCase().InAsync(CaseState.Collected);

        var open = await app.Desk.SendAsync(DemoAccounts.Duty, new GetOpenWork.Query());
        Assert.Equal(2, open.Untriaged);
        Assert.Equal([waiting], open.AwaitingSignature.Select(l => l.CaseId));
        var due = Assert.Single(open.DueNextShift, l => l.CaseId == fresh);
        Assert.Equal(nameof(ClockKind.Assessment), due.Clock);

        var id = await app.Desk.SendAsync(DemoAccounts.Duty, new CloseShift.Command { Note = " 滨江小区停水一事需持续关注 " });
        // Logged after closing: the handover still says what was open when it was written.
        await app.Desk.LogItemAsync();

        var kept = Assert.Single(await app.Desk.SendAsync(DemoAccounts.Analyst, new ListHandovers.Query()));
        Assert.Equal((id, "滨江小区停水一事需持续关注", DemoAccounts.Duty.DisplayName, 2, false),
            (kept.Id, kept.Note, kept.ClosedByName, kept.UntriagedCount, kept.IsAcknowledged));
        var work = OpenWork.FromJson(kept.OpenWork);
        Assert.Equal([waiting], work.AwaitingSignature.Select(l => l.CaseId));
        Assert.Contains(work.DueNextShift, l => l.CaseId == fresh);

        var own = await Assert.ThrowsAsync<DomainException>(() => app.Desk.SendAsync(DemoAccounts.Duty, new AcknowledgeHandover.Command(id)));
        Assert.Equal(DutyErrors.HandoverNotYours, own.Code);
        Assert.False(Assert.Single(await HandoversAsync()).IsAcknowledged);

        await app.Desk.SendAsync(DemoAccounts.Analyst, new AcknowledgeHandover.Command(id));
        var again = await Assert.ThrowsAsync<DomainException>(() => app.Desk.SendAsync(DemoAccounts.Chief, new AcknowledgeHandover.Command(id)));
        Assert.Equal(DutyErrors.HandoverClosed, again.Code);
        var acknowledged = Assert.Single(await HandoversAsync());
        Assert.Equal((DemoAccounts.Analyst.DisplayName, app.Now), (acknowledged.AcknowledgedByName, acknowledged.AcknowledgedAt));
    }

    [Fact]
    public async Task Handovers_are_listed_newest_first_and_one_without_a_note_is_refused_naming_the_note()
    {
        var first = await app.Desk.SendAsync(DemoAccounts.Duty, new CloseShift.Command { Note = "白班无异常" });
        app.Time.Advance(TimeSpan.FromHours(12));
        var second = await app.Desk.SendAsync(DemoAccounts.Analyst, new CloseShift.Command { Note = "夜班无异常" });

        var error = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            app.Desk.SendAsync(DemoAccounts.Duty, new CloseShift.Command { Note = "  " }));

        var failure = Assert.Single(error.Errors);
        Assert.Equal(nameof(CloseShift.Command.Note), failure.PropertyName);
        Assert.Contains("交班说明", failure.ErrorMessage);
        Assert.Equal([second, first], (await app.Desk.SendAsync(DemoAccounts.Supervisor, new ListHandovers.Query())).Select(h => h.Id));
    }

    [Fact]
    public async Task A_role_without_the_duty_desk_may_not_close_a_shift()
    {
        await Assert.ThrowsAsync<ForbiddenException>(() => app.Desk.SendAsync(DemoAccounts.Press, new CloseShift.Command { Note = "交班" }));

        Assert.Empty(await HandoversAsync());
    }

    private async Task<List<Handover>> HandoversAsync()
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.Handovers.AsNoTracking().ToListAsync();
    }
}
