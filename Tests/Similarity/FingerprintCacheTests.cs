using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpinionResponse.Domain.Items;
using OpinionResponse.Domain.Similarity;
using OpinionResponse.Infrastructure.Data;
using OpinionResponse.Infrastructure.Similarity;
using OpinionResponse.Tests.Support;
using Xunit;

namespace OpinionResponse.Tests.Similarity;

/// <summary>
/// The compact fingerprints kept for recent items: they decide every labelled pair exactly as the full ones do, the
/// cache keeps to its budget, and the service verifies cached candidates without reading them from the database.
/// </summary>
public class FingerprintCacheTests
{
    private static readonly Lazy<IReadOnlyList<NearDuplicatePair>> Pairs = new(() => NearDuplicateEvaluation.Read(LabelledSetTests.PairsPath));

    [Fact]
    public void A_compact_fingerprint_decides_every_labelled_pair_as_the_full_one_does()
    {
        var rules = NearDuplicateRules.Default;
        foreach (var pair in Pairs.Value)
        {
            var a = TextFingerprint.Of(pair.A);
            var b = TextFingerprint.Of(pair.B);
            var full = rules.Compare(a, b);
            Assert.Equal(full, rules.Compare(TextFingerprint.Of(pair.A), b.Compact()));
            Assert.Equal(full, rules.Compare(a.Compact(), b.Compact()));
        }
    }

    [Fact]
    public void A_compact_fingerprint_keeps_no_text_and_says_so()
    {
        var empty = TextFingerprint.Of("，。！ ").Compact();
        Assert.True(empty.IsEmpty);
        Assert.True(empty.IsCompact);
        Assert.Throws<InvalidOperationException>(() => empty.Normalised);

        var post = TextFingerprint.Of("滨江小区从昨天早上开始停水，到现在快三十个小时了，物业只说是管道爆了在抢修。");
        var compact = post.Compact();
        Assert.False(compact.IsEmpty);
        Assert.Equal(post.SimHash, compact.SimHash);
        Assert.Equal(post.Bigrams, compact.Bigrams);
        Assert.True(compact.ApproximateBytes < TextFingerprint.Of(post.Normalised).ApproximateBytes + 4L * post.Bigrams.Length);
    }

    [Fact]
    public void The_cache_keeps_to_its_budget_oldest_out_first_and_skips_texts_too_large_for_it()
    {
        var texts = Pairs.Value.Select(p => p.A).Distinct().Take(200).ToList();
        var sizes = texts.Select(t => TextFingerprint.Of(t).Compact().ApproximateBytes).ToList();
        var cache = new FingerprintCache(sizes.Take(50).Sum(), maxEntryBytes: sizes.Max());
        for (var i = 0; i < texts.Count; i++)
        {
            cache.Add(i + 1, TextFingerprint.Of(texts[i]));
            Assert.True(cache.Bytes <= cache.BudgetBytes);
        }

        Assert.InRange(cache.Count, 30, 60);
        Assert.True(cache.TryGet(texts.Count, out var newest));
        Assert.True(newest.IsCompact);
        Assert.False(cache.TryGet(1, out _));

        var article = TextFingerprint.Of(string.Concat(Enumerable.Range(0, 200).Select(i => $"第{i}段：{texts[i % texts.Count]}")));
        Assert.True(article.Compact().ApproximateBytes > sizes.Max());
        cache.Add(10_000, article);
        Assert.False(cache.TryGet(10_000, out _));
        Assert.True(cache.TryGet(texts.Count, out _));
    }

    [Fact]
    public async Task Verifying_reads_only_the_candidates_the_cache_does_not_hold()
    {
        await using var app = new TestApp();
        await app.InitializeAsync();
        var factory = app.Services.GetRequiredService<IDbContextFactory<OpinionDbContext>>();
        var service = new NearDuplicateService(factory, Options.Create(new NearDuplicateOptions()), TimeProvider.System,
            NullLogger<NearDuplicateService>.Instance);
        await service.LoadAsync(CancellationToken.None);

        int storedId;
        await using (var db = await app.CreateDbContextAsync())
        {
            var item = new OpinionItem(Channel.Weibo, "滨江小区停水", "滨江小区从昨天早上开始停水，到现在快三十个小时了。", "测试", DateTime.UtcNow);
            db.Items.Add(item);
            await db.SaveChangesAsync();
            storedId = item.Id;
        }

        // An id only the cache knows (as if just added by the stage): answered without the database.
        const int cachedOnly = 987_654;
        service.Add(cachedOnly, TextFingerprint.Of("镇中心小学门口的路灯坏了一个多月，晚上接孩子黑漆漆的。"));

        await using var check = await app.CreateDbContextAsync();
        Assert.False(service.Recent.TryGet(storedId, out _));
        var found = await service.FingerprintsAsync(check, [storedId, cachedOnly, 123_456], CancellationToken.None);
        Assert.Equal([cachedOnly, storedId], found.Keys.Order().Reverse());
        Assert.True(found[cachedOnly].IsCompact);
        Assert.False(found[storedId].IsCompact);
        Assert.True(service.Recent.TryGet(storedId, out _)); // read once, kept for the next item
    }
}
