using System.ComponentModel.DataAnnotations;
using Qualis.Features.Registry;
using Qualis.Features.Shared;
using Qualis.Features.Supervision.Draws;
using Qualis.Platform.Accounts;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.Items;

/// <summary>
/// The list of random-inspection items (随机抽查事项清单, 一单): every official reads it; the province keeps it
/// (provincial officers and administrators add and change items).
/// </summary>
[Authorize(Policy = Policies.Officials)]
public sealed class IndexModel(QualisDb db, IStringLocalizer l, SupervisionSettings settings) : PageModel
{
    public sealed class ItemForm
    {
        [Required(ErrorMessage = "validation.required"), StringLength(16, ErrorMessage = "validation.max_length"), Display(Name = "item.code")]
        public string Code { get; set; } = "";
        [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.max_length"), Display(Name = "item.name")]
        public string Name { get; set; } = "";
        [StringLength(100, ErrorMessage = "validation.max_length"), Display(Name = "item.sub_item")]
        public string? SubItem { get; set; }
        [Required(ErrorMessage = "validation.required"), StringLength(500, ErrorMessage = "validation.max_length"), Display(Name = "item.legal_basis")]
        public string LegalBasis { get; set; } = "";
        [Required(ErrorMessage = "validation.required"), StringLength(100, ErrorMessage = "validation.max_length"), Display(Name = "item.department")]
        public string Department { get; set; } = "";
        [Required(ErrorMessage = "validation.required"), StringLength(50, ErrorMessage = "validation.max_length"), Display(Name = "item.object_type")]
        public string ObjectType { get; set; } = "";
        [Display(Name = "item.key")]
        public bool IsKey { get; set; }
        [Range(0.01, 100, ErrorMessage = "item.ratio_range"), Display(Name = "item.ratio")]
        public decimal? RatioPercent { get; set; }
        [Range(1, 100000, ErrorMessage = "item.count_range"), Display(Name = "item.count")]
        public int? Count { get; set; }
        [Required(ErrorMessage = "validation.required"), StringLength(50, ErrorMessage = "validation.max_length"), Display(Name = "item.frequency")]
        public string Frequency { get; set; } = "";
        [Required(ErrorMessage = "validation.required"), StringLength(50, ErrorMessage = "validation.max_length"), Display(Name = "item.method")]
        public string Method { get; set; } = "";
        [StringLength(200, ErrorMessage = "validation.max_length"), Display(Name = "item.inspector_requirements")]
        public string? InspectorRequirements { get; set; }
        [Display(Name = "item.product_category")]
        public string? ProductCategoryCode { get; set; }
        [Display(Name = "item.target_industries")]
        public List<string> TargetIndustries { get; set; } = [];
        [Display(Name = "item.active")]
        public bool Active { get; set; } = true;
    }

