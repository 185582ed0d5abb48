using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpinionResponse.Infrastructure.Data.Migrations
{
    /// <summary>
    /// Hand-written (no model change): version 1 of the scoring policy, the keyword lists, weights and thresholds the desk
    /// scored with while they were code, so that no score changes when the policy becomes data. A test checks that this
    /// row reads back as <c>RiskScoringPolicy.Default</c>.
    /// </summary>
    [DbContext(typeof(OpinionDbContext))]
    [Migration("20261204170400_ScoringPolicyFirstVersion")]
    public partial class ScoringPolicyFirstVersion : Migration
    {
        /// <summary>The policy as JSON, also inserted by the PostgreSQL migration of the same name.</summary>
        public const string FirstVersion =
            "{\"Categories\":[{\"Name\":\"安全事故\",\"Words\":[{\"Word\":\"爆炸\",\"Weight\":10},{\"Word\":\"坍塌\",\"Weight\":10},{\"Word\":\"火灾\",\"Weight\":10},{\"Word\":\"死亡\",\"Weight\":10},{\"Word\":\"伤亡\",\"Weight\":10},{\"Word\":\"溺水\",\"Weight\":10},{\"Word\":\"中毒\",\"Weight\":10}]},{\"Name\":\"群体事件\",\"Words\":[{\"Word\":\"聚集\",\"Weight\":10},{\"Word\":\"上访\",\"Weight\":10},{\"Word\":\"围堵\",\"Weight\":10},{\"Word\":\"讨薪\",\"Weight\":10},{\"Word\":\"集体\",\"Weight\":10}]},{\"Name\":\"民生保障\",\"Words\":[{\"Word\":\"停水\",\"Weight\":10},{\"Word\":\"停电\",\"Weight\":10},{\"Word\":\"拆迁\",\"Weight\":10},{\"Word\":\"征地\",\"Weight\":10},{\"Word\":\"补偿\",\"Weight\":10},{\"Word\":\"欠薪\",\"Weight\":10},{\"Word\":\"学校\",\"Weight\":10},{\"Word\":\"医院\",\"Weight\":10}]},{\"Name\":\"公信力\",\"Words\":[{\"Word\":\"腐败\",\"Weight\":10},{\"Word\":\"贪污\",\"Weight\":10},{\"Word\":\"暴力执法\",\"Weight\":10},{\"Word\":\"打人\",\"Weight\":10},{\"Word\":\"谣言\",\"Weight\":10},{\"Word\":\"隐瞒\",\"Weight\":10}]},{\"Name\":\"生态环境\",\"Words\":[{\"Word\":\"污染\",\"Weight\":10},{\"Word\":\"排污\",\"Weight\":10},{\"Word\":\"恶臭\",\"Weight\":10},{\"Word\":\"垃圾\",\"Weight\":10},{\"Word\":\"黑水\",\"Weight\":10}]}],\"EngagementForTenPoints\":10000,\"ReactionCap\":30,\"GrowthForTenPoints\":5000,\"GrowthCap\":20,\"PointsPerMainstreamOutlet\":10,\"MediaCap\":30,\"PointsPerExtraChannel\":5,\"PointsPerExtraItem\":2,\"SpreadCap\":20,\"LargeFrom\":25,\"MajorFrom\":50,\"CriticalFrom\":80,\"Version\":0}";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "INSERT INTO ScoringPolicyVersions (Version, EffectiveFrom, ChangedById, ChangedByName, PolicyJson) " +
                $"VALUES (1, '2026-01-01 00:00:00', '', '', '{FirstVersion}');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM ScoringPolicyVersions WHERE Version = 1;");
        }
    }
}
