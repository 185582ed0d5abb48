using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Security;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Audit;
using OpinionResponse.Infrastructure.Data;

namespace OpinionResponse.App.Common.Mediation;

/// <summary>Outermost: how long each request took; slow ones are logged as warnings.</summary>
public sealed class TimingBehaviour<TMessage, TResponse>(ILogger<TimingBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await next(message, cancellationToken);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (elapsed > TimeSpan.FromMilliseconds(500))
            {
                logger.LogWarning("{Request} took {Elapsed} ms", RequestName.Of(typeof(TMessage)), (int)elapsed.TotalMilliseconds);
            }
            else if (logger.IsEnabled(LogLevel.Debug))
            {
                // Checked first: every request passes here, and the name is built only when someone reads the line.
                logger.LogDebug("{Request} took {Elapsed} ms", RequestName.Of(typeof(TMessage)), elapsed.TotalMilliseconds);
            }
        }
    }
}

/// <summary>
/// One append-only audit entry per command (SECURITY.md U1/U2). It is opened in the <see cref="AuditTrail"/> under the
/// command; the handler hands it to the context it saves with, so it commits with the change. A handler that saves
/// nothing (or does not take it) leaves it to be written here after success; a refused or failed command is recorded on its own.
/// </summary>
public sealed class AuditBehaviour<TMessage, TResponse>(
    ICurrentUser currentUser,
    IDbContextFactory<OpinionDbContext> dbFactory,
    AuditTrail trail,
    TimeProvider clock,
    ILogger<AuditBehaviour<TMessage, TResponse>> logger)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        WriteIndented = false,
    };

    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is not IBaseCommand)
        {
            return await next(message, cancellationToken);
        }

        var actor = await currentUser.FindActorAsync();
        var entry = new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            UserId = actor?.UserId,
            UserName = actor?.DisplayName,
            Units = actor is null ? null : string.Join(',', actor.UnitIds.Order()),
            Action = RequestName.Of(typeof(TMessage)),
            ObjectType = message is ICaseRequest ? "Case" : null,
            ObjectId = (message as ICaseRequest)?.CaseId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Outcome = AuditOutcome.Succeeded,
            Detail = Truncate(JsonSerializer.Serialize(message, message.GetType(), Json)),
            Ip = currentUser.IpAddress,
        };

        var pending = trail.Open(message, entry);
        try
        {
            var response = await next(message, cancellationToken);
            if (!pending.Written)
            {
                await WriteAsync(entry, cancellationToken);
            }

            return response;
        }
        catch (Exception ex)
        {
            entry.Outcome = ex switch
            {
                ValidationException => AuditOutcome.Invalid,
                DomainException or ForbiddenException or NotFoundException or ConcurrencyConflictException => AuditOutcome.Refused,
                _ => AuditOutcome.Failed,
            };
            entry.Detail = Truncate($"{ex.GetType().Name}: {(ex as DomainException)?.Code ?? ex.Message} | {entry.Detail}");
            entry.Id = 0;
            entry.Changes = null;
            trail.Close(message);
            try
            {
                await WriteAsync(entry, CancellationToken.None);
            }
            catch (Exception auditError)
            {
                logger.LogError(auditError, "Could not write the audit entry of a failed {Request}", entry.Action);
            }

            throw;
        }
        finally
        {
            trail.Close(message);
        }
    }

    private async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Truncate(string text) => text.Length <= 4000 ? text : text[..4000];
}

/// <summary>Role × unit, on the server, for every request (SECURITY.md Z1/Z2).</summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser currentUser, IDbContextFactory<OpinionDbContext> dbFactory)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var permission = PermissionOf<TMessage>.Attribute
                         ?? throw new InvalidOperationException($"{typeof(TMessage).FullName} declares no permission.");
        var actor = await currentUser.FindActorAsync() ?? throw new ForbiddenException("Not signed in.");
        if (!actor.HasAny(permission.Roles))
        {
            throw new ForbiddenException($"{actor.DisplayName} lacks {permission.Name}.");
        }

        if (message is ICaseRequest { CaseId: var caseId })
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Cases.VisibleTo(actor).AnyAsync(c => c.Id == caseId, cancellationToken))
            {
                throw new NotFoundException($"Case {caseId} is not visible to {actor.UserId}.");
            }
        }

        if (message is IItemRequest { ItemId: var itemId } && !actor.SpansAllUnits)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Items.VisibleTo(db.Cases, actor).AnyAsync(i => i.Id == itemId, cancellationToken))
            {
                throw new NotFoundException($"Item {itemId} is not visible to {actor.UserId}.");
            }
        }

        return await next(message, cancellationToken);
    }
}

/// <summary>Every request is validated on the server with the same validators the forms use (SECURITY.md I1).</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new ValidationException(failures);
        }

        return await next(message, cancellationToken);
    }
}

public static class RequestName
{
    /// <summary>"SignPlan.Command" for <c>SignPlan.Command</c> (the use case and its request), the type's own name otherwise.</summary>
    public static string Of(Type type) => type.DeclaringType is { } useCase ? $"{useCase.Name}.{type.Name}" : type.Name;
}
