using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Clocks;
using OpinionResponse.App.Common.Duty;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Clocks;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Clocks;

/// <summary>
/// Saves a new version of the clock policy (the duration of each clock in minutes, and the warning threshold). It
/// applies to cases opened and items collected from now on; every clock already running keeps its version.
/// </summary>
[RequiresPermission(Permission.ManageDuty)]
public static class SaveClockPolicy
{
    public sealed record Command : ICommand<int>
    {
        public int? TriageMinutes { get; set; }

        public int? AssessmentMinutes { get; set; }

        public int? UpwardReportMinutes { get; set; }

        public int? AuthoritativeInformationMinutes { get; set; }

        public int? PressConferenceMinutes { get; set; }

        public int? ResponseMinutes { get; set; }

        /// <summary>At what share of its time a clock warns, in percent (75).</summary>
        public int? WarningPercent { get; set; }

        /// <summary>回应效果评估: hours after a publication for the first check (24) and the second (72).</summary>
        public int? EffectFirstCheckHours { get; set; }

        public int? EffectSecondCheckHours { get; set; }

        /// <summary>舆情反弹: days after its close during which a new item grouped to a case raises an alert (30).</summary>
        public int? ReboundWindowDays { get; set; }

        public static Command From(SlaPolicy policy) => new()
        {
            TriageMinutes = (int)policy.Triage.TotalMinutes,
            AssessmentMinutes = (int)policy.Assessment.TotalMinutes,
            UpwardReportMinutes = (int)policy.UpwardReport.TotalMinutes,
            AuthoritativeInformationMinutes = (int)policy.AuthoritativeInformation.TotalMinutes,
            PressConferenceMinutes = (int)policy.PressConference.TotalMinutes,
            ResponseMinutes = (int)policy.Response.TotalMinutes,
            WarningPercent = (int)Math.Round(policy.WarningFraction * 100),
            EffectFirstCheckHours = (int)policy.EffectFirstCheck.TotalHours,
            EffectSecondCheckHours = (int)policy.EffectSecondCheck.TotalHours,
            ReboundWindowDays = (int)policy.ReboundWindow.TotalDays,
        };

        public int? MinutesOf(ClockKind kind) => kind switch
        {
            ClockKind.Triage => TriageMinutes,
            ClockKind.Assessment => AssessmentMinutes,
            ClockKind.UpwardReport => UpwardReportMinutes,
            ClockKind.AuthoritativeInformation => AuthoritativeInformationMinutes,
            ClockKind.PressConference => PressConferenceMinutes,
            ClockKind.Response => ResponseMinutes,
            _ => null,
        };

        public SlaPolicy ToPolicy() => SlaPolicy.Kinds.Aggregate(
            new SlaPolicy
            {
                WarningFraction = (WarningPercent ?? 0) / 100.0,
                EffectFirstCheck = TimeSpan.FromHours(EffectFirstCheckHours ?? 0),
                EffectSecondCheck = TimeSpan.FromHours(EffectSecondCheckHours ?? 0),
                ReboundWindow = TimeSpan.FromDays(ReboundWindowDays ?? 0),
            },
            (policy, kind) => policy.With(kind, TimeSpan.FromMinutes(MinutesOf(kind) ?? 0)));
    }

    /// <summary>
    /// Every duration present and at least one minute (at most 30 days); the warning between 1 and 99 %; the effect checks
    /// 1–720 hours after a publication, the second after the first; the rebound window 1–365 days.
    /// </summary>
    public sealed class Validator : AbstractValidator<Command>
    {
        public const int LongestMinutes = 30 * 24 * 60;

        public const int LongestEffectCheckHours = 30 * 24;

        public const int LongestReboundDays = 365;

        public Validator(IStringLocalizer<SharedResource> l)
        {
            foreach (var kind in SlaPolicy.Kinds)
            {
                RuleFor(c => c.MinutesOf(kind)).NotNull().WithMessage(_ => l["Validation.Required"])
                    .InclusiveBetween(1, LongestMinutes).WithMessage(_ => l["Validation.ClockMinutes"])
                    .OverridePropertyName($"{kind}Minutes").WithName(_ => l[$"Clock.{kind}"]);
            }

            RuleFor(c => c.WarningPercent).NotNull().WithMessage(_ => l["Validation.Required"])
                .InclusiveBetween(1, 99).WithMessage(_ => l["Validation.WarningPercent"]).WithName(_ => l["Field.WarningPercent"]);
            RuleFor(c => c.EffectFirstCheckHours).NotNull().WithMessage(_ => l["Validation.Required"])
                .InclusiveBetween(1, LongestEffectCheckHours).WithMessage(_ => l["Validation.EffectCheckHours"])
                .WithName(_ => l["Field.EffectFirstCheckHours"]);
            RuleFor(c => c.EffectSecondCheckHours).NotNull().WithMessage(_ => l["Validation.Required"])
                .InclusiveBetween(1, LongestEffectCheckHours).WithMessage(_ => l["Validation.EffectCheckHours"])
                .WithName(_ => l["Field.EffectSecondCheckHours"]);
            RuleFor(c => c.EffectSecondCheckHours).GreaterThan(c => c.EffectFirstCheckHours)
                .When(c => c.EffectFirstCheckHours is not null && c.EffectSecondCheckHours is not null)
                .WithMessage(_ => l["Validation.EffectSecondAfterFirst"]).WithName(_ => l["Field.EffectSecondCheckHours"]);
            RuleFor(c => c.ReboundWindowDays).NotNull().WithMessage(_ => l["Validation.Required"])
                .InclusiveBetween(1, LongestReboundDays).WithMessage(_ => l["Validation.ReboundWindowDays"])
                .WithName(_ => l["Field.ReboundWindowDays"]);
        }
    }

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, ClockPolicies policies, TimeProvider time)
        : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = (await currentUser.FindActorAsync())!;
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await DutyManagers.EnsureAsync(db, actor, cancellationToken);
            var last = await db.ClockPolicyVersions.MaxAsync(v => (int?)v.Version, cancellationToken) ?? 0;
            var version = ClockPolicyVersion.Create(last + 1, command.ToPolicy(), actor, time.GetUtcNow().UtcDateTime);
            db.ClockPolicyVersions.Add(version);
            await db.SaveChangesAsync(cancellationToken);
            await policies.ReloadAsync(cancellationToken);
            return version.Version;
        }
    }
}

/// <summary>The clock policy in force and every version before it, newest first.</summary>
[RequiresPermission(Permission.UseDesk)]
public static class GetClockPolicy
{
    public sealed record Query : IQuery<Result>;

    public sealed record VersionRow(int Version, DateTime? EffectiveFrom, string? ChangedByName, SlaPolicy Policy);

    public sealed record Result(SlaPolicy Current, IReadOnlyList<VersionRow> Versions);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, ClockPolicies policies) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var history = await policies.ReloadAsync(cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var saved = await db.ClockPolicyVersions.AsNoTracking().OrderByDescending(v => v.Version).ToListAsync(cancellationToken);
            var rows = saved.Select(v => new VersionRow(v.Version, v.EffectiveFrom, v.ChangedByName, v.ToPolicy()))
                .Append(new VersionRow(0, null, null, history.Versions[0])).ToList();
            return new Result(history.Current, rows);
        }
    }
}
