using OpinionResponse.Domain.Grouping;
using OpinionResponse.Infrastructure.Grouping;
using Xunit;

namespace OpinionResponse.Tests.Grouping;

/// <summary>The same-matter index recounts its word weights as it grows, so common words stop being index keys.</summary>
public class SameMatterIndexTests
{
    private static readonly string[] Places = ["滨江小区", "东湖村", "幸福路", "老街", "北岸中学"];
    private static readonly string[] Problems = ["停水", "噪音扰民", "路灯不亮", "垃圾没人清运", "违章建筑"];
    private static readonly Lazy<MatterModel> Untrained = new(() => GroupingFixtures.Model());

    [Fact]
    public void Weights_counted_on_an_empty_window_are_recounted_once_the_index_has_grown()
    {
        var options = new GroupingOptions();
        var index = new SameMatterIndex(options);
        index.Reset(Untrained.Value, []);
        Assert.Equal(0, index.Model!.Weights.Documents);

        var added = Enumerable.Range(1, 300).Select(Item).ToList();
        foreach (var features in added)
        {
            index.Add(features);
        }

        // Counted on nothing, every word is as rare as can be: 物业 (in every text) is an index key of every item.
        Assert.Contains("w:物业", index.Keys(added[^1], index.Model.Weights));

        Assert.True(index.ReweighIfGrown());
        Assert.Equal(300, index.Model.Weights.Documents);
        Assert.DoesNotContain("w:物业", index.Keys(added[^1], index.Model.Weights));
        Assert.False(index.ReweighIfGrown()); // not grown since
        Assert.Equal(300, index.Count);

        // Still finds the earlier report of the same matter (same place, same problem) through the new postings.
        var again = Item(301, placeOf: 7, problemOf: 7);
        var found = index.Find(again, SameMatterStage.SuggestionsPerItem);
        Assert.NotEmpty(found);
        Assert.All(found, c => Assert.Contains(Places[7 % Places.Length], c.Other.Places));
    }

    [Fact]
    public void A_small_index_is_not_recounted_on_every_item()
    {
        var index = new SameMatterIndex(new GroupingOptions());
        index.Reset(Untrained.Value, []);
        foreach (var features in Enumerable.Range(1, 50).Select(Item))
        {
            index.Add(features);
        }

        Assert.False(index.ReweighIfGrown(minimumGrowth: 100));
        Assert.Equal(0, index.Model!.Weights.Documents);
    }

    [Fact]
    public void Only_the_candidates_sharing_the_most_are_scored_and_an_older_report_of_the_same_matter_is_among_them()
    {
        var (index, Text) = IndexOfFive();

        // The first report, then a hundred newer ones of the same problem elsewhere: they share its busiest key (停水).
        index.Add(Text(1, "滨江小区从昨晚停水，供水主管爆裂，物业说在抢修。"));
        for (var id = 2; id <= 101; id++)
        {
            index.Add(Text(id, $"{Places[1 + id % (Places.Length - 1)]}停水了，第{id}户反映没水做饭。"));
        }

        var scoredBefore = index.CandidatesScored;
        var found = index.Find(Text(102, "来电人反映：滨江小区供水主管爆裂，整个小区没水。"), SameMatterStage.SuggestionsPerItem);

        Assert.Equal(5, index.CandidatesScored - scoredBefore);
        Assert.Contains(found, c => c.Other.ItemId == 1);
    }

    [Fact]
    public void A_report_saying_only_the_kind_of_place_meets_the_report_naming_it_among_many_of_the_same_problem()
    {
        var (index, Text) = IndexOfFive();

        // The square's report, then a hundred newer ones of stalls elsewhere: they share its problem, the post only that.
        index.Add(Text(1, "市民来电称：北岸文化广场夜间流动摊点占道经营，请求整治。"));
        for (var id = 2; id <= 101; id++)
        {
            index.Add(Text(id, $"{Places[id % Places.Length]}流动摊点占道经营，第{id}户反映。"));
        }

        var found = index.Find(Text(102, "广场那边晚上摆摊的把路都占了"), SameMatterStage.SuggestionsPerItem);

        Assert.Contains(found, c => c.Other.ItemId == 1);
    }

    [Fact]
    public void A_batch_extracted_on_every_core_has_the_features_of_one_at_a_time()
    {
        var model = GroupingFixtures.Model();
        var documents = File.ReadLines(GroupingFixtures.DataFile("pairs-matter.tsv")).Skip(1).Select(l => l.Split('\t'))
            .SelectMany(f => new[] { f[3], f[4] }).Select((t, i) => new MatterDocument(i, string.Empty, t, null)).ToList();

        var batch = model.ExtractAll(documents);

        Assert.Equal(documents.Count, batch.Length);
        for (var i = 0; i < documents.Count; i++)
        {
            var one = model.Extract(documents[i]);
            Assert.Equal(one.ItemId, batch[i].ItemId);
            Assert.Equal(one.Words.OrderBy(w => w.Key, StringComparer.Ordinal), batch[i].Words.OrderBy(w => w.Key, StringComparer.Ordinal));
            Assert.Equal(one.Places, batch[i].Places);
            Assert.Equal(one.Categories, batch[i].Categories);
            Assert.Equal(one.Mentions, batch[i].Mentions);
        }
    }

    /// <summary>An empty index that scores at most five candidates, and the features of a text written now.</summary>
    private static (SameMatterIndex Index, Func<int, string, MatterFeatures> Text) IndexOfFive()
    {
        var index = new SameMatterIndex(new GroupingOptions { MaxCandidates = 5 });
        var model = GroupingFixtures.Model();
        index.Reset(model, []);
        var at = DateTime.UtcNow;
        return (index, (id, text) => model.Extract(new MatterDocument(id, string.Empty, text, at)));
    }

    private static MatterFeatures Item(int id) => Item(id, id, id / Places.Length);

    private static MatterFeatures Item(int id, int placeOf, int problemOf) =>
        Untrained.Value.Extract(new MatterDocument(id, string.Empty,
            $"{Places[placeOf % Places.Length]}{Problems[problemOf % Problems.Length]}，物业说不归他们管，第{id}次反映。", DateTime.UtcNow));
}
