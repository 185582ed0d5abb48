using OpinionResponse.App.Features.Cases.Responses;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Seed;
using OpinionResponse.Tests.Features.Support;
using Xunit;

namespace OpinionResponse.Tests.Features.Cases;

internal static class Responses
{
    public static async Task<int> DraftAsync(Desk desk, int caseId, string agencies = "")
    {
        return await desk.SendAsync(DemoAccounts.Press, new DraftResponse.Command
        {
            CaseId = caseId,
            ExpectedVersion = await desk.VersionAsync(caseId),
            Form = ResponseForm.OnlineRelease,
            Channels = "政务微博",
            Text = "关于滨江村供水情况的通报",
            ConfirmingAgencies = agencies,
        });
    }

    public static async Task<int> InReviewAsync(Desk desk, int caseId, string agencies = "")
    {
        var id = await DraftAsync(desk, caseId, agencies);
        await desk.SendAsync(DemoAccounts.Press, new SubmitResponse.Command(caseId, id));
        return id;
    }

    public static async Task<int> ApprovedAsync(Desk desk, int caseId, string agencies = "")
    {
        var id = await InReviewAsync(desk, caseId, agencies);
        await desk.SendAsync(DemoAccounts.Chief, new ApproveResponse.Command { CaseId = caseId, ResponseId = id });
        return id;
    }

    public static async Task<PublicResponse> LoadAsync(Desk desk, int caseId, int responseId) =>
        (await desk.CaseAsync(caseId)).Responses.Single(r => r.Id == responseId);

    public static PublishResponse.Command Publish(int caseId, int responseId) => new()
    {
        CaseId = caseId,
        ResponseId = responseId,
        Channel = "政务微博",
        Url = "https://weibo.example/beian/2",
        PublishedAt = DateTime.UtcNow,
    };
}

[Collection(TasksAndResponsesDesk.Name)]
public class BeginResponseTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_press_officer_takes_the_case_into_response_work()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);

        await desk.SendAsync(DemoAccounts.Press, new BeginResponse.Command(id));

        Assert.Equal(CaseState.Responding, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task No_response_begins_when_none_is_needed()
    {
        var id = await desk.NewCase().NoResponseNeeded().InAsync(CaseState.Disposing);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Press, new BeginResponse.Command(id)), DomainErrors.ResponseNotNeeded);

        Assert.Equal(CaseState.Disposing, (await desk.CaseAsync(id)).State);
    }

    [Fact]
    public async Task A_section_chief_cannot_begin_the_response()
    {
        var id = await desk.NewCase().InAsync(CaseState.Disposing);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Chief, new BeginResponse.Command(id)));

        Assert.Equal(CaseState.Disposing, (await desk.CaseAsync(id)).State);
    }
}

[Collection(TasksAndResponsesDesk.Name)]
public class DraftResponseTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_press_officer_drafts_a_response_with_the_agencies_that_must_confirm_it()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);

        var responseId = await desk.SendAsync(DemoAccounts.Press, new DraftResponse.Command
        {
            CaseId = id,
            ExpectedVersion = await desk.VersionAsync(id),
            Form = ResponseForm.ExpertInterpretation,
            Channels = "政务微博，政府网站",
            Text = " 关于滨江村供水情况的通报 ",
            ConfirmingAgencies = "县水务局、 县卫健委\n县水务局",
        });

        var response = await Responses.LoadAsync(desk, id, responseId);
        Assert.Equal((1, ResponseStatus.Draft, ResponseForm.ExpertInterpretation, "关于滨江村供水情况的通报"),
            (response.Sequence, response.Status, response.Form, response.Text));
        Assert.Equal(["县卫健委", "县水务局"], response.Confirmations.Select(c => c.Agency).Order());
        Assert.All(response.Confirmations, c => Assert.False(c.Confirmed));
    }

    [Fact]
    public async Task An_analyst_cannot_draft_a_response()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Analyst, new DraftResponse.Command
        {
            CaseId = id,
            Channels = "政务微博",
            Text = "通报",
        }));

        Assert.Empty((await desk.CaseAsync(id)).Responses);
    }

    [Fact]
    public async Task A_response_needs_text_and_channels()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Press, new DraftResponse.Command { CaseId = id }), "Text", "Channels");

        Assert.Empty((await desk.CaseAsync(id)).Responses);
    }
}

