using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpinionResponse.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class Reports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FollowUp_Note",
                table: "Cases",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "FollowUp_Reached",
                table: "Cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FollowUp_RecordedAt",
                table: "Cases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FollowUp_RecordedBy",
                table: "Cases",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FollowUp_Satisfaction",
                table: "Cases",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DailyLogs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Figures = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    CompiledById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CompiledByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CompiledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    SignedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SignedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyLogs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SpecialReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    BasicFacts = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Assessment = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Disposal = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    NextSteps = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    DraftedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    DraftedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    DraftedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Serial = table.Column<int>(type: "INTEGER", nullable: true),
                    SignedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SignedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpecialReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SpecialReports_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SpecialReports_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DailyLogs_Day",
                table: "DailyLogs",
                column: "Day",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SpecialReports_CaseId",
                table: "SpecialReports",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_SpecialReports_UnitId",
                table: "SpecialReports",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_SpecialReports_Year_Serial",
                table: "SpecialReports",
                columns: new[] { "Year", "Serial" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyLogs");

            migrationBuilder.DropTable(
                name: "SpecialReports");

            migrationBuilder.DropColumn(
                name: "FollowUp_Note",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FollowUp_Reached",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FollowUp_RecordedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FollowUp_RecordedBy",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "FollowUp_Satisfaction",
                table: "Cases");
        }
    }
}
