using Microsoft.AspNetCore.Mvc.ModelBinding;
using System.ComponentModel.DataAnnotations;
using Qualis.Features.Audit;
using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Items;
using Qualis.Platform.Web;

namespace Qualis.Features.Supervision.Plans;

/// <summary>
/// A batch's draw rules (抽查批次): items, scope, exclusions, strata and ratios, teams. Once a draw is committed the
/// rules are frozen (the commitment covers them); from here an official commits the batch's draw.
/// </summary>
[Authorize(Policy = Policies.Officials)]
[RecordPage(typeof(PlanBatch))]
public sealed class BatchModel(QualisDb db, DrawService draws, IStringLocalizer l, SupervisionSettings supervision, Platform.Time.PeopleClock clock) : PageModel
{
    /// <summary>
    /// The witnesses (见证人) the commit names, with the deadline for their values (China time, yyyy-MM-dd HH:mm): up to three
    /// rows of account and capacity, at least one from outside the organising office.
    /// </summary>
    public sealed class CommitForm
    {
        [Display(Name = "draw.witness.account")]
        public List<string?> Accounts { get; set; } = [null, null, null];
        [Display(Name = "draw.witness.role")]
        public List<WitnessRole> Roles { get; set; } = [WitnessRole.Notary, WitnessRole.Association, WitnessRole.Supervisor];
        [Display(Name = "draw.witness_deadline")]
        public string? Deadline { get; set; }
    }

    [BindProperty] public CommitForm Commit { get; set; } = new();
    /// <summary>The witness accounts the office may name (their area holds the batch's).</summary>
    public List<WitnessAccount> WitnessAccounts { get; private set; } = [];

    /// <summary>The form as posted: lists as checkboxes and multi-selects, manual exclusions as "code reason" lines.</summary>
    public sealed class BatchForm
    {
        [Display(Name = "batch.name")]
        public string Name { get; set; } = "";
        [Display(Name = "batch.items")]
        public List<string> Items { get; set; } = [];
        [Display(Name = "batch.scope_region")]
        public string? ScopeRegion { get; set; }
        [Display(Name = "enterprise.industry")]
        public List<string> Industries { get; set; } = [];
        [Display(Name = "item.product_category")]
        public List<string> ProductCategories { get; set; } = [];
        [Display(Name = "batch.whole_scope")]
        public bool WholeScopeConfirmed { get; set; }
        [Display(Name = "enterprise.size")]
        public List<EnterpriseSize> Sizes { get; set; } = [];
        [Display(Name = "enterprise.status")]
        public List<EnterpriseStatus> Statuses { get; set; } = [];
        [Display(Name = "batch.credit_classes")]
        public List<CreditRiskClass> CreditClasses { get; set; } = [];
        [Display(Name = "batch.exclude_months")]
        public string? ExcludeMonths { get; set; } = "12";
        [Display(Name = "batch.exclude_closed")]
        public bool ExcludeClosed { get; set; } = true;
        /// <summary>One firm a line; a province may exclude a few hundred firms under investigation, more than the 2,000 characters of an ordinary text.</summary>
        [Display(Name = "batch.manual_exclusions"), StringLength(50_000)]
        public string? ManualExclusions { get; set; }
        [Display(Name = "batch.by_region")]
        public RegionStrata ByRegion { get; set; } = RegionStrata.City;
        [Display(Name = "batch.by_industry")]
        public IndustryStrata ByIndustry { get; set; }
        [Display(Name = "batch.by_class")]
        public bool ByCreditClass { get; set; }
        [Display(Name = "batch.ratio")]
        public string? Ratio { get; set; } = "5";
        [Display(Name = "batch.count")]
        public string? Count { get; set; }
        [Display(Name = "batch.class_ratios")]
        public Dictionary<CreditRiskClass, string?> ClassRatios { get; set; } = [];
        [Display(Name = "batch.team_size_label")]
        public int TeamSize { get; set; } = 2;
        [Display(Name = "batch.own_county")]
        public bool ExcludeOwnCounty { get; set; }
    }

    [BindProperty] public BatchForm Form { get; set; } = new();
    [BindProperty(SupportsGet = true)] public Guid? Plan { get; set; }

