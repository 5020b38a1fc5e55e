using System.Diagnostics;
using System.Globalization;
using Observatory.Harness.Cli;
using Observatory.Reports.Bundles;
using Observatory.Reports.Store;
using Observatory.Reports.Synthetic;

namespace Observatory.Harness.Commands;

/// <summary>
/// Writes a synthetic nightly history into its own database (and, with --bundles, as run bundles
/// for timing `ingest`): the load the report must carry in a year, without a year of nights.
/// The store refuses to mix it with measured runs.
/// </summary>
public sealed class SynthCommand
{
    public int Execute(SyntheticOptions options, string database, string? bundles, CommandContext context)
    {
        if (options.Runs < 1) throw new UsageException("--runs must be at least 1");
        if (options.Engines < 2) throw new UsageException("--engines must be at least 2 (native and one runtime)");
        if (options.Variants < 1) throw new UsageException("--variants must be at least 1");
        if (options.Samples < 1) throw new UsageException("--samples must be at least 1");
        var clock = Stopwatch.StartNew();
        using var store = ObservatoryStore.Open(database);
        var stored = 0;
        foreach (var run in new SyntheticHistory(options).Runs())
        {
            if (store.Ingest(run)) stored++;
            if (bundles is not null) RunBundle.Write(run, Path.GetFullPath(bundles));
        }
        var seconds = clock.Elapsed.TotalSeconds;
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"synthetic history: {options.Runs} runs ({stored} new) x {options.Engines} engines x {options.Variants} variants x {options.Samples} samples = {options.TotalSamples:N0} samples in {store.Path} ({seconds:0.0} s)"));
        if (bundles is not null) context.Out.WriteLine($"run bundles written under {Path.GetFullPath(bundles)}");
        return 0;
    }
}
