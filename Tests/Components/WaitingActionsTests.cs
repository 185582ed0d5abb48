using Bunit;
using OpinionResponse.App.Features.Cases;
using OpinionResponse.App.Features.Cases.Tasks;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Components.Support;
using Xunit;

namespace OpinionResponse.Tests.Components;

/// <summary>Where an expected button is missing, the action bar says what the action waits for, in the guard's words.</summary>
public class WaitingActionsTests(ComponentFixture fixture) : ComponentTest(fixture), IClassFixture<ComponentFixture>
{
    [Fact]
    public async Task The_chief_reads_that_closing_waits_for_the_open_task()
    {
        var page = await CaseWithOpenTaskAsSeenBy(DemoAccounts.Chief);

        Assert.Empty(page.FindAll("[data-testid=case-action][data-action=Close]"));
        var waiting = page.Find("[data-testid=case-waiting][data-action=Close]");
        Assert.Contains(Text("Trigger.Close"), waiting.TextContent, StringComparison.Ordinal);
        Assert.Contains(Text("Error.case.tasks_open"), waiting.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_press_officer_reads_why_no_response_starts_but_nothing_about_closing()
    {
        var page = await CaseWithOpenTaskAsSeenBy(DemoAccounts.Press);

        // Closing is the chief's: nothing about it. Starting a response is hers, and the assessment said none is needed.
        Assert.Empty(page.FindAll("[data-testid=case-waiting][data-action=Close]"));
        var waiting = page.Find("[data-testid=case-waiting][data-action=BeginResponse]");
        Assert.Contains(Text("Error.response.not_needed"), waiting.TextContent, StringComparison.Ordinal);
    }

    /// <summary>A case in Disposing that needs no public response, with a task still open at 城建办, on <paramref name="viewer"/>'s screen.</summary>
    private async Task<IRenderedComponent<Bunit.Rendering.ContainerFragment>> CaseWithOpenTaskAsSeenBy(DemoAccount viewer)
    {
        var id = await Desk.NewCase().NoResponseNeeded().InAsync(CaseState.Disposing);
        await Desk.SendAsync(DemoAccounts.Chief, new AssignTask.Command
        {
            CaseId = id, UnitId = Desk.Unit(DemoAccounts.Construction), Description = "疏通管网", DueAt = DateTime.UtcNow.AddDays(1),
        });

        SignIn(viewer);
        var page = RenderPage<CasePage>(b => b.AddAttribute(4, nameof(CasePage.Id), id));
        page.WaitForElement("[data-testid=case-page]");
        return page;
    }
}
