using Observatory.Core.Runs;
using Observatory.Reports.Store;

namespace Observatory.Reports.Analysis;

/// <summary>The A/B pair a stored run was measured as (`run --ab BASE,HEAD`, in its protocol), or null for an ordinary run.</summary>
public static class AbRun
{
    public static AbPair? Of(ObservatoryStore store, string runId)
    {
        var row = store.Query("""
            SELECT json_extract_string(protocol_json, '$.ab.base') AS base, json_extract_string(protocol_json, '$.ab.head') AS head
            FROM runs WHERE run_id = $r
            """, ("r", runId)).FirstOrDefault();
        return row?["base"] is string b && row["head"] is string h ? new AbPair(b, h) : null;
    }
}
