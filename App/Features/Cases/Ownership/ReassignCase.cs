using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Cases;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Features.Cases.Ownership;

/// <summary>
/// A section chief assigns the case's owner (负责人) and its lead and co-handling units (主办、协办): audited with the
/// values before and after, on the timeline, and the new owner is notified. The workflow table refuses every other role.
/// </summary>
[CaseAction(CaseTrigger.Reassign)]
public static class ReassignCase
{
    /// <summary>
    /// Who may own a case: the roles that move a case on (open, assess, decide). The owner is also the one clocks warn, so a
    /// role that only signs, publishes or watches is not offered.
    /// </summary>
    public static readonly IReadOnlySet<Role> OwnerRoles = new HashSet<Role> { Role.DutyOfficer, Role.Analyst, Role.SectionChief };

    public sealed record Command : ICommand, ICaseRequest
    {
        public int CaseId { get; set; }

        public int ExpectedVersion { get; set; }

        public string OwnerId { get; set; } = string.Empty;

        public int? ResponsibleUnitId { get; set; }

        public IReadOnlyList<int> CoUnitIds { get; set; } = [];
    }

    public sealed record Candidate(string Id, string DisplayName, IReadOnlyList<int> UnitIds);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l, IDbContextFactory<OpinionDbContext> dbFactory)
        {
            RuleFor(c => c.OwnerId).NotEmpty().WithMessage(_ => l["Validation.Required"]).MaximumLength(450)
                .MustAsync(async (id, ct) => await MayOwnAsync(dbFactory, id, ct)).WithMessage(_ => l["Error.case.owner_invalid"])
                .WithName(_ => l["Field.Owner"]);
            RuleFor(c => c.ResponsibleUnitId).NotNull().WithMessage(_ => l["Validation.Required"]).ExistingUnit(dbFactory, l)
                .WithName(_ => l["Field.ResponsibleUnit"]);
            RuleFor(c => c.CoUnitIds).ExistingUnits(dbFactory, l).WithName(_ => l["Field.CoUnits"]);
        }

        private static async Task<bool> MayOwnAsync(IDbContextFactory<OpinionDbContext> dbFactory, string id, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return (await CandidatesAsync(db, cancellationToken)).Any(c => c.Id == id);
        }
    }

    /// <summary>Active users holding one of <see cref="OwnerRoles"/>: the owners a chief may choose from.</summary>
    public static async Task<IReadOnlyList<Candidate>> CandidatesAsync(OpinionDbContext db, CancellationToken cancellationToken)
    {
        var roleNames = OwnerRoles.Select(r => r.ToString()).ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => !u.IsDisabled
                        && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && roleNames.Contains(r.Name!))))
            .OrderBy(u => u.UserName)
            .Select(u => new { u.Id, u.DisplayName, Units = db.UserUnits.Where(uu => uu.UserId == u.Id).Select(uu => uu.UnitId).ToList() })
            .ToListAsync(cancellationToken);
        return users.Select(u => new Candidate(u.Id, u.DisplayName, u.Units)).ToList();
    }

    /// <summary>A new owner hears of it (<see cref="CaseReassigned"/>), in the same commit.</summary>
    public sealed class Handler(CaseWork work) : ICommandHandler<Command>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await work.ChangeAsync(command, async (c, actor, now, db) =>
            {
                var owner = (await CandidatesAsync(db, cancellationToken)).FirstOrDefault(u => u.Id == command.OwnerId)
                            ?? throw new DomainException(DomainErrors.OwnerInvalid, "The owner is not an active user who may own cases.");
                c.Reassign(actor, now, owner.Id, owner.DisplayName, command.ResponsibleUnitId!.Value, command.CoUnitIds);
                return true;
            }, cancellationToken, command.ExpectedVersion);
            return Unit.Value;
        }
    }
}

/// <summary>The owners a section chief may pick on the reassign dialog (names and units, as the colleague list shows anyway).</summary>
[RequiresPermission(Permission.ViewCases)]
public static class ListOwnerCandidates
{
    public sealed record Query : IQuery<IReadOnlyList<ReassignCase.Candidate>>;

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory) : IQueryHandler<Query, IReadOnlyList<ReassignCase.Candidate>>
    {
        public async ValueTask<IReadOnlyList<ReassignCase.Candidate>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await ReassignCase.CandidatesAsync(db, cancellationToken);
        }
    }
}
