using Qualis.Features.Registry.Industries;
using Qualis.Features.Registry.Parks;
using Qualis.Features.Registry.ProductCategories;
using Qualis.Features.Registry.Directories;
using Qualis.Platform.Import;
using Qualis.Platform.Time;

namespace Qualis.Features.Registry.Enterprises;

/// <summary>Enterprise import (企业名录导入): upsert by credit code; money in 万元 as officials' sheets have it.</summary>
public sealed class EnterpriseImport(PeopleClock clock, LegacyCodeRule legacyCodes) : IImportKind
{
    public string Kind => "enterprises";
    public string TitleKey => "nav.enterprises";
    IReadOnlyList<ImportColumn> IImportKind.Columns => Columns;

    private static ImportColumn C(string key, string zh, string en, bool required, string[] properties, params string[] aliases) =>
        new(key, zh, en, required, properties, aliases);

    public static IReadOnlyList<ImportColumn> Columns { get; } =
    [
        C("credit_code", "统一社会信用代码", "Credit code", true, [nameof(Enterprise.CreditCode)], "社会信用代码", "信用代码", "USCC", "Unified social credit code"),
        C("name", "企业名称", "Name", true, [nameof(Enterprise.Name), nameof(Enterprise.NameGrams)], "名称", "企业(机构)名称", "Enterprise name"),
        C("region", "行政区划代码", "Region code", true, [nameof(Enterprise.RegionCode), nameof(Enterprise.RegionPath)], "区划代码", "所属区域", "Region"),
        C("former_names", "曾用名", "Former names", false, [nameof(Enterprise.FormerNames)]),
        C("legal_rep", "法定代表人", "Legal representative", false, [nameof(Enterprise.LegalRepresentative)], "法人代表", "负责人"),
        C("address", "住所", "Address", false, [nameof(Enterprise.Address)], "地址", "注册地址"),
        C("industry", "行业代码", "Industry code", false, [nameof(Enterprise.IndustryCode)], "国民经济行业代码", "行业", "Industry"),
        C("capital", "注册资本(万元)", "Registered capital (10k yuan)", false, [nameof(Enterprise.RegisteredCapitalYuan)], "注册资本"),
        C("employees", "从业人员", "Employees", false, [nameof(Enterprise.Employees)], "从业人数", "职工人数"),
        C("revenue", "营业收入(万元)", "Revenue (10k yuan)", false, [nameof(Enterprise.RevenueYuan)], "营业收入"),
        C("size", "企业规模", "Size", false, [nameof(Enterprise.Size), nameof(Enterprise.SizeEntered)], "规模"),
        C("status", "登记状态", "Status", false, [nameof(Enterprise.Status)], "经营状态", "状态"),
        C("established", "成立日期", "Established", false, [nameof(Enterprise.EstablishedOn)], "成立时间", "Date established"),
        C("park", "所在园区", "Park", false, [nameof(Enterprise.ParkId)], "园区", "产业园区"),
        C("cqo", "首席质量官", "Chief quality officer", false, [nameof(Enterprise.ChiefQualityOfficer)]),
        C("certifications", "认证", "Certifications", false, [nameof(Enterprise.Certifications)], "管理体系认证", "认证情况"),
        C("awards", "质量奖", "Quality awards", false, [nameof(Enterprise.QualityAwards)], "获奖情况"),
        C("brands", "品牌", "Brands", false, [nameof(Enterprise.Brands)], "名牌"),
        C("standards", "企业标准自我声明", "Declared standards", false, [nameof(Enterprise.DeclaredStandards)], "自我声明公开标准", "企业标准"),
        C("code_override", "历史代码认可理由", "Legacy code accepted because", false, [nameof(Enterprise.CreditCodeOverrideReason)], "代码认可理由"),
        C("credit_class", "信用风险分类", "Credit risk class", false, [nameof(Enterprise.CreditClass)], "风险分类", "信用分类"),
        C("product_categories", "产品类别", "Product categories", false, [nameof(Enterprise.ProductCategories)], "产品类别代码", "主要产品"),
    ];

    /// <summary>The industry's name (GB/T 4754), which the export gives beside its code; the import reads the code.</summary>
    public static readonly ImportColumn IndustryNameColumn = new("industry_name", "行业名称", "Industry name", false, [], "国民经济行业名称");
    /// <summary>The product categories' names, which the export gives beside their codes; the import reads the codes.</summary>
    public static readonly ImportColumn ProductCategoryNamesColumn = new("product_category_names", "产品类别名称", "Product category names", false, []);

