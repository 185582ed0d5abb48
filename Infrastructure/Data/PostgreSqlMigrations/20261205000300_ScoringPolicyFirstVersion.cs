using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpinionResponse.Infrastructure.Data.PostgreSqlMigrations
{
    /// <summary>
    /// Hand-written (no model change): version 1 of the scoring policy, the same row as on SQLite
    /// (<see cref="Migrations.ScoringPolicyFirstVersion"/>), so that a desk scores alike on either engine.
    /// </summary>
    [DbContext(typeof(PostgreSqlOpinionDbContext))]
    [Migration("20261205000300_ScoringPolicyFirstVersion")]
    public partial class ScoringPolicyFirstVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "INSERT INTO \"ScoringPolicyVersions\" (\"Version\", \"EffectiveFrom\", \"ChangedById\", \"ChangedByName\", \"PolicyJson\") " +
                $"VALUES (1, '2026-01-01 00:00:00', '', '', '{Migrations.ScoringPolicyFirstVersion.FirstVersion}');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"ScoringPolicyVersions\" WHERE \"Version\" = 1;");
        }
    }
}
