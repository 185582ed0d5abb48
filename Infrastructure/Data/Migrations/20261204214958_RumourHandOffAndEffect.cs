using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpinionResponse.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class RumourHandOffAndEffect : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Agency",
                table: "Units",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "EffectFirstCheck",
                table: "ClockPolicyVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "EffectSecondCheck",
                table: "ClockPolicyVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "ReboundWindow",
                table: "ClockPolicyVersions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HandOffSequence",
                table: "CaseTask",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EffectEvaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ResponseSequence = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NewItems = table.Column<int>(type: "INTEGER", nullable: false),
                    EngagementAtPublication = table.Column<long>(type: "INTEGER", nullable: false),
                    EngagementNow = table.Column<long>(type: "INTEGER", nullable: false),
                    NegativeWords = table.Column<int>(type: "INTEGER", nullable: false),
                    PositiveWords = table.Column<int>(type: "INTEGER", nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EffectEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EffectEvaluations_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Stage = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseSequence = table.Column<int>(type: "INTEGER", nullable: true),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpAlerts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_FollowUpAlerts_Items_FirstItemId",
                        column: x => x.FirstItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "RumourHandOffs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    PoliceUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    CyberspaceUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    ById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ResponseSequence = table.Column<int>(type: "INTEGER", nullable: true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RumourHandOffs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RumourHandOffs_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RumourHandOffs_Units_CyberspaceUnitId",
                        column: x => x.CyberspaceUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RumourHandOffs_Units_PoliceUnitId",
                        column: x => x.PoliceUnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EffectEvaluations_CaseId",
                table: "EffectEvaluations",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpAlerts_CaseId_Kind",
                table: "FollowUpAlerts",
                columns: new[] { "CaseId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpAlerts_FirstItemId",
                table: "FollowUpAlerts",
                column: "FirstItemId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpAlerts_Key",
                table: "FollowUpAlerts",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RumourHandOffs_CaseId",
                table: "RumourHandOffs",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_RumourHandOffs_CyberspaceUnitId",
                table: "RumourHandOffs",
                column: "CyberspaceUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_RumourHandOffs_PoliceUnitId",
                table: "RumourHandOffs",
                column: "PoliceUnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EffectEvaluations");

            migrationBuilder.DropTable(
                name: "FollowUpAlerts");

            migrationBuilder.DropTable(
                name: "RumourHandOffs");

            migrationBuilder.DropColumn(
                name: "Agency",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "EffectFirstCheck",
                table: "ClockPolicyVersions");

            migrationBuilder.DropColumn(
                name: "EffectSecondCheck",
                table: "ClockPolicyVersions");

            migrationBuilder.DropColumn(
                name: "ReboundWindow",
                table: "ClockPolicyVersions");

            migrationBuilder.DropColumn(
                name: "HandOffSequence",
                table: "CaseTask");
        }
    }
}
