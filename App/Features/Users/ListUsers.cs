using Mediator;
using Microsoft.EntityFrameworkCore;
using OpinionResponse.App.Common.Mediation;
using OpinionResponse.Domain.Common;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Identity;
using Microsoft.Extensions.Options;

namespace OpinionResponse.App.Features.Users;

/// <summary>Every account with its roles, units and state, for the administrator (用户管理).</summary>
[RequiresPermission(Permission.Administer)]
public static class ListUsers
{
    public sealed record Query : IQuery<IReadOnlyList<Row>>;

    public sealed record Row(
        string Id, string UserName, string DisplayName, string? Phone, IReadOnlyList<Role> Roles, IReadOnlyList<UnitRef> Units,
        bool IsDisabled, DateTime? LockedUntil, DateTime? PasswordChangedAt, bool MustChangePassword, bool PasswordExpired);

    public sealed record UnitRef(int Id, string Name);

    public sealed class Handler(IDbContextFactory<OpinionDbContext> dbFactory, TimeProvider clock, IOptions<PasswordAgeOptions> passwordAge)
        : IQueryHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var users = await db.Users.AsNoTracking().Include(u => u.Units).OrderBy(u => u.UserName).ToListAsync(cancellationToken);
            var roles = await db.UserRoles.AsNoTracking()
                .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .ToListAsync(cancellationToken);
            var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
            var now = clock.GetUtcNow();
            return users.Select(u => new Row(
                    u.Id, u.UserName ?? string.Empty, u.DisplayName, u.PhoneNumber,
                    roles.Where(r => r.UserId == u.Id && Enum.TryParse<Role>(r.Name, out _)).Select(r => Enum.Parse<Role>(r.Name!)).Order().ToList(),
                    u.Units.Select(uu => new UnitRef(uu.UnitId, units.GetValueOrDefault(uu.UnitId, "?"))).ToList(),
                    u.IsDisabled,
                    u.LockoutEnd is { } end && end > now ? end.UtcDateTime : null,
                    u.PasswordChangedAt,
                    u.MustChangePassword,
                    passwordAge.Value.MustChange(u, now.UtcDateTime) && !u.MustChangePassword))
                .ToList();
        }
    }
}
