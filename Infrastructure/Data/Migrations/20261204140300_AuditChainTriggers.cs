using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpinionResponse.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Hand-written (no model change): the audit log stays append-only, with one exception — the sealer may set Seq and
    /// Hash once on a row that has neither, changing nothing else. A row cannot be inserted already sealed, so the chain
    /// grows only through the sealer.
    /// </summary>
    [DbContext(typeof(OpinionDbContext))]
    [Migration("20261204140300_AuditChainTriggers")]
    public partial class AuditChainTriggers : Migration
    {
        private const string Unchanged =
            "NEW.Id IS OLD.Id AND NEW.At IS OLD.At AND NEW.UserId IS OLD.UserId AND NEW.UserName IS OLD.UserName " +
            "AND NEW.Units IS OLD.Units AND NEW.Action IS OLD.Action AND NEW.ObjectType IS OLD.ObjectType " +
            "AND NEW.ObjectId IS OLD.ObjectId AND NEW.Outcome IS OLD.Outcome AND NEW.Detail IS OLD.Detail " +
            "AND NEW.Ip IS OLD.Ip AND NEW.Changes IS OLD.Changes";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditLog_NoUpdate;");
            migrationBuilder.Sql(
                "CREATE TRIGGER AuditLog_NoUpdate BEFORE UPDATE ON AuditLog " +
                $"WHEN NOT (OLD.Seq IS NULL AND OLD.Hash IS NULL AND NEW.Seq IS NOT NULL AND length(NEW.Hash) = 64 AND {Unchanged}) " +
                "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;");
            migrationBuilder.Sql(
                "CREATE TRIGGER AuditLog_InsertUnsealed BEFORE INSERT ON AuditLog " +
                "WHEN NEW.Seq IS NOT NULL OR NEW.Hash IS NOT NULL " +
                "BEGIN SELECT RAISE(ABORT, 'audit rows are sealed by the sealer only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditLog_InsertUnsealed;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS AuditLog_NoUpdate;");
            migrationBuilder.Sql("CREATE TRIGGER AuditLog_NoUpdate BEFORE UPDATE ON AuditLog BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;");
        }
    }
}
