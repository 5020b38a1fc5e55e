using Observatory.Harness.Cli;
using Observatory.Reports.Bundles;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>Merges run bundles (e.g. from CI shards on other machines) into the database, idempotently.</summary>
public sealed class IngestCommand : ICommand
{
    public string Name => "ingest";
    public string Summary => "merge run bundles into the database (same run id twice = no change)";
    public string Usage => """
        observatory ingest BUNDLE... [--db PATH]
          BUNDLE   a results/runs/RUN-ID directory, its run.json, or a directory of bundles
          --db     database (default results/observatory.duckdb)
        """;
    public IReadOnlyCollection<string> ValueOptions => ["--db"];
    public IReadOnlyCollection<string> FlagOptions => [];

    public int Execute(CommandArgs args, CommandContext context)
    {
        if (args.Positional.Count == 0) throw new UsageException("give at least one bundle");
        var paths = new List<string>();
        foreach (var p in args.Positional)
        {
            if (Directory.Exists(p) && !File.Exists(Path.Combine(p, RunBundle.RunFile)))
                paths.AddRange(Directory.GetDirectories(p).Where(d => File.Exists(Path.Combine(d, RunBundle.RunFile))).Order(StringComparer.Ordinal));
            else paths.Add(p);
        }
        using var store = ObservatoryStore.Open(args.Value("--db") ?? context.DefaultDatabase);
        int added = 0, skipped = 0;
        foreach (var p in paths)
        {
            var run = RunBundle.Read(p);
            if (store.Ingest(run)) { added++; context.Out.WriteLine($"ingested {run.RunId} from {p}"); }
            else { skipped++; context.Out.WriteLine($"already stored {run.RunId} ({p})"); }
        }
        context.Out.WriteLine($"{added} ingested, {skipped} already stored");
        return 0;
    }
}