    IReadOnlyList<ImportColumn> IImportKind.NameColumns => [RegionLookup.NameColumn, IndustryNameColumn, ProductCategoryNamesColumn];

    /// <summary>The export's columns: the import's, each name beside its code (region, industry, product categories).</summary>
    public static IReadOnlyList<ImportColumn> ExportColumns { get; } = [.. Columns.SelectMany(c => c.Key switch
    {
        "region" => [c, RegionLookup.NameColumn],
        "industry" => [c, IndustryNameColumn],
        "product_categories" => new[] { c, ProductCategoryNamesColumn },
        _ => [c],
    })];

    public IReadOnlyDictionary<string, string> Sample { get; } = new Dictionary<string, string>
    {
        ["credit_code"] = CreditCode.Compute("9134010200000001"), ["name"] = "示例：合肥某某电器有限公司（请替换本行）", ["region"] = "340102",
        ["legal_rep"] = "张三", ["address"] = "合肥市瑶海区示例路 1 号", ["industry"] = "C38", ["capital"] = "500", ["employees"] = "120",
        ["revenue"] = "8000", ["status"] = "存续", ["established"] = "2015-03-02", ["credit_class"] = "A", ["product_categories"] = "",
    };

    public async Task<IReadOnlyDictionary<string, ImportChoices>> ChoicesAsync(QualisDb db, CancellationToken ct) => new Dictionary<string, ImportChoices>
    {
        ["industry"] = new(await db.Set<Industry>().AsNoTracking().Where(i => i.Level == IndustryLevel.Division).OrderBy(i => i.Code).Select(i => i.Name).ToListAsync(ct), Strict: false),
        ["size"] = new(["大型", "中型", "小型", "微型"]),
        ["status"] = new(["存续", "在业", "注销", "吊销", "迁出"]),
        ["credit_class"] = new(["A", "B", "C", "D"]),
        ["park"] = new(await db.Set<Park>().AsNoTracking().OrderBy(p => p.Name).Select(p => p.Name).ToListAsync(ct), Strict: false),
    };

    public async Task<IImportSession> OpenAsync(QualisDb db, IReadOnlySet<string> presentColumns, CancellationToken ct)
    {
        // Regions the importer may use (the area filter applies), industries and parks by name.
        var lookups = new Lookups(
            await RegionLookup.LoadAsync(db, ct),
            await IndustryLookup.LoadAsync(db, ct),
            await db.Set<Park>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().ToDictionaryAsync(p => p.Name, p => p.Id, ct),
            (await db.Set<ProductCategory>().AsNoTracking().Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal),
            legacyCodes.MayAccept(await LegacyCodeRule.RoleOfActorAsync(db, ct)),
            clock.Today);
        var properties = Columns.Where(c => presentColumns.Contains(c.Key)).SelectMany(c => c.Properties).Append(nameof(Enterprise.UpdatedAt)).ToHashSet();
        var now = clock.UtcNow;
        return new EntityImportSession<Enterprise>(db, nameof(Enterprise.CreditCode), "credit_code", properties,
            (row, problems) => Parse(row, problems, lookups, now), e => e.CreditCode, NameSearch.BulkInsertAsync);
    }

    /// <summary>What one file's rows are checked against, read once per file.</summary>
    private sealed record Lookups(RegionLookup Regions, IndustryLookup Industries, Dictionary<string, Guid> Parks,
        HashSet<string> ProductCategories, bool MayAcceptLegacyCodes, DateOnly Today);