    public PlanBatch? Batch { get; private set; }
    public SamplingPlan PlanRecord { get; private set; } = null!;
    public bool Frozen { get; private set; }
    /// <summary>A batch of a plan above that covers the reader's area: shown, never changed or drawn from here (<see cref="PlanCoverage"/>).</summary>
    public bool ReadOnly { get; private set; }
    public List<Draw> Draws { get; private set; } = [];
    /// <summary>Whether some of the batch's results are published, so its results announcement (抽查结果公告) can be printed.</summary>
    public bool HasPublishedResults { get; private set; }
    public List<InspectionItem> AllItems { get; private set; } = [];
    public List<(string Code, string Label)> Regions { get; private set; } = [];
    public List<IndustryHeading> AllIndustries { get; private set; } = [];
    public List<ProductCategoryRule> Categories { get; private set; } = [];
    public List<string> Problems { get; private set; } = [];
    public AuditHistoryView? History { get; private set; }
    /// <summary>What a commit would freeze, computed as the commit computes it; null once a draw stands.</summary>
    public DrawPreview? Preview { get; private set; }
    public StratumNames? Strata { get; private set; }

    /// <summary>The saved batch's change from its items' scope (product categories, industries), when it has one.</summary>
    public (ScopeDifference Categories, ScopeDifference Industries)? ScopeChange { get; private set; }

    /// <summary>A batch's scope in words: its product categories and industries by name, or every one of them.</summary>
    public string ScopeText(BatchSettings s)
    {
        if (s.ProductCategories.Count == 0 && s.Industries.Count == 0) return l[s.WholeScopeConfirmed ? "preview.scope_whole" : "preview.scope_whole_unconfirmed"];
        var parts = new List<string>(2);
        if (s.ProductCategories.Count > 0) parts.Add(l["preview.scope_part", l["item.product_category"], string.Join("、", s.ProductCategories.Select(CategoryLabel))]);
        if (s.Industries.Count > 0) parts.Add(l["preview.scope_part", l["enterprise.industry"], string.Join("、", s.Industries.Select(IndustryLabel))]);
        return string.Join(" · ", parts);
    }

    public string CategoryLabel(string code) => Categories.FirstOrDefault(c => c.Code == code) is { } c ? $"{c.Code} {c.Name}" : code;
    public string IndustryLabel(string code) => ScopeLabels.Industry(AllIndustries, code);

