using DuckDB.NET.Native;

namespace Observatory.Reports.Query;

/// <summary>DuckDB.NET's type enum back to the names SQL and information_schema use (BIGINT, not BigInt).</summary>
public static class DuckDbTypeNames
{
    private static readonly Dictionary<DuckDBType, string> Names = new()
    {
        [DuckDBType.Boolean] = "BOOLEAN",
        [DuckDBType.TinyInt] = "TINYINT",
        [DuckDBType.SmallInt] = "SMALLINT",
        [DuckDBType.Integer] = "INTEGER",
        [DuckDBType.BigInt] = "BIGINT",
        [DuckDBType.HugeInt] = "HUGEINT",
        [DuckDBType.UnsignedTinyInt] = "UTINYINT",
        [DuckDBType.UnsignedSmallInt] = "USMALLINT",
        [DuckDBType.UnsignedInteger] = "UINTEGER",
        [DuckDBType.UnsignedBigInt] = "UBIGINT",
        [DuckDBType.UnsignedHugeInt] = "UHUGEINT",
        [DuckDBType.Float] = "FLOAT",
        [DuckDBType.Double] = "DOUBLE",
        [DuckDBType.Decimal] = "DECIMAL",
        [DuckDBType.Varchar] = "VARCHAR",
        [DuckDBType.Timestamp] = "TIMESTAMP",
        [DuckDBType.TimestampTz] = "TIMESTAMP WITH TIME ZONE",
        [DuckDBType.Date] = "DATE",
        [DuckDBType.Time] = "TIME",
        [DuckDBType.Interval] = "INTERVAL",
        [DuckDBType.Uuid] = "UUID",
        [DuckDBType.Blob] = "BLOB",
        [DuckDBType.List] = "LIST",
        [DuckDBType.Struct] = "STRUCT",
        [DuckDBType.Map] = "MAP",
    };

    private static readonly HashSet<DuckDBType> Numeric =
    [
        DuckDBType.TinyInt, DuckDBType.SmallInt, DuckDBType.Integer, DuckDBType.BigInt, DuckDBType.HugeInt,
        DuckDBType.UnsignedTinyInt, DuckDBType.UnsignedSmallInt, DuckDBType.UnsignedInteger, DuckDBType.UnsignedBigInt,
        DuckDBType.UnsignedHugeInt, DuckDBType.Float, DuckDBType.Double, DuckDBType.Decimal,
    ];

    /// <summary>The SQL name, or the enum name in capitals for a type this table does not list.</summary>
    public static string SqlName(string dataTypeName) =>
        Enum.TryParse<DuckDBType>(dataTypeName, out var t) && Names.TryGetValue(t, out var n) ? n : dataTypeName.ToUpperInvariant();

    public static bool IsNumeric(string dataTypeName) => Enum.TryParse<DuckDBType>(dataTypeName, out var t) && Numeric.Contains(t);
}
