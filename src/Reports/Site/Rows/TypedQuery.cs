using Dapper;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Rows;

/// <summary>
/// Typed reads for the pages: Dapper maps each column onto the row record's property of the
/// same name (queries alias snake_case columns to PascalCase), so a renamed column fails loudly
/// at the query instead of silently reading null from a dictionary.
/// </summary>
public static class TypedQuery
{
    public static List<T> Rows<T>(this ObservatoryStore store, string sql, object? parameters = null) =>
        store.Connection.Query<T>(sql, parameters).AsList();
}
