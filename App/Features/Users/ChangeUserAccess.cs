using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Identity;

using OpinionResponse.Infrastructure.Audit;

namespace OpinionResponse.App.Features.Users;

/// <summary>
/// An Admin sets a user's roles and units. The user's sessions end at once (they sign in again with the new rights).
/// An Admin keeps their own Admin role, the last active Admin stays one, and Admin never goes with a signing role.
/// </summary>
[RequiresPermission(Permission.Administer)]
public static class ChangeUserAccess
{
    public sealed record Command : ICommand<AccountChange>
    {
        public string UserId { get; set; } = string.Empty;

        public List<Role> Roles { get; set; } = [];

        public List<int> UnitIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.UserId).NotEmpty().MaximumLength(450);
            this.RolesAndUnits(c => c.Roles, c => c.UnitIds, l);
        }
    }

    public sealed class Handler(UserAdministration accounts, AuditTrail audits, ICurrentUser currentUser) : ICommandHandler<Command, AccountChange>
    {
        public async ValueTask<AccountChange> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            return await accounts.AuditedBy(audits.Of(command)).ChangeAccessAsync(command.UserId, command.Roles, command.UnitIds, actor.UserId, cancellationToken);
        }
    }
}