    public string? Error(string key) =>
        ModelState.TryGetValue(key, out var e) && e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(x => x.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (Batch is not null) Form = FormOf(Batch);
        await PreviewAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        if (!await LoadAsync(id)) return NotFound();
        if (ReadOnly) return StatusCode(StatusCodes.Status403Forbidden);
        if (Frozen) return BadRequest();
        var settings = Validate();
        if (!ModelState.IsValid) return Page();
        if (Batch is null)
        {
            var number = await db.Set<PlanBatch>().CountAsync(b => b.PlanId == PlanRecord.Id) + 1;
            Batch = new PlanBatch { PlanId = PlanRecord.Id, Number = number, RegionPath = PlanRecord.RegionPath, CreatedAt = DateTime.UtcNow };
            db.Set<PlanBatch>().Add(Batch);
        }
        else db.Attach(Batch);
        Batch.Name = Form.Name.Trim();
        Batch.Settings = settings;
        var planId = PlanRecord.Id;
        // A new batch submitted twice at once takes its number once (the unique index); the other request is shown the plan.
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await db.SaveChangesAsync();
            TempData["Message"] = l["user.saved"].Value;
            return Redirect($"/Supervision/Plans/Batch/{Batch.Id}");
        }, () => Task.FromResult(this.AlreadyDoneAt($"/Supervision/Plans/{planId}", l["one_effect.changed_meanwhile"].Value)));
    }

    /// <summary>
    /// Commits the batch's draw: the snapshot, inputs, parameters and commitment are frozen and published. A second commit
    /// (a double click, another instance at once) meets the batch's one active draw and is shown that draw.
    /// </summary>
    public async Task<IActionResult> OnPostCommitAsync(Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(id) || Batch is null) return NotFound();
        if (ReadOnly) return StatusCode(StatusCodes.Status403Forbidden);
        var batchId = Batch.Id;
        // The witnesses and their deadline, field by field, before anything is frozen.
        DateTime deadline = default;
        if (string.IsNullOrWhiteSpace(Commit.Deadline)) ModelState.AddModelError("Commit.Deadline", l["validation.required", l["draw.witness_deadline"]]);
        else if (!DateTime.TryParseExact(Commit.Deadline.Trim(), Platform.Time.PeopleClock.MinuteFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            ModelState.AddModelError("Commit.Deadline", l["draw.witness_deadline_format"]);
        else deadline = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), clock.Zone);
        var panel = new WitnessPanel(Commit.Accounts.Select((a, i) => new WitnessNomination(a?.Trim(), i < Commit.Roles.Count ? Commit.Roles[i] : WitnessRole.Office)).ToList(), deadline);
        foreach (var problem in await draws.WitnessProblemsAsync(panel, Batch.RegionPath, ct))
            if (problem.Field != "WitnessDeadline" || ModelState.GetFieldValidationState("Commit.Deadline") != ModelValidationState.Invalid)
                ModelState.AddModelError(problem.Field == "WitnessDeadline" ? "Commit.Deadline" : $"Commit.Accounts[{int.Parse(problem.Field[7..], CultureInfo.InvariantCulture) - 1}]",
                    l[problem.Problem.Key, problem.Problem.Args]);
        if (ModelState.Any(e => e.Key.StartsWith("Commit.", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 }))
        {
            Form = FormOf(Batch);
            await PreviewAsync();
            Problems = [l["draw.witness_fix"].Value];
            return Page();
        }
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            try
            {
                var draw = await draws.CommitAsync(batchId, panel, ct);
                return Redirect($"/Supervision/Draws/{draw.Id}");
            }
            catch (DrawRefusedException e) when (e.Problems is [{ Key: DrawService.AlreadyCommitted }])
            {
                return await CommittedAlreadyAsync(batchId, ct);
            }
            catch (DrawRefusedException e)
            {
                Form = FormOf(Batch);
                await PreviewAsync();
                Problems = e.Problems.Select(p => l[p.Key, Strata?.Arguments(p) ?? p.Args].Value).ToList();
                return Page();
            }
        }, () => CommittedAlreadyAsync(batchId, ct));
    }

    /// <summary>The batch's standing draw, with the notice that it was committed already.</summary>
    private async Task<IActionResult> CommittedAlreadyAsync(Guid batchId, CancellationToken ct) =>
        await draws.ActiveOfBatchAsync(batchId, ct) is { } draw
            ? this.AlreadyDoneAt($"/Supervision/Draws/{draw.Id}", l["draw.already_committed", draw.Number].Value)
            : Redirect($"/Supervision/Plans/Batch/{batchId}");

    /// <summary>The preview of the batch's draw before the irreversible commit, with the strata named as officials read them.</summary>
    private async Task PreviewAsync()
    {
        // Offices that only read a plan above them (a county under the city's plan) see what is committed, not the organiser's preview.
        if (Batch is null || ReadOnly || Draws.Any(d => d.Status != DrawStatus.Annulled)) return;
        Preview = await draws.PreviewAsync(Batch.Id);
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        WitnessAccounts = await draws.WitnessAccountsAsync(Batch.RegionPath);
        if (Commit.Accounts.All(a => string.IsNullOrEmpty(a)) && WitnessAccounts.Count > 0 && Request.Method == "GET") Commit.Accounts[0] = WitnessAccounts[0].UserName;
        Commit.Deadline ??= clock.ToLocal(DateTime.UtcNow.AddDays(2)).ToString(Platform.Time.PeopleClock.MinuteFormat, CultureInfo.InvariantCulture);
        Strata = new StratumNames(Batch.Settings, await RegionCatalog.AllNamesAsync(db, english),
            AllIndustries.ToDictionary(i => i.Code, i => english && i.NameEn is { Length: > 0 } en ? en : i.Name), l);
    }

    private async Task<bool> LoadAsync(Guid? id)
    {
        if (id is { } batchId)
        {
            var planId = await db.Set<PlanBatch>().OutsideArea(AreaReason.CoveringPlanAbove).Where(b => b.Id == batchId).Select(b => (Guid?)b.PlanId).SingleOrDefaultAsync();
            // A batch of a plan the reader does not read, or one whose scope is another part of the plan's area, is not found.
            Batch = planId is { } p ? (await PlanCoverage.BatchesAsync(db, [p])).SingleOrDefault(b => b.Id == batchId) : null;
            if (Batch is null) return false;
            Plan = Batch.PlanId;
        }
        if (Plan is null || await PlanCoverage.Readable(db).AsNoTracking().SingleOrDefaultAsync(p => p.Id == Plan) is not { } plan) return false;
        PlanRecord = plan;
        ReadOnly = !PlanCoverage.CanEdit(db, plan);
        if (Batch is not null)
        {
            Draws = await PlanCoverage.Draws(db, [plan.Id]).Where(d => d.BatchId == Batch.Id).OrderBy(d => d.Number).ToListAsync();
            var drawIds = Draws.Select(d => d.Id).ToList();
            HasPublishedResults = await db.Set<SpotChecks.SpotCheck>().AsNoTracking().AnyAsync(c => drawIds.Contains(c.DrawId) && c.PublishedAt != null);
            Frozen = Draws.Count > 0;
            History = await AuditHistory.ForAsync(db, nameof(PlanBatch), Batch.Id.ToString());
        }
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        AllItems = await db.Set<InspectionItem>().AsNoTracking().Where(i => i.Active).OrderBy(i => i.Code).ToListAsync();
        // The scope can only narrow the plan's own area.
        var paths = await db.Set<Region>().AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.RegionPath);
        Regions = (await RegionCatalog.ChoicesAsync(db, english))
            .Where(r => paths.GetValueOrDefault(r.Code, "").StartsWith(plan.RegionPath, StringComparison.Ordinal)).ToList();
        AllIndustries = await RegistryFace.IndustryHeadingsAsync(db);
        Categories = await RegistryFace.ProductCategoriesAsync(db);
        if (Batch?.Settings is { ItemProductCategories: { } itemCategories, ItemIndustries: { } itemIndustries } saved)
        {
            var change = (ScopeDifference.Between(itemCategories, saved.ProductCategories), ScopeDifference.Between(itemIndustries, saved.Industries));
            if (!change.Item1.IsNone || !change.Item2.IsNone) ScopeChange = change;
        }
        return true;
    }

    private BatchSettings Validate()
    {
        if (string.IsNullOrWhiteSpace(Form.Name)) ModelState.AddModelError("Form.Name", l["validation.required", l["batch.name"]]);
        if (Form.Items.Count == 0) ModelState.AddModelError("Form.Items", l["batch.items_required"]);
        else if (Form.Items.Except(AllItems.Select(i => i.Code)).FirstOrDefault() is { } unknown) ModelState.AddModelError("Form.Items", l["batch.item_unknown", unknown]);
        if (Form.ScopeRegion is { Length: > 0 } scope && Regions.All(r => r.Code != scope)) ModelState.AddModelError("Form.ScopeRegion", l["user.region_unknown"]);
        if (Form.Industries.FirstOrDefault(c => AllIndustries.All(i => i.Code != c)) is { } industry)
            ModelState.AddModelError("Form.Industries", l["item.industry_unknown", industry]);
        if (Form.ProductCategories.FirstOrDefault(c => Categories.All(i => i.Code != c)) is { } category)
            ModelState.AddModelError("Form.ProductCategories", l["import.product_category_unknown", category]);
        // The scope from the items unless the official chose one; every industry and product category only when confirmed.
        var itemScope = ItemScope.Of(AllItems.Where(i => Form.Items.Contains(i.Code)).ToList());
        var scopeOutcome = BatchScopeRule.Decide(itemScope, Form.ProductCategories, Form.Industries, Form.WholeScopeConfirmed);
        if (scopeOutcome.NeedsConfirmation) ModelState.AddModelError("Form.WholeScopeConfirmed", l["batch.whole_scope_required"]);

        int? months = null;
        if (!string.IsNullOrWhiteSpace(Form.ExcludeMonths))
        {
            if (int.TryParse(Form.ExcludeMonths, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 120) months = m;
            else ModelState.AddModelError("Form.ExcludeMonths", l["batch.months_range"]);
        }
        var manual = new List<ManualExclusion>();
        var lineNumber = 0;
        foreach (var raw in (Form.ManualExclusions ?? "").Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var split = line.IndexOfAny([' ', '\t', ',', '，', '　']);
            var code = CreditCode.Check(split < 0 ? line : line[..split]);
            var reason = split < 0 ? "" : line[(split + 1)..].Trim(' ', ',', '，', '\t', '　');
            if (!code.IsValid && !code.OnlyCheckCharactersFail) ModelState.AddModelError("Form.ManualExclusions", l["batch.exclusion_code", lineNumber, l[code.Problem!.Key, code.Problem.Args]]);
            else if (reason.Length == 0) ModelState.AddModelError("Form.ManualExclusions", l["batch.exclusion_reason", lineNumber]);
            else manual.Add(new ManualExclusion(code.Normalised, reason));
        }

        decimal? ratio = null;
        int? count = null;
        var byClass = new Dictionary<CreditRiskClass, decimal>();
        if (Form.ByCreditClass && Form.ClassRatios.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
        {
            foreach (var c in Enum.GetValues<CreditRiskClass>())
            {
                var text = Form.ClassRatios.GetValueOrDefault(c);
                if (Percent(text) is { } p) byClass[c] = p;
                else ModelState.AddModelError("Form.ClassRatios", l["batch.class_ratio", c.ToString()]);
            }
        }
        else if (!string.IsNullOrWhiteSpace(Form.Count))
        {
            if (int.TryParse(Form.Count, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= 1) count = n;
            else ModelState.AddModelError("Form.Count", l["item.count_range"]);
        }
        else if (Percent(Form.Ratio) is { } r) ratio = r;
        else ModelState.AddModelError("Form.Ratio", l["batch.rate_required"]);
        if (Form.TeamSize is < 2 or > 10) ModelState.AddModelError("Form.TeamSize", l["batch.team_size"]);
        // Only ordinary items chosen: the draw caps every ratio at the ordinary items' cap, so a higher one is refused here.
        var chosen = AllItems.Where(i => Form.Items.Contains(i.Code)).ToList();
        if (chosen.Count > 0 && chosen.All(i => !i.IsKey))
        {
            var cap = supervision.OrdinaryItemCapPercent;
            if (ratio > cap) ModelState.AddModelError("Form.Ratio", l["batch.ratio_over_cap", supervision.OrdinaryItemCap]);
            if (byClass.Values.Any(v => v > cap)) ModelState.AddModelError("Form.ClassRatios", l["batch.ratio_over_cap", supervision.OrdinaryItemCap]);
        }

        return new BatchSettings
        {
            ItemCodes = Form.Items, ScopeRegion = string.IsNullOrWhiteSpace(Form.ScopeRegion) ? null : Form.ScopeRegion, Industries = scopeOutcome.Industries,
            ProductCategories = scopeOutcome.ProductCategories, WholeScopeConfirmed = scopeOutcome.WholeScopeConfirmed,
            ItemProductCategories = [.. itemScope.ProductCategories], ItemIndustries = [.. itemScope.Industries], Sizes = Form.Sizes, Statuses = Form.Statuses, CreditClasses = Form.CreditClasses,
            ExcludeInspectedWithinMonths = months, ExcludeClosed = Form.ExcludeClosed, ManualExclusions = manual,
            ByRegion = Form.ByRegion, ByIndustry = Form.ByIndustry, ByCreditClass = Form.ByCreditClass,
            RatioPercent = ratio, CountPerStratum = count, RatioPercentByClass = byClass, TeamSize = Form.TeamSize, ExcludeOwnCounty = Form.ExcludeOwnCounty,
        };
    }

    private static decimal? Percent(string? text) =>
        decimal.TryParse(text?.Trim().TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) && v is > 0 and <= 100 ? v : null;

    private static BatchForm FormOf(PlanBatch b)
    {
        var s = b.Settings;
        return new BatchForm
        {
            Name = b.Name, Items = s.ItemCodes, ScopeRegion = s.ScopeRegion, Industries = s.Industries, ProductCategories = s.ProductCategories,
            WholeScopeConfirmed = s.WholeScopeConfirmed,
            Sizes = s.Sizes, Statuses = s.Statuses, CreditClasses = s.CreditClasses,
            ExcludeMonths = s.ExcludeInspectedWithinMonths?.ToString(CultureInfo.InvariantCulture), ExcludeClosed = s.ExcludeClosed,
            ManualExclusions = string.Join('\n', s.ManualExclusions.Select(m => $"{m.CreditCode} {m.Reason}")),
            ByRegion = s.ByRegion, ByIndustry = s.ByIndustry, ByCreditClass = s.ByCreditClass,
            Ratio = s.RatioPercent?.ToString("0.##", CultureInfo.InvariantCulture), Count = s.CountPerStratum?.ToString(CultureInfo.InvariantCulture),
            ClassRatios = s.RatioPercentByClass.ToDictionary(kv => kv.Key, kv => (string?)kv.Value.ToString("0.##", CultureInfo.InvariantCulture)),
            TeamSize = s.TeamSize, ExcludeOwnCounty = s.ExcludeOwnCounty,
        };
    }
}