    [BindProperty] public ItemForm Form { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? Edit { get; set; }

    public List<InspectionItem> Items { get; private set; } = [];
    public List<ProductCategoryRule> Categories { get; private set; } = [];
    public List<IndustryHeading> Industries { get; private set; } = [];
    /// <summary>An industry as the list shows it: its code and name.</summary>
    public string IndustryLabel(string code) => ScopeLabels.Industry(Industries, code);
    public bool CanEdit => User.IsInRole(Roles.ProvincialOfficer) || User.IsInRole(Roles.Administrator);
    public bool IsNew { get; private set; } = true;

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;

    public async Task OnGetAsync()
    {
        if (Edit is not null && await db.Set<InspectionItem>().AsNoTracking().SingleOrDefaultAsync(i => i.Code == Edit) is { } item)
        {
            IsNew = false;
            Form = new ItemForm
            {
                Code = item.Code, Name = item.Name, SubItem = item.SubItem, LegalBasis = item.LegalBasis, Department = item.Department, ObjectType = item.ObjectType,
                IsKey = item.IsKey, RatioPercent = item.RatioPercent, Count = item.Count, Frequency = item.Frequency, Method = item.Method,
                InspectorRequirements = item.InspectorRequirements, ProductCategoryCode = item.ProductCategoryCode, Active = item.Active,
                TargetIndustries = [.. item.TargetIndustryCodes],
            };
        }
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanEdit) return Forbid();
        var existing = await db.Set<InspectionItem>().SingleOrDefaultAsync(i => i.Code == Form.Code.Trim());
        IsNew = existing is null || Edit is null;
        if (Edit is null && existing is not null) ModelState.AddModelError("Form.Code", l["item.code_taken", Form.Code]);
        if (Form.RatioPercent is null && Form.Count is null) ModelState.AddModelError("Form.RatioPercent", l["item.rate_required"]);
        // The cap the draw applies to ordinary items (一般检查事项), said here rather than found out at draw time.
        if (!Form.IsKey && Form.RatioPercent > settings.OrdinaryItemCapPercent)
            ModelState.AddModelError("Form.RatioPercent", l["item.ratio_over_cap", settings.OrdinaryItemCap]);
        if (Form.ProductCategoryCode is { Length: > 0 } c && await RegistryFace.ProductCategoryAsync(db, c) is null)
            ModelState.AddModelError("Form.ProductCategoryCode", l["import.product_category_unknown", c]);
        await LoadAsync();
        if (Form.TargetIndustries.FirstOrDefault(c => Industries.All(i => i.Code != c)) is { } industry)
            ModelState.AddModelError("Form.TargetIndustries", l["item.industry_unknown", industry]);
        if (!ModelState.IsValid) return Page();

        var item = existing ?? new InspectionItem();
        item.Code = Form.Code.Trim();
        item.Name = Form.Name.Trim();
        item.SubItem = Form.SubItem?.Trim();
        item.LegalBasis = Form.LegalBasis.Trim();
        item.Department = Form.Department.Trim();
        item.ObjectType = Form.ObjectType.Trim();
        item.IsKey = Form.IsKey;
        item.RatioPercent = Form.RatioPercent;
        item.Count = Form.Count;
        item.Frequency = Form.Frequency.Trim();
        item.Method = Form.Method.Trim();
        item.InspectorRequirements = Form.InspectorRequirements?.Trim();
        item.ProductCategoryCode = string.IsNullOrWhiteSpace(Form.ProductCategoryCode) ? null : Form.ProductCategoryCode;
        item.TargetIndustries = Form.TargetIndustries.Count == 0 ? null : string.Join(',', Form.TargetIndustries.Distinct().Order(StringComparer.Ordinal));
        item.Active = Form.Active;
        if (existing is null) db.Set<InspectionItem>().Add(item);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (OneEffect.LostRace(e))
        {
            // The same new item submitted twice at once: its code's unique index keeps the first, and this one is told so.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Form.Code", l["item.code_taken", Form.Code]);
            await LoadAsync();
            return Page();
        }
        TempData["Message"] = l["user.saved"].Value;
        return RedirectToPage();
    }

    public IActionResult OnGetExport(string? format)
    {
        string[] headers = [l["item.code"], l["item.name"], l["item.sub_item"], l["item.key"], l["item.ratio"], l["item.count"], l["item.frequency"],
            l["item.method"], l["item.object_type"], l["item.department"], l["item.legal_basis"], l["item.inspector_requirements"]];
        var rows = db.Set<InspectionItem>().AsNoTracking().OrderBy(i => i.Code)
            .Select(i => new object?[] { i.Code, i.Name, i.SubItem, i.IsKey ? "是" : "否", i.RatioPercent, i.Count, i.Frequency, i.Method, i.ObjectType, i.Department, i.LegalBasis, i.InspectorRequirements })
            .AsAsyncEnumerable();
        return Download.Table(format, l["supervision.tab.items"], headers, rows);
    }

    private async Task LoadAsync()
    {
        Items = await db.Set<InspectionItem>().AsNoTracking().OrderBy(i => i.Code).ToListAsync();
        Categories = await RegistryFace.ProductCategoriesAsync(db);
        Industries = await RegistryFace.IndustryHeadingsAsync(db);
    }
}
