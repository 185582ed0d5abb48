using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpinionResponse.Infrastructure.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClocksAndDuty : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClockAlerts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: true),
                    Clock = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Threshold = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PolicyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    ResponsibleId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ResponsibleName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    NobodyOnDuty = table.Column<bool>(type: "INTEGER", nullable: false),
                    MetAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ReasonByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ReasonAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClockAlerts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClockAlerts_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClockAlerts_Items_ItemId",
                        column: x => x.ItemId,
                        principalTable: "Items",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClockAlerts_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClockPolicyVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ChangedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Triage = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    Assessment = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    UpwardReport = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    AuthoritativeInformation = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    PressConference = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    Response = table.Column<TimeSpan>(type: "TEXT", nullable: false),
                    WarningFraction = table.Column<double>(type: "REAL", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClockPolicyVersions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DutyShifts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeaderId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    LeaderName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    LeaderPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    OfficerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    OfficerName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    OfficerPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DutyShifts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Handovers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ShiftId = table.Column<int>(type: "INTEGER", nullable: true),
                    ClosedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ClosedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    OpenWork = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    UntriagedCount = table.Column<int>(type: "INTEGER", nullable: false),
                    AcknowledgedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AcknowledgedByName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Handovers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Handovers_DutyShifts_ShiftId",
                        column: x => x.ShiftId,
                        principalTable: "DutyShifts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClockAlerts_CaseId",
                table: "ClockAlerts",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_ClockAlerts_ItemId",
                table: "ClockAlerts",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_ClockAlerts_Subject_Clock_Threshold",
                table: "ClockAlerts",
                columns: new[] { "Subject", "Clock", "Threshold" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClockAlerts_Threshold_RecordedAt",
                table: "ClockAlerts",
                columns: new[] { "Threshold", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ClockAlerts_UnitId",
                table: "ClockAlerts",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ClockPolicyVersions_Version",
                table: "ClockPolicyVersions",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DutyShifts_StartsAt_EndsAt",
                table: "DutyShifts",
                columns: new[] { "StartsAt", "EndsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Handovers_ClosedAt",
                table: "Handovers",
                column: "ClosedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Handovers_ShiftId",
                table: "Handovers",
                column: "ShiftId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClockAlerts");

            migrationBuilder.DropTable(
                name: "ClockPolicyVersions");

            migrationBuilder.DropTable(
                name: "Handovers");

            migrationBuilder.DropTable(
                name: "DutyShifts");
        }
    }
}
