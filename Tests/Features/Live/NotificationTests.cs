using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Features.Cases.Lifecycle;
using OpinionResponse.App.Features.Cases.Tasks;
using OpinionResponse.App.Features.Notifications;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Live;
using OpinionResponse.Infrastructure.Notifications;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Live;

/// <summary>
/// A mention, a signature request, a task for your unit and a response to approve land in the bell of exactly
/// the people concerned, committed with the change; a user only ever reads and marks their own. Through the mediator
/// on real SQLite.
/// </summary>
public class NotificationTests(DeskFixture fixture) : IClassFixture<DeskFixture>
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_mention_notifies_the_mentioned_colleague_once_and_nobody_else()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);

        await Comment(DemoAccounts.Analyst, id, "@王强 请尽快研判是否需要回应。@王强 另：抄送 @李娜 自己");

        var mention = Assert.Single(await NotificationsOfCaseAsync(id));
        Assert.Equal((desk.Actor(DemoAccounts.Chief).UserId, NotificationKind.Mention, "李娜"), (mention.UserId, mention.Kind, mention.ActorName));
        var stored = await desk.CaseAsync(id);
        Assert.Equal((stored.Number, stored.Title), (mention.CaseNumber, mention.CaseTitle));
        Assert.StartsWith("@王强 请尽快研判", mention.Excerpt, StringComparison.Ordinal);
        Assert.Null(mention.ReadAt);
    }

    [Fact]
    public async Task A_name_followed_straight_by_text_is_a_mention()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);

        await Comment(DemoAccounts.Analyst, id, "@赵敏请审阅，另请@陈静跟进");

        Assert.Equal(Ids(DemoAccounts.Head, DemoAccounts.Press), Recipients(await NotificationsOfCaseAsync(id)));
    }

    [Fact]
    public void At_each_at_sign_the_longest_name_the_text_continues_with_is_the_one_meant()
    {
        string[] names = ["王强", "王强强", "李娜"];

        Assert.Equal(new[] { "王强强" }, Notifier.MentionedNames("@王强强请看", names).ToList());
        Assert.Equal(new[] { "李娜", "王强" }.Order(StringComparer.Ordinal), Notifier.MentionedNames("@王强：请 @李娜@王 跟进", names).Order(StringComparer.Ordinal));
        Assert.Empty(Notifier.MentionedNames("王强 李娜 wq@beian.gov", names));
    }

    [Fact]
    public async Task A_comment_without_a_known_name_notifies_nobody()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);

        await Comment(DemoAccounts.Analyst, id, "请 @张三丰 和王强核实（邮箱 wq@beian.gov）");

        Assert.Empty(await NotificationsOfCaseAsync(id));
    }

    /// <summary>A notification shows the case's number, title and text: someone who may not open the case gets none.</summary>
    [Fact]
    public async Task A_mentioned_colleague_who_may_not_see_the_case_is_not_notified()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);

        await Comment(DemoAccounts.Analyst, id, "@周杰 @王强 请看");

        Assert.Equal(Ids(DemoAccounts.Chief), Recipients(await NotificationsOfCaseAsync(id)));
    }

    [Fact]
    public async Task A_refused_comment_notifies_nobody()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);

        await Expect.ForbiddenAsync(() => Comment(DemoAccounts.Supervisor, id, "@王强 请处理"));

        Assert.Empty(await NotificationsOfCaseAsync(id));
    }

    [Fact]
    public async Task The_mentioned_colleague_hears_of_it_live_after_commit()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);
        var heard = new ConcurrentQueue<string>();
        using var subscription = desk.App.Services.GetRequiredService<ILiveEventHub>().Subscribe<NotificationsChanged>(e =>
        {
            heard.Enqueue(e.UserId);
            return ValueTask.CompletedTask;
        });

        await Comment(DemoAccounts.Analyst, id, "@王强 请看");

        Assert.Contains(desk.Actor(DemoAccounts.Chief).UserId, heard);
        Assert.DoesNotContain(desk.Actor(DemoAccounts.Analyst).UserId, heard);
    }

    /// <summary>The case is 城建办's: its section chief and the opinion office's both handle it; 城建办's analyst does not sign.</summary>
    [Fact]
    public async Task Submitting_the_plan_of_a_general_case_asks_the_section_chiefs_who_handle_it()
    {
        var id = await desk.NewCase().InUnit(DemoAccounts.Construction).InAsync(CaseState.PlanApproval);

        var requests = (await NotificationsOfCaseAsync(id)).Where(n => n.Kind == NotificationKind.SignatureRequest).ToList();

        Assert.Equal(Ids(DemoAccounts.Chief, DemoAccounts.ConstructionChief), Recipients(requests));
        Assert.All(requests, n => Assert.Equal("李娜", n.ActorName));
    }

    [Fact]
    public async Task Submitting_the_plan_of_a_major_case_also_asks_the_unit_head()
    {
        var id = await desk.NewCase().Major().InAsync(CaseState.PlanApproval);

        var requests = (await NotificationsOfCaseAsync(id)).Where(n => n.Kind == NotificationKind.SignatureRequest).ToList();

        Assert.Equal(Ids(DemoAccounts.Chief, DemoAccounts.Head), Recipients(requests));
    }

    [Fact]
    public async Task Assigning_a_task_to_the_construction_office_notifies_its_members()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);

        await desk.SendAsync(DemoAccounts.Chief, new AssignTask.Command
        {
            CaseId = id,
            UnitId = desk.Unit(DemoAccounts.Construction),
            Description = "排查滨江村三组供水管网",
            DueAt = DateTime.UtcNow.AddDays(1),
        });

        var tasks = (await NotificationsOfCaseAsync(id)).Where(n => n.Kind == NotificationKind.TaskForUnit).ToList();
        Assert.Equal(Ids(DemoAccounts.ConstructionChief, DemoAccounts.ConstructionOfficer), Recipients(tasks));
        Assert.All(tasks, n => Assert.Equal(("排查滨江村三组供水管网", "王强"), (n.Excerpt, n.ActorName)));
    }

    /// <summary>The press officer drafted it and may not approve it; the chiefs who handle the case may.</summary>
    [Fact]
    public async Task Submitting_a_response_asks_the_chiefs_who_handle_the_case()
    {
        var id = await desk.NewCase().InAsync(CaseState.Published);

        var requests = (await NotificationsOfCaseAsync(id)).Where(n => n.Kind == NotificationKind.ApprovalRequest).ToList();

        Assert.Equal(Ids(DemoAccounts.Chief, DemoAccounts.Head), Recipients(requests));
        Assert.All(requests, n => Assert.Equal("陈静", n.ActorName));
    }

    [Fact]
    public async Task A_user_lists_only_their_own_notifications()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);
        await Comment(DemoAccounts.Analyst, id, "@王强 请看");
        var chiefs = (await NotificationsOfCaseAsync(id)).Single();

        var asChief = await desk.SendAsync(DemoAccounts.Chief, new ListMyNotifications.Query { PageSize = 100 });
        var asAnalyst = await desk.SendAsync(DemoAccounts.Analyst, new ListMyNotifications.Query { PageSize = 100 });

        Assert.Contains(asChief.Rows, r => r.Id == chiefs.Id);
        Assert.DoesNotContain(asAnalyst.Rows, r => r.Id == chiefs.Id);
        Assert.Equal(new[] { desk.Actor(DemoAccounts.Chief).UserId }, await OwnersAsync(asChief.Rows.Select(r => r.Id)));
        Assert.All(await OwnersAsync(asAnalyst.Rows.Select(r => r.Id)), owner => Assert.Equal(desk.Actor(DemoAccounts.Analyst).UserId, owner));
    }

    [Fact]
    public async Task Marking_someone_elses_notification_read_is_refused_as_not_found()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);
        await Comment(DemoAccounts.Analyst, id, "@王强 请看");
        var chiefs = (await NotificationsOfCaseAsync(id)).Single();

        await Expect.NotFoundAsync(() => desk.SendAsync(DemoAccounts.Analyst, new MarkNotificationRead.Command(chiefs.Id)));
        await desk.SendAsync(DemoAccounts.Analyst, new MarkAllNotificationsRead.Command());

        Assert.Null((await NotificationsOfCaseAsync(id)).Single().ReadAt);
    }

    [Fact]
    public async Task Marking_read_lowers_the_unread_count_and_marking_all_read_empties_it()
    {
        var id = await desk.NewCase().InAsync(CaseState.Assessing);
        await Comment(DemoAccounts.Analyst, id, "@王强 第一条");
        await Comment(DemoAccounts.Analyst, id, "@王强 第二条");
        var first = (await NotificationsOfCaseAsync(id)).OrderBy(n => n.Id).First();
        var before = await desk.SendAsync(DemoAccounts.Chief, new CountUnreadNotifications.Query());

        await desk.SendAsync(DemoAccounts.Chief, new MarkNotificationRead.Command(first.Id));
        await desk.SendAsync(DemoAccounts.Chief, new MarkNotificationRead.Command(first.Id));
        var afterOne = await desk.SendAsync(DemoAccounts.Chief, new CountUnreadNotifications.Query());
        var listed = await desk.SendAsync(DemoAccounts.Chief, new ListMyNotifications.Query { PageSize = 100 });

        Assert.True(before >= 2, $"{before} unread before");
        Assert.Equal(before - 1, afterOne);
        Assert.Equal(afterOne, listed.Unread);
        Assert.True(listed.Rows.Single(r => r.Id == first.Id).IsRead);
        Assert.DoesNotContain(first.Id, (await desk.SendAsync(DemoAccounts.Chief, new ListMyNotifications.Query { UnreadOnly = true, PageSize = 100 })).Rows.Select(r => r.Id));

        await Comment(DemoAccounts.Chief, id, "@李娜 收到");
        await desk.SendAsync(DemoAccounts.Chief, new MarkAllNotificationsRead.Command());

        Assert.Equal(0, await desk.SendAsync(DemoAccounts.Chief, new CountUnreadNotifications.Query()));
        Assert.True(await desk.SendAsync(DemoAccounts.Analyst, new CountUnreadNotifications.Query()) >= 1, "the analyst's own stays unread");
    }

    private Task Comment(DemoAccount author, int caseId, string text) =>
        desk.SendAsync(author, new AddComment.Command { CaseId = caseId, Text = text });

    private List<string> Ids(params DemoAccount[] accounts) => accounts.Select(a => desk.Actor(a).UserId).Order(StringComparer.Ordinal).ToList();

    /// <summary>Who was notified, in a fixed order; each person at most once.</summary>
    private static List<string> Recipients(IEnumerable<Notification> notifications)
    {
        var users = notifications.Select(n => n.UserId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(users.Distinct().Count(), users.Count);
        return users;
    }

    private async Task<List<Notification>> NotificationsOfCaseAsync(int caseId)
    {
        await using var db = await desk.App.CreateDbContextAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.CaseId == caseId).ToListAsync();
    }

    private async Task<List<string>> OwnersAsync(IEnumerable<long> ids)
    {
        var list = ids.ToList();
        await using var db = await desk.App.CreateDbContextAsync();
        return await db.Notifications.Where(n => list.Contains(n.Id)).Select(n => n.UserId).Distinct().ToListAsync();
    }
}
