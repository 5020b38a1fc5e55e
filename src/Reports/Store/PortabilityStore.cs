using DuckDB.NET.Data;
using Observatory.Core.Runs;

namespace Observatory.Reports.Store;

/// <summary>Writes portability rows (one run at a time, idempotently: a run id already stored is replaced).</summary>
public static class PortabilityStore
{
    public static void Save(ObservatoryStore store, IReadOnlyList<PortabilityRow> rows)
    {
        using var tx = store.Connection.BeginTransaction();
        foreach (var run in rows.Select(r => r.RunId).Distinct())
        {
            using var del = store.Connection.CreateCommand();
            del.CommandText = "DELETE FROM portability WHERE run_id = $r";
            del.Parameters.Add(new DuckDBParameter("r", run));
            del.ExecuteNonQuery();
        }
        using (var a = store.Connection.CreateAppender("portability"))
        {
            foreach (var r in rows)
                a.CreateRow().AppendValue(r.RunId).AppendValue(r.StartedUtc).AppendValue(r.Workload).AppendValue(r.Variant)
                    .AppendValue(r.EngineId).AppendValue(r.Family).AppendValue(r.Version).AppendValue(r.Isa).AppendValue(r.Emulated)
                    .AppendValue(r.Verdict).AppendValue(r.Message).AppendValue(r.ReferenceEngine).AppendValue(r.FirstDifference)
                    .AppendValue(r.ExpectedBytes).AppendValue(r.ActualBytes).AppendValue(r.WallNs).AppendValue(r.InputProfile).EndRow();
        }
        tx.Commit();
    }
}
