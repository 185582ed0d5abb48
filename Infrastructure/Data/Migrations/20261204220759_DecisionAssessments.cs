using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpinionResponse.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class DecisionAssessments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DecisionAssessments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PlannedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Matters = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Findings = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RiskLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    ResponseLines = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Spokesperson = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    WithdrawReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Review = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReviewedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionAssessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DecisionAssessments_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DecisionCaseLinks",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionAssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionCaseLinks", x => new { x.DecisionAssessmentId, x.CaseId });
                    table.ForeignKey(
                        name: "FK_DecisionCaseLinks_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DecisionCaseLinks_DecisionAssessments_DecisionAssessmentId",
                        column: x => x.DecisionAssessmentId,
                        principalTable: "DecisionAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionMethodFindings",
                columns: table => new
                {
                    RowId = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    DecisionAssessmentId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionMethodFindings", x => x.RowId);
                    table.ForeignKey(
                        name: "FK_DecisionMethodFindings_DecisionAssessments_DecisionAssessmentId",
                        column: x => x.DecisionAssessmentId,
                        principalTable: "DecisionAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionRevisions",
                columns: table => new
                {
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionAssessmentId = table.Column<int>(type: "INTEGER", nullable: false),
                    EditedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    EditedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Content = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionRevisions", x => new { x.DecisionAssessmentId, x.Version });
                    table.ForeignKey(
                        name: "FK_DecisionRevisions_DecisionAssessments_DecisionAssessmentId",
                        column: x => x.DecisionAssessmentId,
                        principalTable: "DecisionAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DecisionTriggers",
                columns: table => new
                {
                    RowId = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Condition = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Occurred = table.Column<bool>(type: "INTEGER", nullable: true),
                    DecisionAssessmentId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionTriggers", x => x.RowId);
                    table.ForeignKey(
                        name: "FK_DecisionTriggers_DecisionAssessments_DecisionAssessmentId",
                        column: x => x.DecisionAssessmentId,
                        principalTable: "DecisionAssessments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionAssessments_UnitId_State",
                table: "DecisionAssessments",
                columns: new[] { "UnitId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionCaseLinks_CaseId",
                table: "DecisionCaseLinks",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionMethodFindings_DecisionAssessmentId",
                table: "DecisionMethodFindings",
                column: "DecisionAssessmentId");

            migrationBuilder.CreateIndex(
                name: "IX_DecisionTriggers_DecisionAssessmentId",
                table: "DecisionTriggers",
                column: "DecisionAssessmentId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DecisionCaseLinks");

            migrationBuilder.DropTable(
                name: "DecisionMethodFindings");

            migrationBuilder.DropTable(
                name: "DecisionRevisions");

            migrationBuilder.DropTable(
                name: "DecisionTriggers");

            migrationBuilder.DropTable(
                name: "DecisionAssessments");
        }
    }
}