    private Enterprise? Parse(ImportRow row, List<RowProblem> problems, Lookups lookups, DateTime now)
    {
        var code = CreditCode.Check(row["credit_code"]);
        var legacy = LegacyCode(row, code, problems, lookups.MayAcceptLegacyCodes);
        var name = row.Text("name");
        if (name is null) problems.Add(new RowProblem("name", null, "import.required", "企业名称 / Name"));

        var e = new Enterprise { CreditCode = code.Normalised, Name = name ?? "", UpdatedAt = now, CreditCodeOverrideReason = legacy };
        var regionText = row["region"];
        if (regionText is null) problems.Add(new RowProblem("region", null, "import.required", "行政区划代码 / Region code"));
        else if (lookups.Regions.Resolve(regionText, "region", problems) is { } region) (e.RegionCode, e.RegionPath) = region;

        if (row["industry"] is { } industry) e.IndustryCode = lookups.Industries.Resolve(industry, "industry", problems);

        e.FormerNames = row.Text("former_names");
        e.LegalRepresentative = row.Text("legal_rep");
        e.Address = row.Text("address");
        e.RegisteredCapitalYuan = TenThousand(row, "capital", problems);
        e.RevenueYuan = TenThousand(row, "revenue", problems);
        if (row["employees"] is { } staff)
        {
            if (int.TryParse(staff.Replace(",", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 0) e.Employees = n;
            else problems.Add(new RowProblem("employees", staff, "import.not_whole_number", staff));
        }
        if (row["established"] is { } established)
        {
            if (!DateParser.TryParse(established, out var date, out var dateProblem)) problems.Add(new RowProblem("established", established, dateProblem!, established));
            else if (date > lookups.Today) problems.Add(new RowProblem("established", established, "import.established_future", established));
            else e.EstablishedOn = date;
        }
        if (row["status"] is { } status)
        {
            if (EnterpriseStatusText.TryParse(status, out var s)) e.Status = s;
            else problems.Add(new RowProblem("status", status, "import.status_unknown", status));
        }
        if (row.Text("park") is { } park)
        {
            if (lookups.Parks.TryGetValue(park, out var parkId)) e.ParkId = parkId;
            else problems.Add(new RowProblem("park", park, "import.park_unknown", park));
        }
        e.ChiefQualityOfficer = row.Text("cqo");
        e.Certifications = row.Text("certifications");
        e.QualityAwards = row.Text("awards");
        e.Brands = row.Text("brands");
        e.DeclaredStandards = row.Text("standards");
        if (row["credit_class"] is { } creditClass)
        {
            if (Enum.TryParse<CreditRiskClass>(creditClass, ignoreCase: true, out var c) && Enum.IsDefined(c) && creditClass.Length == 1) e.CreditClass = c;
            else problems.Add(new RowProblem("credit_class", creditClass, "import.credit_class", creditClass));
        }
        if (row.Text("product_categories") is { } categories)
        {
            var codes = categories.Split(['；', ';', '，', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).ToList();
            if (codes.FirstOrDefault(c => !lookups.ProductCategories.Contains(c)) is { } unknown)
                problems.Add(new RowProblem("product_categories", categories, "import.product_category_unknown", unknown));
            e.ProductCategories = string.Join("；", codes);
        }

        // Size: derived from the figures (2017 national thresholds); entered by hand only when figures are missing. A
        // size word is checked either way, so a word the platform does not know is named, not silently passed over.
        EnterpriseSize? entered = null;
        if (row["size"] is { } size)
        {
            if (EnterpriseSizeText.TryParse(size, out var s)) entered = s;
            else problems.Add(new RowProblem("size", size, "import.size_unknown", size));
        }
        e.Size = e.IndustryCode is null ? null : SizeClassifier.Classify(e.IndustryCode, e.Employees, e.RevenueYuan);
        if (e.Size is null && entered is not null) (e.Size, e.SizeEntered) = (entered, true);
        return e;
    }

    /// <summary>
    /// The reason a legacy code (历史代码) is stored with, or null. A code that fails only its check characters is
    /// accepted only with a reason of the configured length, only when it has a pilot-era form, and only from an
    /// account the province allows; an import by anyone else marks the row for that officer.
    /// </summary>
    private string? LegacyCode(ImportRow row, CreditCodeCheck code, List<RowProblem> problems, bool mayAccept)
    {
        if (code.IsValid) return null;
        var reason = row.Text("code_override");
        if (!code.OnlyCheckCharactersFail || reason is null)
        {
            problems.Add(new RowProblem("credit_code", row.Raw("credit_code"), code.Problem!.Key, code.Problem.Args));
            return null;
        }
        if (!legacyCodes.IsPilotEra(code.Normalised))
            problems.Add(new RowProblem("credit_code", row.Raw("credit_code"), "registry.code.legacy_form", code.Normalised));
        else if (!mayAccept)
            problems.Add(new RowProblem("credit_code", row.Raw("credit_code"), "registry.code.legacy_role", code.Normalised));
        else if (reason.Length < legacyCodes.MinReasonLength)
            problems.Add(new RowProblem("code_override", reason, "registry.code.legacy_reason", legacyCodes.MinReasonLength));
        else return reason;
        return null;
    }

    private static decimal? TenThousand(ImportRow row, string column, List<RowProblem> problems)
    {
        if (row[column] is not { } text) return null;
        if (decimal.TryParse(text.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v >= 0) return v * 10000m;
        problems.Add(new RowProblem(column, text, "import.not_number", text));
        return null;
    }
}