[Collection(TasksAndResponsesDesk.Name)]
public class SubmitResponseTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_draft_goes_to_a_chief_for_review()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);
        var responseId = await Responses.DraftAsync(desk, id);

        await desk.SendAsync(DemoAccounts.Press, new SubmitResponse.Command(id, responseId));

        Assert.Equal(ResponseStatus.InReview, (await Responses.LoadAsync(desk, id, responseId)).Status);
    }

    [Fact]
    public async Task An_unknown_response_cannot_be_submitted()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);
        var responseId = await Responses.DraftAsync(desk, id);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Press, new SubmitResponse.Command(id, responseId + 1000)), DomainErrors.ResponseNotFound);

        Assert.Equal(ResponseStatus.Draft, (await Responses.LoadAsync(desk, id, responseId)).Status);
    }
}

[Collection(TasksAndResponsesDesk.Name)]
public class ApproveResponseTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_section_chief_approves_a_response_in_review()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);
        var responseId = await Responses.InReviewAsync(desk, id);

        await desk.SendAsync(DemoAccounts.Chief, new ApproveResponse.Command { CaseId = id, ResponseId = responseId, Comment = "可以发布" });

        var response = await Responses.LoadAsync(desk, id, responseId);
        Assert.Equal((ResponseStatus.Approved, DemoAccounts.Chief.DisplayName, "可以发布"), (response.Status, response.ReviewedBy, response.ReviewComment));
    }

    [Fact]
    public async Task A_press_officer_cannot_approve_a_response()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);
        var responseId = await Responses.InReviewAsync(desk, id);

        await Expect.ForbiddenAsync(() => desk.SendAsync(DemoAccounts.Press, new ApproveResponse.Command { CaseId = id, ResponseId = responseId }));

        Assert.Equal(ResponseStatus.InReview, (await Responses.LoadAsync(desk, id, responseId)).Status);
    }
}

[Collection(TasksAndResponsesDesk.Name)]
public class RejectResponseTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task A_rejected_response_goes_back_to_its_drafter_who_revises_it()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);
        var responseId = await Responses.InReviewAsync(desk, id);

        await desk.SendAsync(DemoAccounts.Head, new RejectResponse.Command { CaseId = id, ResponseId = responseId, Comment = "口径不准确" });

        var rejected = await Responses.LoadAsync(desk, id, responseId);
        Assert.Equal((ResponseStatus.Rejected, "口径不准确"), (rejected.Status, rejected.ReviewComment));

        await desk.SendAsync(DemoAccounts.Press, new DraftResponse.Command
        {
            CaseId = id,
            ExpectedVersion = await desk.VersionAsync(id),
            ResponseId = responseId,
            Channels = "政务微博",
            Text = "修改后的通报",
        });

        var revised = await Responses.LoadAsync(desk, id, responseId);
        Assert.Equal((ResponseStatus.Draft, "修改后的通报"), (revised.Status, revised.Text));
        Assert.Single((await desk.CaseAsync(id)).Responses);
    }

    [Fact]
    public async Task A_rejection_needs_a_comment()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);
        var responseId = await Responses.InReviewAsync(desk, id);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Chief, new RejectResponse.Command { CaseId = id, ResponseId = responseId }), "Comment");

        Assert.Equal(ResponseStatus.InReview, (await Responses.LoadAsync(desk, id, responseId)).Status);
    }
}

