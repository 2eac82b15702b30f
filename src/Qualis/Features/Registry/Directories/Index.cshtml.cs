using Qualis.Features.Shared;
using Qualis.Platform.Accounts;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Directories;

/// <summary>Any registry directory: search, filter by region, page, export in the import's columns.</summary>
[Authorize(Policy = RegistryModule.ReadersPolicy)]
public sealed class IndexModel(QualisDb db, IEnumerable<IDirectory> directories, IStringLocalizer l) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }

    public IDirectory? Directory { get; private set; }
    public IReadOnlyList<IDirectory> All { get; } = directories.ToList();
    public List<object?[]> Rows { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;
    public bool CanImport => User.IsInRole(Roles.Administrator) || (Directory is { AdministratorsOnly: false } && Roles.Officials.Split(',').Any(User.IsInRole));


    public async Task<IActionResult> OnGetAsync(string? kind)
    {
        if (kind is null) return Page();
        if (directories.FirstOrDefault(d => d.Kind == kind) is not { } directory) return NotFound();
        Directory = directory;
        Regions = await RegionCatalog.ChoicesAsync(db, Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture));
        var page = await directory.PageAsync(db, Q, Region, ListRequest.From(Request, PageSize), HttpContext.RequestAborted);
        Rows = page.Rows;
        Paging = page.Pager(Request);
        return Page();
    }

    public IActionResult OnGetExport(string kind, string? format)
    {
        if (directories.FirstOrDefault(d => d.Kind == kind) is not { } directory) return NotFound();
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        // The file and its sheet are named after the directory in the reader's language (产业园区-20261207-0930.xlsx).
        return Download.Table(format, l[directory.TitleKey], directory.ExportColumns.Select(c => english ? c.English : c.Chinese).ToList(),
            directory.ExportAsync(db, Q, Region, english));
    }
}
