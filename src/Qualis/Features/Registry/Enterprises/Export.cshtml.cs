using Qualis.Features.Shared;
using Qualis.Platform.Export;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>
/// The enterprise list with its current filters, as CSV or XLSX; the columns are the import's, so a file can go back in.
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
        var columns = EnterpriseImport.Columns;
        var headers = columns.Select(c => english ? c.English : c.Chinese).ToList();
        var parks = db.Set<Parks.Park>();
        var rows = matching.Ordered(Sort, EnterpriseFilter.SortOrders).Select(e => new object?[]
            {
                e.CreditCode, e.Name, e.RegionCode, e.FormerNames, e.LegalRepresentative, e.Address, e.IndustryCode,
                e.RegisteredCapitalYuan / 10000m, e.Employees, e.RevenueYuan / 10000m, e.Size, e.Status, e.EstablishedOn,
                parks.Where(p => p.Id == e.ParkId).Select(p => p.Name).FirstOrDefault(),
                e.ChiefQualityOfficer, e.Certifications, e.QualityAwards, e.Brands, e.DeclaredStandards, e.CreditCodeOverrideReason,
                e.CreditClass, e.ProductCategories,
            })
            .AsAsyncEnumerable()
            .Select(r =>
            {
                if (r[10] is EnterpriseSize s) r[10] = l["registry.size." + s.ToString().ToLowerInvariant()].Value;
                if (r[11] is EnterpriseStatus st) r[11] = l["registry.status." + st.ToString().ToLowerInvariant()].Value;
                r[20] = r[20]?.ToString(); // credit-risk class as its letter
                return r;
            });
        return new ExportTable(english ? "enterprises" : "企业名录", headers, rows) { Count = ExportTable.CountOf(matching) };
    }
}
