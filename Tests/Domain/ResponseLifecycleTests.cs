using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Tests.Domain.Support;
using Xunit;

namespace OpinionResponse.Tests.Domain;

/// <summary>Draft → InReview → Approved → Published, or Rejected → Draft; and the BeginResponse that opens it.</summary>
public class ResponseLifecycleTests
{
    [Fact]
    public void Beginning_a_response_is_refused_when_none_is_needed()
    {
        var @case = new CaseBuilder().NoResponseNeeded().In(CaseState.Disposing);

        Assert.DoesNotContain(CaseTrigger.BeginResponse, @case.AvailableTriggers(Actors.PressOfficer));
        var refusal = Assert.Throws<DomainException>(() => @case.BeginResponse(Actors.PressOfficer, Clock.Now));

        Assert.Equal(DomainErrors.ResponseNotNeeded, refusal.Code);
        Assert.Equal(CaseState.Disposing, @case.State);
    }

    [Fact]
    public void A_response_goes_from_draft_through_review_and_approval_to_published()
    {
        var @case = new CaseBuilder().In(CaseState.Responding);

        var response = Draft(@case, Actors.PressOfficer);
        Assert.Equal((1, ResponseStatus.Draft), (response.Sequence, response.Status));

        @case.SubmitResponse(Actors.PressOfficer, Clock.Now, response.Id);
        Assert.Equal(ResponseStatus.InReview, response.Status);

        @case.ApproveResponse(Actors.SectionChief, Clock.Now, response.Id, "同意发布");
        Assert.Equal((ResponseStatus.Approved, Actors.SectionChief.DisplayName), (response.Status, response.ReviewedBy));

        @case.PublishResponse(Actors.PressOfficer, Clock.Now, response.Id, "政务微博", "https://weibo.example/1", Clock.Now);
        Assert.Equal((ResponseStatus.Published, "政务微博"), (response.Status, response.PublishedChannel));
        Assert.Equal(CaseState.Published, @case.State);
        var published = Assert.Single(@case.DomainEvents.OfType<ResponsePublished>());
        Assert.Equal((1, "政务微博"), (published.ResponseSequence, published.Channel));
    }

    [Fact]
    public void A_rejected_response_is_revised_into_a_draft_and_reviewed_again()
    {
        var @case = new CaseBuilder().ReadyTo(CaseTrigger.RejectResponse).In(CaseState.Responding);
        var response = Assert.Single(@case.Responses);

        @case.RejectResponse(Actors.SectionChief, Clock.Now, response.Id, "口径不当");
        Assert.Equal((ResponseStatus.Rejected, "口径不当"), (response.Status, response.ReviewComment));

        var revised = @case.DraftResponse(Actors.PressOfficer, Clock.Now, response.Id, ResponseForm.OnlineRelease, "政务微博", "修改后的情况通报", []);
        Assert.Same(response, revised);
        Assert.Equal((ResponseStatus.Draft, "修改后的情况通报"), (response.Status, response.Text));

        @case.SubmitResponse(Actors.PressOfficer, Clock.Now, response.Id);
        Assert.Equal(ResponseStatus.InReview, response.Status);
        Assert.Single(@case.Responses);
    }

    [Fact]
    public void Rejecting_a_response_needs_a_comment()
    {
        var @case = new CaseBuilder().ReadyTo(CaseTrigger.RejectResponse).In(CaseState.Responding);
        var response = Assert.Single(@case.Responses);

        var refusal = Assert.Throws<DomainException>(() => @case.RejectResponse(Actors.SectionChief, Clock.Now, response.Id, ""));

        Assert.Equal(DomainErrors.CommentRequired, refusal.Code);
        Assert.Equal(ResponseStatus.InReview, response.Status);
    }

