using Observatory.Harness.Cli;
using Observatory.Reports.History;
using Observatory.Reports.Store;

namespace Observatory.Harness.Commands;

/// <summary>
/// Where a reading command (report, compare, alerts) takes its runs from: the database file (--db,
/// opened read-only) or, with --history DIR, a Parquet history read in place, so a CI job needs no
/// persistent database. Naming both is a mistake: the user would not know which one was read.
/// </summary>
public static class StoreSource
{
    public static ObservatoryStore OpenReadOnly(string database, string? history, bool databaseGiven)
    {
        if (history is null) return ObservatoryStore.Open(database, readOnly: true);
        if (databaseGiven) throw new UsageException("give --db or --history, not both: a command reads one store");
        return HistoryDataset.Open(history);
    }
}
