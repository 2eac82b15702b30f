using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>
/// The enterprise list with its current filters, as CSV or XLSX; the columns are the import's, so a file can go back in, with the
/// region's, industry's and product categories' names beside their codes (the import passes over those).
/// Above Exports:BackgroundAboveRows matches the file is made in the background (<see cref="Download.ListAsync"/>).
/// </summary>
[Authorize(Policy = RegistryModule.ReadersPolicy)]
public sealed class ExportModel(QualisDb db, IStringLocalizer l) : EnterpriseListPage, IListExport
{
    public Task<IActionResult> OnGetAsync(string? format, CancellationToken ct) => Download.ListAsync(this, format, ct);

    public async Task<ExportTable> ExportTableAsync(CancellationToken ct)
    {
        var matching = await Filter.WhereAsync(db);
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var headers = EnterpriseImport.ExportColumns.Select(c => english ? c.English : c.Chinese).ToList();
        // Names beside codes, in the reader's language: the look-ups are small (regions, the GB/T 4754 catalogue, categories).
        var regions = await RegionCatalog.AllNamesAsync(db, english, ct);
        var industries = await db.Set<Industries.Industry>().AsNoTracking()
            .ToDictionaryAsync(i => i.Code, i => english && i.NameEn is not null ? i.NameEn : i.Name, ct);
        var categories = await db.Set<ProductCategories.ProductCategory>().AsNoTracking().ToDictionaryAsync(c => c.Code, c => c.Name, ct);
        // Parks (a few hundred in a province) by id: a look-up per row in the database cost 1 s of the million-row export.
        var parks = await db.Set<Parks.Park>().AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var sizes = Enum.GetValues<EnterpriseSize>().ToDictionary(s => s, s => l[s.TextKey()].Value);
        var statuses = Enum.GetValues<EnterpriseStatus>().ToDictionary(s => s, s => l["registry.status." + s.ToString().ToLowerInvariant()].Value);
        var source = SourceIndexes();
        var rows = matching.Ordered(Sort, EnterpriseFilter.SortOrders).Select(e => new object?[]
            {
                e.CreditCode, e.Name, e.RegionCode, e.FormerNames, e.LegalRepresentative, e.Address, e.IndustryCode,
                e.RegisteredCapitalYuan / 10000m, e.Employees, e.RevenueYuan / 10000m, e.Size, e.Status, e.EstablishedOn,
                e.ParkId,
                e.ChiefQualityOfficer, e.Certifications, e.QualityAwards, e.Brands, e.DeclaredStandards, e.CreditCodeOverrideReason,
                e.CreditClass, e.ProductCategories,
            })
            .AsAsyncEnumerable()
            .Select(r =>
            {
                if (r[10] is EnterpriseSize s) r[10] = sizes[s];
                if (r[11] is EnterpriseStatus st) r[11] = statuses[st];
                r[13] = r[13] is Guid park ? parks.GetValueOrDefault(park) : null;
                r[20] = r[20]?.ToString(); // credit-risk class as its letter
                var row = new object?[source.Length];
                for (var i = 0; i < source.Length; i++)
                    row[i] = source[i] switch
                    {
                        RegionName => r[2] is string region ? regions.GetValueOrDefault(region) : null,
                        IndustryName => r[6] is string industry ? industries.GetValueOrDefault(industry) : null,
                        CategoryNames => r[21] is string codes ? string.Join("；", codes.Split(['；', ';']).Select(c => categories.GetValueOrDefault(c, c))) : null,
                        var at => r[at],
                    };
                return row;
            });
        return new ExportTable(english ? "Enterprises" : "企业名录", headers, rows) { Count = ExportTable.CountOf(matching) };
    }

    private const int RegionName = -1, IndustryName = -2, CategoryNames = -3;

    /// <summary>Where each export column's value comes from: the projection's index (the import's column order), or a name look-up.</summary>
    private static int[] SourceIndexes()
    {
        var keys = EnterpriseImport.Columns.Select(c => c.Key).ToList();
        return [.. EnterpriseImport.ExportColumns.Select(c => c.Key switch
        {
            "region_name" => RegionName,
            "industry_name" => IndustryName,
            "product_category_names" => CategoryNames,
            var key => keys.IndexOf(key),
        })];
    }
}
