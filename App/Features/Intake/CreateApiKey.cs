using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;

namespace OpinionResponse.App.Features.Intake;

/// <summary>An Admin gives a system (a crawler, the 12345 hotline system, a vendor) a key to post items. The key is shown once.</summary>
[RequiresPermission(Permission.Administer)]
public static class CreateApiKey
{
    public sealed record Command : ICommand<Created>
    {
        public string Name { get; set; } = string.Empty;

        public bool AutoAttach { get; set; }
    }

    /// <param name="Key">The key itself: shown to the Admin now and never again (only its hash is stored).</param>
    public sealed record Created(int Id, string Name, string Key, string Prefix);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Name).NotEmpty().MaximumLength(100).NoControlCharacters(l).WithName(_ => l["Field.ClientName"]);
        }
    }

    public sealed class Handler(AuditTrail audits, IDbContextFactory<OpinionDbContext> dbFactory, ICurrentUser currentUser, TimeProvider clock, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Created>
    {
        public async ValueTask<Created> Handle(Command command, CancellationToken cancellationToken)
        {
            var actor = await currentUser.RequireActorAsync();
            await using var db = await dbFactory.CreateDbContextAsync(audits.Of(command), cancellationToken);
            if (await ApiClientRegistry.NameTakenAsync(db, command.Name, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.Name), l["Validation.ClientNameTaken"])]);
            }

            var (client, key) = ApiClientRegistry.Add(db, command.Name, actor.DisplayName, clock.GetUtcNow().UtcDateTime);
            client.AutoAttach = command.AutoAttach;
            await db.SaveChangesAsync(cancellationToken);
            return new Created(client.Id, client.Name, key, client.KeyPrefix);
        }
    }
}
