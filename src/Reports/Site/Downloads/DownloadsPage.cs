using System.Globalization;
using Observatory.Reports.Site.Pages;
using Observatory.Reports.Store;

namespace Observatory.Reports.Site.Downloads;

/// <summary>downloads.html: every table of the store as Parquet and CSV, with row counts, sizes and the schema's documentation.</summary>
public sealed class DownloadsPage(IReadOnlyList<StoreExport.ExportedTable> tables) : ISitePage
{
    public const string Page = "downloads.html";

    public string FileName => Page;
    public string Title => "Downloads";
    public string Template => "downloads";

    public object BuildModel(ObservatoryStore store) => new
    {
        SchemaDoc = $"{StoreExport.Directory}/{SiteAssets.SchemaDoc}",
        Tables = tables.Select(t => new
        {
            t.Table, Rows = t.Rows.ToString("N0", CultureInfo.InvariantCulture), t.ParquetFile, Parquet = StoreExport.Size(t.ParquetBytes),
            t.CsvFile, Csv = StoreExport.Size(t.CsvBytes),
        }).ToList(),
    };
}
