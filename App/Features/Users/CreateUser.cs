using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Identity;

using OpinionResponse.Infrastructure.Audit;

namespace OpinionResponse.App.Features.Users;

/// <summary>An Admin opens an account. Its one-time password is shown once; the user must replace it at first sign-in.</summary>
[RequiresPermission(Permission.Administer)]
public static class CreateUser
{
    public sealed record Command : ICommand<AccountChange>
    {
        public string UserName { get; set; } = string.Empty;

        public string DisplayName { get; set; } = string.Empty;

        public string? Phone { get; set; }

        public List<Role> Roles { get; set; } = [];

        public List<int> UnitIds { get; set; } = [];
    }

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.UserName).NotEmpty().MaximumLength(50).Matches("^[A-Za-z0-9._@+-]+$")
                .WithMessage(_ => l["Validation.UserNameCharacters"]).WithName(_ => l["Field.UserName"]);
            RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(50).NoControlCharacters(l).WithName(_ => l["Field.DisplayName"]);
            RuleFor(c => c.Phone).MaximumLength(20).Matches(@"^[0-9+\- ]*$").WithMessage(_ => l["Validation.Phone"]).WithName(_ => l["Field.Phone"]);
            this.RolesAndUnits(c => c.Roles, c => c.UnitIds, l);
        }
    }

    public sealed class Handler(UserAdministration accounts, AuditTrail audits, TimeProvider clock) : ICommandHandler<Command, AccountChange>
    {
        public async ValueTask<AccountChange> Handle(Command command, CancellationToken cancellationToken) =>
            await accounts.AuditedBy(audits.Of(command)).CreateAsync(command.UserName, command.DisplayName, command.Phone, command.Roles, command.UnitIds,
                clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