    [Fact]
    public void An_approver_cannot_approve_their_own_draft()
    {
        var pressChief = Actors.Member("press-chief", "宣传科长 林", Role.PressOfficer, Role.SectionChief);
        var @case = new CaseBuilder().In(CaseState.Responding);
        var response = Draft(@case, pressChief);
        @case.SubmitResponse(pressChief, Clock.Now, response.Id);

        var refusal = Assert.Throws<DomainException>(() => @case.ApproveResponse(pressChief, Clock.Now, response.Id, null));

        Assert.Equal(DomainErrors.ApproverIsDrafter, refusal.Code);
        Assert.Equal(ResponseStatus.InReview, response.Status);
        Assert.DoesNotContain(CaseTrigger.ApproveResponse, @case.AvailableTriggers(pressChief));
    }

    [Fact]
    public void A_response_is_not_published_before_it_is_approved()
    {
        var @case = new CaseBuilder().ReadyTo(CaseTrigger.ApproveResponse).In(CaseState.Responding);
        var response = Assert.Single(@case.Responses);

        var refusal = Assert.Throws<DomainException>(() =>
            @case.PublishResponse(Actors.PressOfficer, Clock.Now, response.Id, "政务微博", null, Clock.Now));

        Assert.Equal(DomainErrors.ResponseNotApproved, refusal.Code);
        Assert.Equal(CaseState.Responding, @case.State);
    }

    [Fact]
    public void A_response_is_published_only_once_every_confirming_agency_has_confirmed()
    {
        var @case = new CaseBuilder().In(CaseState.Responding);
        var response = Draft(@case, Actors.PressOfficer, "县水务局", "县卫健委");
        @case.SubmitResponse(Actors.PressOfficer, Clock.Now, response.Id);
        @case.ApproveResponse(Actors.SectionChief, Clock.Now, response.Id, null);
        @case.RecordConfirmation(Actors.PressOfficer, Clock.Now, response.Id, "县水务局", "刘站长", Clock.Now, null);

        var refusal = Assert.Throws<DomainException>(() =>
            @case.PublishResponse(Actors.PressOfficer, Clock.Now, response.Id, "政务微博", null, Clock.Now));

        Assert.Equal(DomainErrors.ConfirmationsMissing, refusal.Code);
        Assert.Equal((CaseState.Responding, ResponseStatus.Approved), (@case.State, response.Status));

        @case.RecordConfirmation(Actors.PressOfficer, Clock.Now, response.Id, "县卫健委", "黄科长", Clock.Now, "同意");
        @case.PublishResponse(Actors.PressOfficer, Clock.Now, response.Id, "政务微博", null, Clock.Now);

        Assert.Equal(CaseState.Published, @case.State);
        Assert.All(response.Confirmations, c => Assert.True(c.Confirmed));
    }

    [Fact]
    public void A_follow_up_response_is_published_while_the_case_stays_published()
    {
        var @case = new CaseBuilder().In(CaseState.Published);

        var followUp = Draft(@case, Actors.PressOfficer);
        @case.SubmitResponse(Actors.PressOfficer, Clock.Now, followUp.Id);
        @case.ApproveResponse(Actors.UnitHead, Clock.Now, followUp.Id, null);
        @case.PublishResponse(Actors.PressOfficer, Clock.Now, followUp.Id, "政府网站", null, Clock.Now);

        Assert.Equal(CaseState.Published, @case.State);
        Assert.Equal([ResponseStatus.Published, ResponseStatus.Published], @case.Responses.Select(r => r.Status));
        Assert.Equal(2, Assert.Single(@case.DomainEvents.OfType<ResponsePublished>()).ResponseSequence);
        Assert.Empty(@case.DomainEvents.OfType<CaseStateChanged>());
        Assert.Contains(@case.DomainEvents.OfType<CaseActivityRecorded>(), e => e.Trigger == CaseTrigger.PublishResponse);
    }

    /// <summary>Drafts a new response and saves, as the handler would before the next command.</summary>
    private static PublicResponse Draft(Case @case, Actor pressOfficer, params string[] agencies)
    {
        var response = @case.DraftResponse(pressOfficer, Clock.Now, null, ResponseForm.OnlineRelease, "政务微博,政府网站",
            "关于某村自来水发黑的情况通报", agencies);
        Database.Save(@case);
        return response;
    }
}
