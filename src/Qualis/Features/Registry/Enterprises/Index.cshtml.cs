using Qualis.Features.Registry.Industries;
using Qualis.Features.Registry.Parks;
using Qualis.Features.Shared;
using Qualis.Platform.Web;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>The enterprise directory (企业名录) of the caller's area, filtered, sorted, paged and exportable.</summary>
[Authorize(Policy = RegistryModule.ReadersPolicy)]
public sealed class IndexModel(QualisDb db, CommonNamePages kept, IStringLocalizer l) : EnterpriseListPage
{
    private const int PageSize = 25;

    public List<EnterpriseRow> Rows { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public List<(string Code, string Label)> Industries { get; private set; } = [];
    public List<Park> Parks { get; private set; } = [];
    public Paging Paging { get; private set; } = null!;


    public async Task OnGetAsync()
    {
        var english = Texts.IsEnglish(System.Globalization.CultureInfo.CurrentUICulture);
        Regions = await RegionCatalog.ChoicesAsync(db, english);
        Industries = await IndustryDirectory.FilterChoicesAsync(db, english);
        Parks = await db.Set<Park>().AsNoTracking().OrderBy(p => p.Name).ToListAsync();
        var request = ListRequest.From(Request, PageSize);
        if (await Filter.TooWideForOneCharacterAsync(db, HttpContext.RequestAborted))
        {
            ModelState.AddModelError(nameof(Name), l["enterprise.name.one_character_wide"]);
            Paging = new ListPage<EnterpriseRow>([], 1, request.Size, 0, true, Sort ?? EnterpriseFilter.Sorts[0]).Pager(Request);
            return;
        }
        var page = await Filter.PageAsync(db, request, english, HttpContext.RequestAborted, kept);
        Rows = page.Rows;
        Paging = page.Pager(Request);
    }
}

/// <summary>The enterprise list's filters as the query string carries them: the list page and its export bind the same ones.</summary>
public abstract class EnterpriseListPage : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public EnterpriseSize? Size { get; set; }
    [BindProperty(SupportsGet = true)] public EnterpriseStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Park { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    /// <summary>Only the legacy codes (历史代码) stored with an officer's reason.</summary>
    [BindProperty(SupportsGet = true)] public bool Legacy { get; set; }

    public EnterpriseFilter Filter => new(Name, Code, Region, Industry, Size, Status, Park, Sort, Legacy);
}
