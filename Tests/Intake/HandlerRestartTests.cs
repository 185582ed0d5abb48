using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Tests.Intake.Api;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Intake;

/// <summary>
/// The ingested-item stages' position survives a restart: the items they had not reached when the app stopped are handed
/// over when it starts again, and the ones they had are not handed over twice.
/// </summary>
public class HandlerRestartTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Items_the_stages_had_not_reached_at_the_stop_are_handed_over_after_the_restart_and_only_those()
    {
        var first = new GatedApp();
        await first.InitializeAsync();
        var intake = first.Services.GetRequiredService<IItemIntake>();
        var before = await SubmitAsync(first, "before");
        await Eventually.HoldsAsync(() => first.Gate.Seen.Contains(before), Within);
        await Eventually.HoldsAsync(async () => await SavedPositionAsync(first) >= before, Within);

        first.Gate.Close();
        var stuck = await SubmitAsync(first, "stuck");
        await first.Gate.Entered.WaitAsync(TimeSpan.FromSeconds(10));
        var later = await SubmitAsync(first, "later");
        first.KeepFiles = true;
        await first.DisposeAsync(); // the writer drains; the stuck stage is given up on after Intake:DrainSeconds
        first.Gate.Open();

        var second = new GatedApp(first);
        try
        {
            await second.InitializeAsync();
            await Eventually.HoldsAsync(() => second.Gate.Seen.Contains(later), Within);

            Assert.Equal([stuck, later], second.Gate.Seen);
            await Eventually.HoldsAsync(async () => await SavedPositionAsync(second) >= later, Within);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    private static async Task<int> SubmitAsync(TestApp app, string text)
    {
        var results = await app.Services.GetRequiredService<IItemIntake>().SubmitAsync(
            await app.Services.CheckedAsync(new ItemSubmission { Channel = Channel.Forum, Content = $"{text} {Guid.NewGuid():N}", CollectedBy = "测试" }),
            CancellationToken.None);
        return results[0].ItemId;
    }

    private static async Task<int> SavedPositionAsync(TestApp app)
    {
        await using var db = await app.CreateDbContextAsync();
        return await db.IntakeProgress.Where(p => p.Name == IntakeProgress.Stages).Select(p => p.ItemId).FirstOrDefaultAsync();
    }

    private sealed class GatedApp : TestApp
    {
        public GatedApp()
        {
        }

        public GatedApp(TestApp before)
            : base(before)
        {
        }

        public HandlerGate Gate { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Intake:DrainSeconds", "1");
            builder.ConfigureTestServices(services => services.AddSingleton<IItemsIngestedHandler>(Gate));
        }
    }
}
