using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Features.Cases.Responses;
using OpinionResponse.App.Features.Cases.Rumour;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Notifications;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Cases;

/// <summary>
/// 辟谣移交: one act hands a rumour to the police and the internet information office as tasks with the evidence and asks
/// the press officers for a 辟谣 response — all in one transaction, refused for anything but a rumour and for other roles.
/// </summary>
[Collection(TasksAndResponsesDesk.Name)]
public class RumourHandOffTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    private HandOffRumour.Command HandOff(int caseId) => new()
    {
        CaseId = caseId,
        PoliceUnitId = desk.Unit(DemoAccounts.PoliceStation),
        CyberspaceUnitId = desk.Unit(DemoAccounts.CyberspaceOffice),
        Note = "请依法调查首发账号，并协调平台删除不实信息。",
        DueAt = DateTime.UtcNow.AddHours(12),
    };

    [Fact]
    public async Task A_chief_hands_a_rumour_to_the_police_and_the_internet_office_and_asks_the_press_officer()
    {
        var id = await desk.NewCase().AsRumour().InAsync(CaseState.Disposing);

        await desk.SendAsync(DemoAccounts.Chief, HandOff(id));

        var @case = await desk.CaseAsync(id);
        var handOff = Assert.Single(@case.RumourHandOffs);
        Assert.Equal((1, DemoAccounts.Chief.DisplayName, (int?)null), (handOff.Sequence, handOff.ByName, handOff.ResponseSequence));
        Assert.Equal([desk.Unit(DemoAccounts.PoliceStation), desk.Unit(DemoAccounts.CyberspaceOffice)],
            @case.Tasks.Where(t => t.HandOffSequence == 1).Select(t => t.UnitId).Order());
        Assert.All(@case.Tasks, t => Assert.Equal(CaseTaskStatus.Pending, t.Status));
        var item = Assert.Single(await desk.ItemsOfAsync(id));
        Assert.Contains(item.Title, handOff.Evidence);
        Assert.Contains(@case.Assessment!.Nature, handOff.Evidence);
        Assert.Contains(@case.Timeline, e => e.Action == nameof(CaseTrigger.HandOffRumour) && e.ActorName == DemoAccounts.Chief.DisplayName);
        Assert.Contains(await desk.AuditOfCaseAsync(id), a => a.Action.Contains(nameof(HandOffRumour), StringComparison.Ordinal));
        Assert.Equal([desk.Actor(DemoAccounts.Press).UserId], await RecipientsAsync(id, NotificationKind.RebuttalRequest));
        Assert.True(handOff.IsOpenIn(@case));
    }

    [Fact]
    public async Task The_first_response_drafted_after_the_hand_off_is_its_rebuttal()
    {
        var id = await desk.NewCase().AsRumour().InAsync(CaseState.Responding);
        await desk.SendAsync(DemoAccounts.Chief, HandOff(id));

        await desk.SendAsync(DemoAccounts.Press, new DraftResponse.Command
        {
            CaseId = id,
            ExpectedVersion = await desk.VersionAsync(id),
            Channels = "政务微博",
            Text = "网传“镇政府大楼起火”系谣言，经核实无火情。",
        });

        var @case = await desk.CaseAsync(id);
        Assert.Equal(1, Assert.Single(@case.RumourHandOffs).ResponseSequence);
    }

    [Fact]
    public async Task Nothing_is_saved_when_the_second_task_cannot_be_inserted()
    {
        var id = await desk.NewCase().AsRumour().InAsync(CaseState.Disposing);
        var version = await desk.VersionAsync(id);
        var cyberspace = desk.Unit(DemoAccounts.CyberspaceOffice);
        // The database refuses the second task only: the first task, the hand-off and the bells were already in the save.
        await using (await RawSql.RefuseInsertsAsync(desk.App, "CaseTask", string.Create(CultureInfo.InvariantCulture,
                         $"NEW.\"UnitId\" = {cyberspace} AND NEW.\"HandOffSequence\" IS NOT NULL")))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => desk.SendAsync(DemoAccounts.Chief, HandOff(id)));
        }

        var @case = await desk.CaseAsync(id);
        Assert.Empty(@case.Tasks);
        Assert.Empty(@case.RumourHandOffs);
        Assert.Equal(version, @case.Version);
        Assert.DoesNotContain(@case.Timeline, e => e.Action == nameof(CaseTrigger.HandOffRumour));
        Assert.Empty(await RecipientsAsync(id, NotificationKind.RebuttalRequest));
    }

    [Fact]
    public async Task A_case_not_assessed_as_a_rumour_is_refused()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, HandOff(id)), DomainErrors.NotRumour);

        Assert.Empty((await desk.CaseAsync(id)).Tasks);
    }

    [Fact]
    public async Task Other_roles_are_refused_and_an_analyst_only_as_the_case_owner()
    {
        var id = await desk.NewCase().AsRumour().InAsync(CaseState.Disposing);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, HandOff(id)));
        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Duty, HandOff(id)));
        // The duty officer opened the case and owns it: the analyst is not its owner.
        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Analyst, HandOff(id)), DomainErrors.NotCaseOwner);

        Assert.Empty((await desk.CaseAsync(id)).Tasks);
    }

    [Fact]
    public async Task A_second_hand_off_while_the_first_is_open_is_refused()
    {
        var id = await desk.NewCase().AsRumour().InAsync(CaseState.Disposing);
        await desk.SendAsync(DemoAccounts.Chief, HandOff(id));

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Chief, HandOff(id)), DomainErrors.HandOffOpen);

        var @case = await desk.CaseAsync(id);
        Assert.Single(@case.RumourHandOffs);
        Assert.Equal(2, @case.Tasks.Count);
    }

    [Fact]
    public async Task No_units_chosen_is_refused_naming_both_fields_in_chinese()
    {
        var id = await desk.NewCase().AsRumour().InAsync(CaseState.Disposing);

        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        FluentValidation.ValidationException refused;
        try
        {
            refused = await Expect.InvalidAsync(
                () => desk.SendAsync(DemoAccounts.Chief, HandOff(id) with { PoliceUnitId = null, CyberspaceUnitId = null }),
                nameof(HandOffRumour.Command.PoliceUnitId), nameof(HandOffRumour.Command.CyberspaceUnitId));
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }

        Assert.Contains(refused.Errors, e => e.ErrorMessage == "请选择“公安派出所”。");
        Assert.Contains(refused.Errors, e => e.ErrorMessage == "请选择“网信办”。");
        Assert.Empty((await desk.CaseAsync(id)).Tasks);
    }

    [Fact]
    public async Task The_same_unit_twice_is_refused()
    {
        var id = await desk.NewCase().AsRumour().InAsync(CaseState.Disposing);

        await Expect.InvalidAsync(
            () => desk.SendAsync(DemoAccounts.Chief, HandOff(id) with { CyberspaceUnitId = desk.Unit(DemoAccounts.PoliceStation) }),
            nameof(HandOffRumour.Command.CyberspaceUnitId));
    }

    private async Task<List<string>> RecipientsAsync(int caseId, NotificationKind kind)
    {
        await using var db = await desk.App.CreateDbContextAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.CaseId == caseId && n.Kind == kind).Select(n => n.UserId).ToListAsync();
    }
}
