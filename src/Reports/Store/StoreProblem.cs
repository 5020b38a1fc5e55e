namespace Observatory.Reports.Store;

/// <summary>Why a database could not be used: each cause has its own remedy, so each is told apart.</summary>
public enum StoreProblem
{
    Other,
    /// <summary>Another process holds DuckDB's lock on the file.</summary>
    Locked,
    /// <summary>A block's checksum does not match: the file is damaged.</summary>
    Corrupt,
    /// <summary>The file exists but is not a DuckDB database at all.</summary>
    NotADatabase,
    /// <summary>A DuckDB file without the observatory's tables.</summary>
    NotAStore,
    /// <summary>Written by a newer observatory (schema version above ours).</summary>
    Newer,
    /// <summary>The file or its filesystem cannot be written.</summary>
    ReadOnly,
    /// <summary>The filesystem has no space left.</summary>
    Full,
    /// <summary>A reading command was given a file that does not exist.</summary>
    Missing,
}
