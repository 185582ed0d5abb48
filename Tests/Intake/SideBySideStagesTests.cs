using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using OpinionResponse.Domain.Intake;
using OpinionResponse.Domain.Items;
using OpinionResponse.Infrastructure.Intake;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Intake;

/// <summary>
/// While the intake is quiet the ingested-item stages run side by side, so a burst's suggestions follow on every core.
/// </summary>
public class SideBySideStagesTests
{
    [Fact]
    public async Task With_no_request_in_flight_the_stages_work_on_one_batch_at_the_same_time()
    {
        var overlap = new Overlap();
        await using var app = new StagesApp(overlap);
        await app.InitializeAsync();

        var results = await app.Services.GetRequiredService<IItemIntake>().SubmitAsync(
            await app.Services.CheckedAsync(new ItemSubmission { Channel = Channel.Forum, Content = $"并行 {Guid.NewGuid():N}", CollectedBy = "测试" }),
            CancellationToken.None);
        var id = results[0].ItemId;
        await Eventually.HoldsAsync(() => overlap.First.Seen.Contains(id) && overlap.Second.Seen.Contains(id), TimeSpan.FromSeconds(15));

        Assert.Equal(2, overlap.MostAtOnce);
    }

    /// <summary>Two stages that each stay a moment in every batch, counting how many are in one at once.</summary>
    private sealed class Overlap
    {
        private int inside;
        private int most;

        public Overlap()
        {
            First = new Stage(this);
            Second = new Stage(this);
        }

        public Stage First { get; }

        public Stage Second { get; }

        public int MostAtOnce => Volatile.Read(ref most);

        public sealed class Stage(Overlap overlap) : IItemsIngestedHandler
        {
            private readonly System.Collections.Concurrent.ConcurrentQueue<int> seen = new();

            public IReadOnlyList<int> Seen => [.. seen];

            public async Task OnIngestedAsync(IReadOnlyList<OpinionItem> created, CancellationToken cancellationToken)
            {
                var now = Interlocked.Increment(ref overlap.inside);
                InterlockedMax(ref overlap.most, now);
                try
                {
                    await Task.Delay(300, cancellationToken);
                    foreach (var item in created)
                    {
                        seen.Enqueue(item.Id);
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref overlap.inside);
                }
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int current;
            while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
            {
            }
        }
    }

    private sealed class StagesApp(Overlap overlap) : TestApp
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<IItemsIngestedHandler>(overlap.First);
                services.AddSingleton<IItemsIngestedHandler>(overlap.Second);
            });
        }
    }
}