[Collection(TasksAndResponsesDesk.Name)]
public class RecordConfirmationTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task The_press_officer_records_an_agencys_confirmation()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);
        var responseId = await Responses.ApprovedAsync(desk, id, Desk.Agency);
        var at = DateTime.UtcNow.AddMinutes(-3);

        await desk.SendAsync(DemoAccounts.Press, new RecordConfirmation.Command
        {
            CaseId = id,
            ResponseId = responseId,
            Agency = Desk.Agency,
            ConfirmedBy = "李科长",
            ConfirmedAt = at,
            Note = "电话确认",
        });

        var confirmation = Assert.Single((await Responses.LoadAsync(desk, id, responseId)).Confirmations);
        Assert.Equal((true, "李科长", "电话确认", DemoAccounts.Press.DisplayName),
            (confirmation.Confirmed, confirmation.ConfirmedByName, confirmation.Note, confirmation.RecordedBy));
        Assert.Equal(at, confirmation.ConfirmedAt!.Value, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task An_agency_that_was_not_asked_cannot_confirm()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);
        var responseId = await Responses.ApprovedAsync(desk, id, Desk.Agency);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Press, new RecordConfirmation.Command
        {
            CaseId = id,
            ResponseId = responseId,
            Agency = "县公安局",
            ConfirmedBy = "张警官",
            ConfirmedAt = DateTime.UtcNow,
        }), DomainErrors.ResponseNotFound);

        Assert.False(Assert.Single((await Responses.LoadAsync(desk, id, responseId)).Confirmations).Confirmed);
    }
}

[Collection(TasksAndResponsesDesk.Name)]
public class PublishResponseTests(DeskFixture fixture)
{
    private readonly Desk desk = fixture.Desk;

    [Fact]
    public async Task Publishing_an_approved_response_publishes_the_case()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);
        var responseId = await Responses.ApprovedAsync(desk, id);

        await desk.SendAsync(DemoAccounts.Press, Responses.Publish(id, responseId));

        var @case = await desk.CaseAsync(id);
        Assert.Equal(CaseState.Published, @case.State);
        var response = Assert.Single(@case.Responses);
        Assert.Equal((ResponseStatus.Published, "政务微博", "https://weibo.example/beian/2", DemoAccounts.Press.DisplayName),
            (response.Status, response.PublishedChannel, response.PublishedUrl, response.PublishedBy));
    }

    [Fact]
    public async Task A_follow_up_response_is_published_in_the_published_case()
    {
        var id = await desk.NewCase().InAsync(CaseState.Published);
        var followUp = await Responses.ApprovedAsync(desk, id);

        await desk.SendAsync(DemoAccounts.Press, Responses.Publish(id, followUp));

        var @case = await desk.CaseAsync(id);
        Assert.Equal(CaseState.Published, @case.State);
        Assert.Equal([1, 2], @case.Responses.Where(r => r.Status == ResponseStatus.Published).Select(r => r.Sequence).Order());
    }

    [Fact]
    public async Task A_response_awaiting_an_agencys_confirmation_is_not_published()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);
        var responseId = await Responses.ApprovedAsync(desk, id, Desk.Agency);

        await Expect.RefusedAsync(() => desk.SendAsync(DemoAccounts.Press, Responses.Publish(id, responseId)), DomainErrors.ConfirmationsMissing);

        var @case = await desk.CaseAsync(id);
        Assert.Equal(CaseState.Responding, @case.State);
        Assert.Equal(ResponseStatus.Approved, Assert.Single(@case.Responses).Status);
    }

    [Fact]
    public async Task A_publication_needs_its_time()
    {
        var id = await desk.NewCase().InAsync(CaseState.Responding);
        var responseId = await Responses.ApprovedAsync(desk, id);

        await Expect.InvalidAsync(() => desk.SendAsync(DemoAccounts.Press, Responses.Publish(id, responseId) with { PublishedAt = null, Url = "ftp://x" }),
            "PublishedAt", "Url");
    }
}
