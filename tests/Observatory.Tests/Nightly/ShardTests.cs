using Observatory.Harness.Commands;
using Observatory.Core.Workloads;
using Observatory.Harness.Cli;

namespace Observatory.Tests.Nightly;

/// <summary>`run --shard I/N`: every workload in exactly one shard, the same split in every job, bad input named.</summary>
public class ShardTests
{
    private static IReadOnlyList<WorkloadManifest> Corpus() =>
        WorkloadManifestLoader.LoadAll(Support.Repo.Workloads);

    [Fact]
    public void Shards_partition_the_corpus_by_workload_whatever_order_it_is_listed_in()
    {
        var corpus = Corpus();
        Assert.True(corpus.Count >= 10);
        var parts = Enumerable.Range(1, 4).Select(i => Shard.Parse($"{i}/4").Select(corpus).Select(w => w.Name).ToList()).ToList();
        Assert.Equal(corpus.Select(w => w.Name).Order(StringComparer.Ordinal), parts.SelectMany(p => p).Order(StringComparer.Ordinal));
        Assert.True(parts.Max(p => p.Count) - parts.Min(p => p.Count) <= 1);
        var reversed = Shard.Parse("2/4").Select(corpus.Reverse().ToList()).Select(w => w.Name);
        Assert.Equal(parts[1], reversed);
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("-1/2")]
    public void A_bad_shard_names_the_option(string text)
    {
        var e = Assert.Throws<UsageException>(() => Shard.Parse(text));
        Assert.Contains("--shard takes I/N", e.Message);
        Assert.Contains(text, e.Message);
    }
}
