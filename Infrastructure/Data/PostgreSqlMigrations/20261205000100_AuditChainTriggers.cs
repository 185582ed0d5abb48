using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpinionResponse.Infrastructure.Data.PostgreSqlMigrations
{
    /// <summary>
    /// Hand-written (no model change): the audit log is append-only, as on SQLite (Migrations/…_AuditChainTriggers), with
    /// one exception — the sealer may set Seq and Hash once on a row that has neither, changing nothing else. A row cannot
    /// be inserted already sealed, and no row can be deleted (TRUNCATE neither).
    /// </summary>
    [DbContext(typeof(PostgreSqlOpinionDbContext))]
    [Migration("20261205000100_AuditChainTriggers")]
    public partial class AuditChainTriggers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        IF NEW."Seq" IS NOT NULL OR NEW."Hash" IS NOT NULL THEN
                            RAISE EXCEPTION 'audit rows are sealed by the sealer only';
                        END IF;
                        RETURN NEW;
                    END IF;
                    IF TG_OP = 'UPDATE' THEN
                        -- Sealing: Seq and a 64-character hash set on a row that had neither, every other column unchanged.
                        IF OLD."Seq" IS NULL AND OLD."Hash" IS NULL AND NEW."Seq" IS NOT NULL AND length(NEW."Hash") = 64
                           AND (to_jsonb(NEW) - 'Seq' - 'Hash') = (to_jsonb(OLD) - 'Seq' - 'Hash') THEN
                            RETURN NEW;
                        END IF;
                    END IF;
                    RAISE EXCEPTION 'audit log is append-only';
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditLog_AppendOnly" BEFORE INSERT OR UPDATE OR DELETE ON "AuditLog"
                FOR EACH ROW EXECUTE FUNCTION audit_log_guard();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditLog_NoTruncate" BEFORE TRUNCATE ON "AuditLog"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_log_guard();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditLog_NoTruncate\" ON \"AuditLog\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditLog_AppendOnly\" ON \"AuditLog\";");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS audit_log_guard();");
        }
    }
}
