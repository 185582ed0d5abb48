using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Security;

/// <summary>SECURITY.md Z1: every request declares its permission, and the pipeline lets through exactly its roles.</summary>
[Collection(SecurityDesk.Name)]
public class PermissionTests(DeskFixture fixture)
{
    /// <summary>No case has this id: a role that passes is then refused by the unit scope (not found), one that fails is forbidden.</summary>
    private const int NoSuchCase = 999_999;

    private readonly Desk desk = fixture.Desk;

    public static TheoryData<CaseTrigger> Triggers => new(Enum.GetValues<CaseTrigger>());

    [Fact]
    public void Every_request_declares_a_permission()
    {
        Assert.True(AppRequests.Messages.Count >= 33, $"only {AppRequests.Messages.Count} requests found");

        var undeclared = AppRequests.Messages.Where(t => PermissionOf<object>.Find(t) is null).Select(t => t.FullName).ToList();

        Assert.Empty(undeclared);
    }

    [Fact]
    public void Every_case_trigger_is_fired_by_exactly_one_command()
    {
        Assert.Equal(Enum.GetValues<CaseTrigger>(), AppRequests.CaseCommands.Select(c => c.Trigger));
        Assert.All(AppRequests.CaseCommands, c => Assert.True(typeof(ICaseRequest).IsAssignableFrom(c.Command), c.Command.FullName));
    }

    [Theory]
    [MemberData(nameof(Triggers))]
    public async Task Exactly_the_workflow_roles_pass_authorization_for(CaseTrigger trigger)
    {
        var command = AppRequests.CaseCommands.Single(c => c.Trigger == trigger).Command;
        var allowed = CaseWorkflow.Transitions.Where(t => t.Trigger == trigger).SelectMany(t => t.Roles).ToHashSet();
        var mismatches = new List<string>();

        foreach (var role in Enum.GetValues<Role>())
        {
            var actor = Actor.Create($"probe-{role}", $"探针 {role}", [role], [desk.Unit(DemoAccounts.TownOffice)]);
            var error = await Record.ExceptionAsync(() => desk.App.SendMessageAsync(actor, AppRequests.Create(command, NoSuchCase)));
            var expected = allowed.Contains(role) ? typeof(NotFoundException) : typeof(ForbiddenException);
            if (error?.GetType() != expected)
            {
                mismatches.Add($"{role}: expected {expected.Name}, got {error?.GetType().Name ?? "success"}");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Desk_requests_pass_authorization_for_exactly_the_roles_of_their_permission()
    {
        var mismatches = new List<string>();
        foreach (var (request, permission) in AppRequests.DeskRequests)
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                // A member of the opinion office, as the office's real accounts are: they see every unit, so a handler's
                // unit scope (the town-wide daily log) does not pass for the authorization this test is about.
                var actor = Actor.Create($"probe-{role}", $"探针 {role}", [role], [desk.Unit(DemoAccounts.TownOffice)], spansAllUnits: true);
                var error = await Record.ExceptionAsync(() => desk.App.SendMessageAsync(actor, AppRequests.Create(request, NoSuchCase)));
                var passed = error is not ForbiddenException;
                if (passed != RequiresPermissionAttribute.RolesFor(permission.Permission).Contains(role))
                {
                    mismatches.Add($"{request.FullName} {role}: {error?.GetType().Name ?? "success"}");
                }
            }
        }

        Assert.NotEmpty(AppRequests.DeskRequests);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task A_user_without_a_role_is_forbidden_every_request()
    {
        var nobody = Actor.Create("nobody", "无角色", [], []);

        foreach (var request in AppRequests.Messages)
        {
            var error = await Record.ExceptionAsync(() => desk.App.SendMessageAsync(nobody, AppRequests.Create(request, NoSuchCase)));
            Assert.True(error is ForbiddenException, $"{request.FullName}: {error?.GetType().Name ?? "success"}");
        }
    }
}
