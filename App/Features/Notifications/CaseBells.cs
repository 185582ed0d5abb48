using OpinionResponse.App.Common.Duty;
using OpinionResponse.App.Common.Live;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Infrastructure.Live;

namespace OpinionResponse.App.Features.Notifications;

/// <summary>
/// The bells that follow from a case's domain events (and the watcher's follow-up prompts). Each handler adds its rows
/// to the change's own DbContext, so they commit with the change or not at all, and refreshes the recipients' bells
/// once it has committed.
/// </summary>
public static class CaseBells
{
    public static IServiceCollection AddNotifications(this IServiceCollection services)
    {
        services.AddScoped<ICaseEventHandler, SignersOfSubmittedPlan>();
        services.AddScoped<ICaseEventHandler, ApproversOfSubmittedResponse>();
        services.AddScoped<ICaseEventHandler, MentionedInComment>();
        services.AddScoped<ICaseEventHandler, UnitOfAssignedTask>();
        services.AddScoped<ICaseEventHandler, RumourHandOffRecipients>();
        services.AddScoped<ICaseEventHandler, OnDutyOfMajorCase>();
        services.AddScoped<ICaseEventHandler, NewOwnerOfCase>();
        services.AddScoped<ICaseEventHandler, OwnerOfEffectCheck>();
        services.AddScoped<ICaseEventHandler, OwnerAndChiefsOfRebound>();
        return services;
    }

    private static void RefreshAfterCommit(this CaseEventContext context, ILiveEventHub hub, IReadOnlyList<string> notified) =>
        context.AfterCommit(() => hub.PublishNotificationsAsync(notified));

    /// <summary>Everyone who could sign the plan gets a SignatureRequest.</summary>
    public sealed class SignersOfSubmittedPlan(ILiveEventHub hub) : CaseEventHandler<PlanSubmitted>
    {
        protected override async Task HandleAsync(PlanSubmitted raised, CaseEventContext context, CancellationToken cancellationToken) =>
            context.RefreshAfterCommit(hub, await Notifier.SignersAsync(context.Db, context.Case, context.Actor, context.Now, cancellationToken));
    }

    /// <summary>The chiefs who handle the case get an ApprovalRequest.</summary>
    public sealed class ApproversOfSubmittedResponse(ILiveEventHub hub) : CaseEventHandler<ResponseSubmitted>
    {
        protected override async Task HandleAsync(ResponseSubmitted raised, CaseEventContext context, CancellationToken cancellationToken)
        {
            var response = context.Case.Responses.Single(r => r.Sequence == raised.ResponseSequence);
            context.RefreshAfterCommit(hub, await Notifier.ApproversAsync(context.Db, context.Case, context.Actor, context.Now, response, cancellationToken));
        }
    }

    /// <summary>Everyone named with "@" who may see the case gets a Mention.</summary>
    public sealed class MentionedInComment(ILiveEventHub hub) : CaseEventHandler<CommentAdded>
    {
        protected override async Task HandleAsync(CommentAdded raised, CaseEventContext context, CancellationToken cancellationToken) =>
            context.RefreshAfterCommit(hub, await Notifier.MentionedAsync(context.Db, context.Case, context.Actor, context.Now, raised.Text, cancellationToken));
    }

    /// <summary>Every active member of the task's unit gets a TaskForUnit.</summary>
    public sealed class UnitOfAssignedTask(ILiveEventHub hub) : CaseEventHandler<TaskAssigned>
    {
        protected override async Task HandleAsync(TaskAssigned raised, CaseEventContext context, CancellationToken cancellationToken) =>
            context.RefreshAfterCommit(hub, await Notifier.UnitOfTaskAsync(context.Db, context.Case, context.Actor, context.Now, raised.UnitId,
                raised.Description, cancellationToken));
    }

    /// <summary>辟谣移交: the members of both receiving units get their task, the press officers a RebuttalRequest.</summary>
    public sealed class RumourHandOffRecipients(ILiveEventHub hub) : CaseEventHandler<RumourHandedOff>
    {
        protected override async Task HandleAsync(RumourHandedOff raised, CaseEventContext context, CancellationToken cancellationToken)
        {
            var (db, @case, actor, now) = (context.Db, context.Case, context.Actor, context.Now);
            var notified = new List<string>();
            foreach (var task in @case.TasksOfHandOff(raised.Sequence))
            {
                notified.AddRange(await Notifier.UnitOfTaskAsync(db, @case, actor, now, task.UnitId, task.Description, cancellationToken));
            }

            notified.AddRange(await Notifier.PressOfficersForRebuttalAsync(db, @case, actor, now, raised.Note, cancellationToken));
            context.RefreshAfterCommit(hub, notified.Distinct().ToList());
        }
    }

    /// <summary>A case assessed up to 重大/特别重大: the people on duty now (policy 二（四）).</summary>
    public sealed class OnDutyOfMajorCase(DutyRoster roster, ILiveEventHub hub) : CaseEventHandler<CaseAssessed>
    {
        protected override async Task HandleAsync(CaseAssessed raised, CaseEventContext context, CancellationToken cancellationToken)
        {
            if (!raised.BecameMajor)
            {
                return;
            }

            var onDuty = await roster.OnDutyAsync(context.Db, context.Now, cancellationToken);
            context.RefreshAfterCommit(hub, Notifier.OnDutyOfMajorCase(context.Db, context.Case, context.Actor, context.Now, onDuty));
        }
    }

    /// <summary>The case's new owner gets a CaseAssigned.</summary>
    public sealed class NewOwnerOfCase(ILiveEventHub hub) : CaseEventHandler<CaseReassigned>
    {
        protected override Task HandleAsync(CaseReassigned raised, CaseEventContext context, CancellationToken cancellationToken)
        {
            context.RefreshAfterCommit(hub, Notifier.NewOwner(context.Db, context.Case, context.Actor, context.Now));
            return Task.CompletedTask;
        }
    }

    /// <summary>回应效果评估 is due: the case owner; the excerpt is the hours since publication.</summary>
    public sealed class OwnerOfEffectCheck(ILiveEventHub hub) : CaseEventHandler<EffectCheckDue>
    {
        protected override Task HandleAsync(EffectCheckDue raised, CaseEventContext context, CancellationToken cancellationToken)
        {
            context.RefreshAfterCommit(hub, Notifier.OwnerForEffectCheck(context.Db, context.Case, context.Actor, context.Now, raised.HoursAfterPublication));
            return Task.CompletedTask;
        }
    }

    /// <summary>舆情反弹: the case owner and the section chiefs who handle the case; the excerpt is the first new item's title.</summary>
    public sealed class OwnerAndChiefsOfRebound(ILiveEventHub hub) : CaseEventHandler<ReboundDetected>
    {
        protected override async Task HandleAsync(ReboundDetected raised, CaseEventContext context, CancellationToken cancellationToken) =>
            context.RefreshAfterCommit(hub, await Notifier.OwnerAndChiefsOfReboundAsync(context.Db, context.Case, context.Actor, context.Now,
                raised.FirstItemTitle, cancellationToken));
    }
}
