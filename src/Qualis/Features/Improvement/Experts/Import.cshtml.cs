using System.ComponentModel.DataAnnotations;
using Qualis.Platform.Time;

namespace Qualis.Features.Improvement.Experts;

/// <summary>
/// Imports experts into the directory from an XLSX or CSV file (专家导入): one row per expert, the columns found by their
/// header in either language. Each row goes through the form's checks (<see cref="ExpertChecks"/>); every bad row is reported
/// by its number and field and nothing is written while any row is bad. An expert already in the directory (same region,
/// name and unit) is left as it is and counted, so importing the same file twice adds nobody the second time.
/// </summary>
[Authorize(Policy = ImprovementModule.EditorsPolicy)]
public sealed class ImportModel(QualisDb db, IStringLocalizer l, PeopleClock clock) : PageModel
{
    [BindProperty, Display(Name = "improvement.import_file")] public IFormFile? Upload { get; set; }
    public List<string> Problems { get; } = [];

    private static readonly Dictionary<string, string[]> Columns = new()
    {
        ["name"] = ["姓名", "Name"],
        ["field"] = ["专业领域", "领域", "Field"],
        ["title"] = ["职称", "Title"],
        ["unit"] = ["工作单位", "单位", "Unit"],
        ["region"] = ["所在地区", "地区", "Region"],
        // The export gives the code beside the name; the code decides, since a name (高新区) may stand in several cities.
        ["region_code"] = ["区划代码", "行政区划代码", "Region code"],
        ["phone"] = ["联系电话", "电话", "Phone"],
        ["availability"] = ["可用状态", "Availability"],
        ["conflicts"] = ["利益冲突声明", "回避单位", "Declared conflicts"],
        ["account"] = ["关联账号", "Linked account"],
    };

    /// <summary>The field names officials write, in both languages, and the enum names.</summary>
    private static readonly Dictionary<string, ExpertField> FieldNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["标准"] = ExpertField.Standard, ["计量"] = ExpertField.Metrology, ["认证认可"] = ExpertField.Certification, ["认证"] = ExpertField.Certification,
        ["检验检测"] = ExpertField.Testing, ["检测"] = ExpertField.Testing, ["品牌"] = ExpertField.Brand, ["质量管理"] = ExpertField.Management,
        ["技术"] = ExpertField.Technology, ["Standards"] = ExpertField.Standard, ["Certification and accreditation"] = ExpertField.Certification,
        ["Inspection and testing"] = ExpertField.Testing, ["Quality management"] = ExpertField.Management,
    };

    private static readonly Dictionary<string, ExpertAvailability> AvailabilityNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["可聘用"] = ExpertAvailability.Available, ["可用"] = ExpertAvailability.Available, ["暂不可用"] = ExpertAvailability.Busy, ["已退出"] = ExpertAvailability.Withdrawn,
    };

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        var (rows, key, args) = await SmallTable.ReadAsync(Upload, Columns, ["name", "field", "unit"], ct);
        if (rows is null)
        {
            ModelState.AddModelError(nameof(Upload), l[key!, args]);
            return Page();
        }
        var regions = await db.Set<Region>().AsNoTracking().Select(r => new { r.Code, r.Name, r.NameEn }).ToListAsync(ct);
        var own = ImprovementRules.OfficeOf(db.Actor.RegionPath);
        var adding = new List<Expert>();
        var present = 0;
        foreach (var row in rows)
        {
            var form = new ExpertForm
            {
                Name = row["name"], Title = row["title"], Unit = row["unit"], Phone = row["phone"], Conflicts = row["conflicts"], UserName = row["account"],
                RegionCode = row["region_code"] ?? (row["region"] is { } r ? // by code, or by name in either language (the English export gives the English name)
                    regions.FirstOrDefault(x => x.Code == r || x.Name == r || string.Equals(x.NameEn, r, StringComparison.OrdinalIgnoreCase))?.Code ?? r : own),
            };
            var rowProblems = new List<(string Field, string Text)>();
            if (row["field"] is { } f)
            {
                if (FieldNames.TryGetValue(f, out var field) || Enum.TryParse(f, true, out field)) form.Field = field;
                else rowProblems.Add(("improvement.expert.field", l["improvement.error.field_unknown", f]));
            }
            if (row["availability"] is { } a)
            {
                if (AvailabilityNames.TryGetValue(a, out var availability) || Enum.TryParse(a, true, out availability)) form.Availability = availability;
                else rowProblems.Add(("improvement.expert.availability", l["improvement.error.availability_unknown"]));
            }
            foreach (var (name, text) in LengthProblems(form)) rowProblems.Add((name, text));
            var (expert, problems) = rowProblems.Count > 0 ? (null, []) : await ExpertChecks.CheckAsync(db, form, null, ct);
            if (problems.Count == 1 && problems[0].Key == "improvement.error.expert_taken") { present++; continue; }
            rowProblems.AddRange(problems.Select(p => (LabelOf(p.Field), l[p.Key, p.Args].Value)));
            if (expert is not null && adding.Any(x => x.RegionCode == expert.RegionCode && x.Name == expert.Name && x.Unit == expert.Unit))
                rowProblems.Add(("improvement.expert.name", l["improvement.error.expert_twice", expert.Name]));
            foreach (var (field, text) in rowProblems) Problems.Add(l["improvement.error.row", row.Row, l[field].Value, text]);
            if (rowProblems.Count == 0 && expert is not null)
            {
                expert.CreatedAt = clock.UtcNow;
                expert.CreatedBy = User.Identity?.Name ?? "";
                adding.Add(expert);
            }
        }
        if (Problems.Count > 0)
        {
            ModelState.AddModelError(nameof(Upload), l["improvement.error.import_refused", Problems.Count]);
            return Page();
        }
        db.Set<Expert>().AddRange(adding);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (OneEffect.LostRace(e))
        {
            // The same file sent twice at once: the other request added them.
            db.ChangeTracker.Clear();
            adding.Clear();
        }
        TempData["Message"] = l["improvement.experts.imported", adding.Count, present].Value;
        return Redirect("/Improvement/Experts");
    }

    private IEnumerable<(string Field, string Text)> LengthProblems(ExpertForm f)
    {
        if (f.Name?.Length > Expert.NameLength) yield return ("improvement.expert.name", l["improvement.error.too_long", Expert.NameLength]);
        if (f.Title?.Length > Expert.NameLength) yield return ("improvement.expert.title", l["improvement.error.too_long", Expert.NameLength]);
        if (f.Unit?.Length > Expert.UnitLength) yield return ("improvement.expert.unit", l["improvement.error.too_long", Expert.UnitLength]);
        if (f.Phone?.Length > 32) yield return ("improvement.expert.phone", l["improvement.error.too_long", 32]);
        if (f.Conflicts?.Length > Expert.TextLength) yield return ("improvement.expert.conflicts", l["improvement.error.too_long", Expert.TextLength]);
    }

    private static string LabelOf(string field) => field switch
    {
        nameof(ExpertForm.Name) => "improvement.expert.name",
        nameof(ExpertForm.Unit) => "improvement.expert.unit",
        nameof(ExpertForm.Field) => "improvement.expert.field",
        nameof(ExpertForm.RegionCode) => "improvement.region",
        nameof(ExpertForm.UserName) => "improvement.expert.account",
        nameof(ExpertForm.Availability) => "improvement.expert.availability",
        _ => "improvement.expert.name",
    };
}
