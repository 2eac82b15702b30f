using System.ComponentModel.DataAnnotations;
using Qualis.Features.Audit;
using Qualis.Features.Improvement.Experts;
using Qualis.Features.Improvement.Tasks;
using Qualis.Features.Registry;
using Qualis.Platform.Time;
using Qualis.Platform.Web;

namespace Qualis.Features.Improvement;

/// <summary>One indicator of the comparison with its years, gap trend, and before/after values.</summary>
public sealed record IndicatorView(ProjectIndicator Indicator, List<ComparisonPoint> Points, GapTrend? Trend)
{
    public ComparisonPoint? Before => Points.FirstOrDefault(p => p.Value is not null);
    public ComparisonPoint? After => Points.LastOrDefault(p => p.Value is not null);
}

/// <summary>An industry's or park's aggregate of one indicator in one year over its enterprises' projects: how many, the median, the share meeting the benchmark.</summary>
public sealed record AggregateRow(string Indicator, string Unit, int Year, int Enterprises, decimal? Median, decimal? ShareMeeting);

/// <summary>A dated step of the project's timeline (进程).</summary>
public sealed record TimelineStep(DateOnly On, string TextKey, string Detail);

/// <summary>
/// One project or help plan with its whole path — comparison (indicators, values by year, gap, trend, chart; values typed or
/// imported), consultations with the problems found, the prescription, the tackling tasks, the outcome, publication as a
/// typical case — and its history. Officials read it within their area; the enterprise reads its own; an expert reads the
/// projects they consulted on. Officers of the answering office (or above) add to it while it is open; the province
/// publishes a finished project. A repeated or simultaneous step meets a unique index or the project's version and lands
/// back here with a notice.
/// </summary>
[Authorize(Policy = ImprovementModule.ParticipantsPolicy)]
[RecordPage(typeof(ImprovementProject))]
public sealed class DetailModel(QualisDb db, IAuthorizationService authorization, IStringLocalizer l, PeopleClock clock) : PageModel
{
    public ImprovementProject Project { get; private set; } = null!;
    public string? RegionName { get; private set; }
    public string? OfficeName { get; private set; }
    public List<IndicatorView> Indicators { get; private set; } = [];
    public List<AggregateRow> Aggregates { get; private set; } = [];
    public List<ProjectConsultation> Consultations { get; private set; } = [];
    public Dictionary<Guid, string> ExpertNames { get; private set; } = [];
    public List<ProjectProblem> Problems { get; private set; } = [];
    public List<ProjectMeasure> Measures { get; private set; } = [];
    public List<ImprovementTask> Tasks { get; private set; } = [];
    public List<TimelineStep> Timeline { get; private set; } = [];
    public List<ExpertEntry> ExpertChoices { get; private set; } = [];
    public bool CanEdit { get; private set; }
    public bool CanPublish { get; private set; }
    public bool IsOfficial { get; private set; }
    public AuditHistoryView? History { get; private set; }
    public DateOnly Today => clock.Today;

    [BindProperty] public IndicatorForm Indicator { get; set; } = new();
    [BindProperty] public ValueForm Value { get; set; } = new();
    [BindProperty] public ConsultationForm Consult { get; set; } = new();
    [BindProperty] public ProblemForm Problem { get; set; } = new();
    [BindProperty] public MeasureForm Measure { get; set; } = new();
    [BindProperty] public TaskForm NewTask { get; set; } = new();
    [BindProperty] public FinishForm Finish { get; set; } = new();
    [BindProperty, Display(Name = "improvement.import_file")] public IFormFile? ValuesFile { get; set; }

    public string? Error(string key) => ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0
        ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>A comparison indicator: name, unit, direction, benchmark.</summary>
    public Task<IActionResult> OnPostIndicatorAsync(Guid id, CancellationToken ct) => StepAsync(id, "Indicator", (p, fail) =>
    {
        var name = Indicator.Name?.Trim() ?? "";
        if (name.Length == 0) fail("Name", "improvement.error.indicator_name_required", []);
        if (string.IsNullOrWhiteSpace(Indicator.Unit)) fail("Unit", "improvement.error.indicator_unit_required", []);
        if (!Enum.IsDefined(Indicator.BenchmarkKind)) fail("BenchmarkKind", "improvement.error.benchmark_kind_unknown", []);
        return System.Threading.Tasks.Task.FromResult<Action?>(() => db.Set<ProjectIndicator>().Add(new ProjectIndicator
        {
            ProjectId = p.Id, Name = name, Unit = Indicator.Unit?.Trim() ?? "", HigherIsBetter = Indicator.HigherIsBetter, BenchmarkKind = Indicator.BenchmarkKind,
            BenchmarkName = string.IsNullOrWhiteSpace(Indicator.BenchmarkName) ? null : Indicator.BenchmarkName.Trim(),
        }));
    }, "improvement.indicator_added", ct);

    /// <summary>One year's values of an indicator (the object's, the benchmark's); a year given again replaces the values.</summary>
    public Task<IActionResult> OnPostValueAsync(Guid id, CancellationToken ct) => StepAsync(id, "Value", async (p, fail) =>
    {
        var indicator = Value.IndicatorId is { } iid ? await db.Set<ProjectIndicator>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == iid && i.ProjectId == p.Id, ct) : null;
        if (indicator is null) fail("IndicatorId", "improvement.error.indicator_required", []);
        if (Value.Year is not { } year || year < 2000 || year > clock.Today.Year) { fail("Year", "improvement.error.year_range", [2000, clock.Today.Year]); year = 0; }
        var (value, vp) = ImprovementRules.ParseValue(Value.Value, "Value");
        var (benchmark, bp) = ImprovementRules.ParseValue(Value.Benchmark, "Benchmark");
        foreach (var problem in new[] { vp, bp }.OfType<ImprovementProblem>()) fail(problem.Field, problem.Key, problem.Args);
        if (vp is null && bp is null && value is null && benchmark is null) fail("Value", "improvement.error.value_required", []);
        if (indicator is null) return null;
        var existing = await db.Set<ProjectValue>().SingleOrDefaultAsync(v => v.IndicatorId == indicator.Id && v.Year == year, ct);
        return () =>
        {
            if (existing is null) db.Set<ProjectValue>().Add(new ProjectValue { ProjectId = p.Id, IndicatorId = indicator.Id, Year = year, Value = value, Benchmark = benchmark });
            else (existing.Value, existing.Benchmark) = (value ?? existing.Value, benchmark ?? existing.Benchmark);
        };
    }, "improvement.value_saved", ct);

    /// <summary>
    /// The comparison's values from an XLSX or CSV file (指标, 年份, 本单位值, 对标值): every bad row is reported by its number
    /// and field, and nothing is written while any row is bad. An indicator named in the file must exist on the project.
    /// </summary>
    public Task<IActionResult> OnPostImportAsync(Guid id, CancellationToken ct) => StepAsync(id, "Import", async (p, fail) =>
    {
        var (rows, key, args) = await SmallTable.ReadAsync(ValuesFile, ValueColumns, ["indicator", "year"], ct);
        if (rows is null) { fail("ValuesFile", key!, args); return null; }
        var indicators = await db.Set<ProjectIndicator>().AsNoTracking().Where(i => i.ProjectId == p.Id).ToDictionaryAsync(i => i.Name, ct);
        var parsed = new List<(Guid Indicator, int Year, decimal? Value, decimal? Benchmark)>();
        foreach (var row in rows)
        {
            void Bad(string field, string text) => ModelState.AddModelError("ValuesFile", l["improvement.error.row", row.Row, l[field].Value, text]);
            if (row["indicator"] is not { } name || !indicators.TryGetValue(name, out var indicator)) { Bad("improvement.indicator", l["improvement.error.indicator_unknown", row["indicator"] ?? ""]); continue; }
            if (!int.TryParse(row["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 2000 || year > clock.Today.Year)
                { Bad("improvement.year", l["improvement.error.year_range", 2000, clock.Today.Year]); continue; }
            var (value, vp) = ImprovementRules.ParseValue(row["value"], "Value");
            var (benchmark, bp) = ImprovementRules.ParseValue(row["benchmark"], "Benchmark");
            if (vp is not null) Bad("improvement.value", l[vp.Key, vp.Args]);
            if (bp is not null) Bad("improvement.benchmark_value", l[bp.Key, bp.Args]);
            if (vp is null && bp is null) parsed.Add((indicator.Id, year, value, benchmark));
        }
        if (!ModelState.IsValid) return null;
        var ids = indicators.Values.Select(i => i.Id).ToList();
        var existing = await db.Set<ProjectValue>().Where(v => ids.Contains(v.IndicatorId)).ToListAsync(ct);
        return () =>
        {
            foreach (var (indicator, year, value, benchmark) in parsed.DistinctBy(x => (x.Indicator, x.Year)))
            {
                if (existing.FirstOrDefault(v => v.IndicatorId == indicator && v.Year == year) is { } v) (v.Value, v.Benchmark) = (value ?? v.Value, benchmark ?? v.Benchmark);
                else db.Set<ProjectValue>().Add(new ProjectValue { ProjectId = p.Id, IndicatorId = indicator, Year = year, Value = value, Benchmark = benchmark });
            }
        };
    }, "improvement.values_imported", ct);

    private static readonly Dictionary<string, string[]> ValueColumns = new()
    {
        ["indicator"] = ["指标", "指标名称", "Indicator"],
        ["year"] = ["年份", "年度", "Year"],
        ["value"] = ["本单位值", "数值", "Value"],
        ["benchmark"] = ["对标值", "标杆值", "Benchmark"],
    };

    /// <summary>A consultation: its day and who took part; an expert who declared a conflict with the enterprise is refused by name.</summary>
    public Task<IActionResult> OnPostConsultationAsync(Guid id, CancellationToken ct) => StepAsync(id, "Consult", async (p, fail) =>
    {
        if (Consult.HeldOn is not { } on) { fail("HeldOn", "improvement.error.held_on_required", []); on = default; }
        else if (on > clock.Today) fail("HeldOn", "improvement.error.held_on_future", []);
        var experts = Consult.ExpertIds.Distinct().ToList();
        var found = await ExpertsFace.FindAsync(db, experts, ct);
        if (found.Count != experts.Count) fail("ExpertIds", "improvement.error.expert_unknown", []);
        var conflicting = await ExpertsFace.ConflictingAsync(db, experts, p.CreditCode, p.SubjectName, ct);
        if (conflicting.Count > 0) fail("ExpertIds", "improvement.error.expert_conflict", [string.Join("、", conflicting), p.SubjectName]);
        if (experts.Count == 0 && string.IsNullOrWhiteSpace(Consult.Departments)) fail("ExpertIds", "improvement.error.participants_required", []);
        return () => db.Set<ProjectConsultation>().Add(new ProjectConsultation
        {
            ProjectId = p.Id, HeldOn = on, ExpertIds = string.Join(",", experts), Departments = Trimmed(Consult.Departments),
            EnterpriseAttendees = Trimmed(Consult.EnterpriseAttendees), Summary = Trimmed(Consult.Summary),
        });
    }, "improvement.consultation_added", ct);

    /// <summary>A problem the consultation found, classified and ranked.</summary>
    public Task<IActionResult> OnPostProblemAsync(Guid id, CancellationToken ct) => StepAsync(id, "Problem", async (p, fail) =>
    {
        if (Problem.ConsultationId is { } cid && !await db.Set<ProjectConsultation>().AnyAsync(c => c.Id == cid && c.ProjectId == p.Id, ct)) fail("ConsultationId", "improvement.error.consultation_unknown", []);
        if (Problem.Category is not { } category || !Enum.IsDefined(category)) { fail("Category", "improvement.error.category_required", []); category = ProblemCategory.Other; }
        if (Problem.Rank is not { } rank) { fail("Rank", "improvement.error.rank_required", []); rank = 0; }
        var text = Problem.Description?.Trim() ?? "";
        if (text.Length == 0) fail("Description", "improvement.error.description_required", []);
        return () => db.Set<ProjectProblem>().Add(new ProjectProblem { ProjectId = p.Id, ConsultationId = Problem.ConsultationId, Category = category, Rank = rank, Description = text });
    }, "improvement.problem_added", ct);

    /// <summary>A measure prescribed for a problem: what, who acts, by when (not before the project starts).</summary>
    public Task<IActionResult> OnPostMeasureAsync(Guid id, CancellationToken ct) => StepAsync(id, "Measure", async (p, fail) =>
    {
        if (Measure.ProblemId is not { } pid || !await db.Set<ProjectProblem>().AnyAsync(x => x.Id == pid && x.ProjectId == p.Id, ct)) { fail("ProblemId", "improvement.error.problem_required", []); pid = default; }
        var text = Measure.Text?.Trim() ?? "";
        if (text.Length == 0) fail("Text", "improvement.error.measure_required", []);
        if (string.IsNullOrWhiteSpace(Measure.Actor)) fail("Actor", "improvement.error.actor_required", []);
        if (Measure.DueOn is not { } due) { fail("DueOn", "improvement.error.due_required", []); due = default; }
        else if (ImprovementRules.Dates(p.StartOn, due, "DueOn") is { } order) fail(order.Field, order.Key, order.Args);
        return () => db.Set<ProjectMeasure>().Add(new ProjectMeasure { ProjectId = p.Id, ProblemId = pid, Text = text, Actor = Measure.Actor!.Trim(), DueOn = due });
    }, "improvement.measure_added", ct);

    /// <summary>A tackling task: title, owner (the office, the enterprise, a unit or expert), deadline.</summary>
    public Task<IActionResult> OnPostTaskAsync(Guid id, CancellationToken ct) => StepAsync(id, "NewTask", async (p, fail) =>
    {
        var title = NewTask.Title?.Trim() ?? "";
        if (title.Length == 0) fail("Title", "improvement.error.task_title_required", []);
        if (NewTask.MeasureId is { } mid && !await db.Set<ProjectMeasure>().AnyAsync(m => m.Id == mid && m.ProjectId == p.Id, ct)) fail("MeasureId", "improvement.error.measure_unknown", []);
        if (!Enum.IsDefined(NewTask.OwnerKind)) fail("OwnerKind", "improvement.error.owner_kind_unknown", []);
        if (NewTask.OwnerKind == TaskOwnerKind.Enterprise && p.CreditCode is null) fail("OwnerKind", "improvement.error.owner_no_enterprise", []);
        if (NewTask.OwnerKind == TaskOwnerKind.Unit && string.IsNullOrWhiteSpace(NewTask.OwnerName)) fail("OwnerName", "improvement.error.owner_required", []);
        var account = string.IsNullOrWhiteSpace(NewTask.OwnerUserName) ? null : NewTask.OwnerUserName.Trim();
        if (account is not null && !await db.Users.AsNoTracking().AnyAsync(u => u.UserName == account, ct)) fail("OwnerUserName", "improvement.error.account_unknown", [account]);
        if (NewTask.Deadline is not { } deadline) { fail("Deadline", "improvement.error.deadline_required", []); deadline = default; }
        else if (ImprovementRules.Dates(p.StartOn, deadline, "Deadline") is { } order) fail(order.Field, order.Key, order.Args);
        var owner = NewTask.OwnerKind switch
        {
            TaskOwnerKind.Enterprise => p.SubjectName,
            TaskOwnerKind.Office => await OfficeNameAsync(p.OfficeCode, ct),
            _ => NewTask.OwnerName?.Trim() ?? "",
        };
        return () => db.Set<ImprovementTask>().Add(new ImprovementTask
        {
            ProjectId = p.Id, MeasureId = NewTask.MeasureId, Title = title, OwnerKind = NewTask.OwnerKind, OwnerName = owner, OwnerUserName = account, Deadline = deadline,
            CreditCode = p.CreditCode, EnterpriseName = p.CreditCode is null ? null : p.SubjectName, Source = p.Title[..Math.Min(p.Title.Length, ImprovementTask.TitleLength)],
            OfficeCode = p.OfficeCode, RegionCode = p.RegionCode, RegionPath = p.RegionPath, CreatedAt = clock.UtcNow, CreatedBy = User.Identity?.Name ?? "",
        });
    }, "improvement.task_added", ct);

    /// <summary>The outcome: the result recorded by the office; every task must be closed first.</summary>
    public Task<IActionResult> OnPostFinishAsync(Guid id, CancellationToken ct) => StepAsync(id, "Finish", async (p, fail) =>
    {
        var on = Finish.On ?? clock.Today;
        if (on > clock.Today) fail("On", "improvement.error.finish_in_future", []);
        var open = await db.Set<ImprovementTask>().CountAsync(t => t.ProjectId == p.Id && t.Status == TaskState.Open, ct);
        foreach (var problem in ImprovementRules.Finish(p, Finish.Result, on, open)) fail(problem.Field, problem.Key, problem.Args);
        return () => { };
    }, "improvement.finished", ct);

    /// <summary>Publishes a finished project as a typical case (典型案例): the province's step.</summary>
    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<ImprovementProject>().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } p) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, ImprovementModule.PublishersPolicy)).Succeeded) return Forbid();
        if (p.PublishedAt is not null) return this.AlreadyDoneAt("/Improvement/" + id, l["improvement.already_published", p.Title].Value);
        var problems = ImprovementRules.Publish(p, clock.UtcNow, User.Identity?.Name ?? "");
        if (problems.Count > 0)
        {
            foreach (var problem in problems) ModelState.AddModelError(problem.Field, l[problem.Key, problem.Args]);
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Page();
        }
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l["improvement.published"].Value;
            return Redirect("/Improvement/" + id);
        }, () => System.Threading.Tasks.Task.FromResult(this.AlreadyDoneAt("/Improvement/" + id, l["improvement.already_published", p.Title].Value)));
    }

    /// <summary>
    /// One step on an open project of the answering office: the check adds its problems (on the form's fields) and returns the
    /// change to make; the project's version is raised with it, so two simultaneous steps cannot both be based on the same
    /// state, and a step that lost the race (or met a unique index) lands back on the project with a notice.
    /// </summary>
    private async Task<IActionResult> StepAsync(Guid id, string form, Func<ImprovementProject, Action<string, string, object[]>, Task<Action?>> check, string doneKey, CancellationToken ct)
    {
        if (await db.Set<ImprovementProject>().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } p) return NotFound();
        if (!(await authorization.AuthorizeAsync(User, ImprovementModule.EditorsPolicy)).Succeeded || !ImprovementRules.Answers(db.Actor.RegionPath, p.OfficeCode, p.RegionPath)) return Forbid();
        var url = "/Improvement/" + id;
        if (p.Status != ProjectStatus.Open) return this.AlreadyDoneAt(url, l["improvement.not_open", p.Title, l[p.Status.TextKey()].Value].Value);
        var prefix = form == "Import" ? "" : form + ".";
        void Fail(string field, string key, object[] args) => ModelState.AddModelError(prefix + field, l[key, args]);
        Action? change = null;
        if (ModelState.IsValid) change = await check(p, Fail);
        if (!ModelState.IsValid || change is null)
        {
            if (ModelState.IsValid) ModelState.AddModelError(prefix.TrimEnd('.'), l["form.fix_errors"]);
            db.ChangeTracker.Clear();
            await LoadAsync(id, ct);
            return Page();
        }
        change();
        db.Touch(p);
        return await db.OrFirstResultAsync<IActionResult>(async () =>
        {
            await db.SaveChangesAsync(ct);
            TempData["Message"] = l[doneKey].Value;
            return Redirect(url + "#" + form.ToLowerInvariant());
        }, () => System.Threading.Tasks.Task.FromResult(this.AlreadyDoneAt(url, l["improvement.already_done"].Value)));
    }

    private static string? Trimmed(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private async Task<string> OfficeNameAsync(string code, CancellationToken ct) =>
        (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().SingleOrDefaultAsync(r => r.Code == code, ct))?.DisplayName(false) ?? code;

    /// <summary>Whether the reader may see the project: an official through the area filter; the enterprise its own; an expert one they consulted on or own a task of.</summary>
    private async Task<bool> MaySeeAsync(ImprovementProject p, CancellationToken ct)
    {
        IsOfficial = (await authorization.AuthorizeAsync(User, ImprovementModule.ReadersPolicy)).Succeeded;
        if (IsOfficial) return true;
        if (db.Actor.EnterpriseCode is { } code) return p.CreditCode == code;
        var me = User.Identity?.Name ?? "";
        if (await db.Set<ImprovementTask>().AnyAsync(t => t.ProjectId == p.Id && t.OwnerUserName == me, ct)) return true;
        var mine = (await ExpertsFace.OfAccountAsync(db, me, ct)).Select(e => e.Id.ToString()).ToList();
        var sat = await db.Set<ProjectConsultation>().AsNoTracking().Where(c => c.ProjectId == p.Id).Select(c => c.ExpertIds).ToListAsync(ct);
        return sat.Any(s => mine.Any(s.Contains));
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await db.Set<ImprovementProject>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } p || !await MaySeeAsync(p, ct)) return false;
        Project = p;
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        var names = await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking().Where(r => r.Code == p.RegionCode || r.Code == p.OfficeCode).ToListAsync(ct);
        RegionName = names.FirstOrDefault(r => r.Code == p.RegionCode)?.DisplayName(english);
        OfficeName = names.FirstOrDefault(r => r.Code == p.OfficeCode)?.DisplayName(english);

        var indicators = await db.Set<ProjectIndicator>().AsNoTracking().Where(i => i.ProjectId == id).OrderBy(i => i.Name).ToListAsync(ct);
        var values = await db.Set<ProjectValue>().AsNoTracking().Where(v => v.ProjectId == id).ToListAsync(ct);
        Indicators = indicators.Select(i =>
        {
            var points = values.Where(v => v.IndicatorId == i.Id).OrderBy(v => v.Year).Select(v => ImprovementRules.Point(v.Year, v.Value, v.Benchmark, i.HigherIsBetter)).ToList();
            return new IndicatorView(i, points, ImprovementRules.Trend(points));
        }).ToList();
        var enterprises = db.Set<ImprovementProject>().AsNoTracking().Where(x => x.SubjectKind == SubjectKind.Enterprise && x.Id != p.Id);
        if (p.SubjectKind == SubjectKind.Industry && p.IndustryCode is { } industry)
            Aggregates = await AggregatesAsync(enterprises.Where(x => x.IndustryCode != null && x.IndustryCode.StartsWith(industry)), ct);
        else if (p.SubjectKind == SubjectKind.Park && Guid.TryParse(p.SubjectKey, out var park))
        {
            var codes = await RegistryFace.EnterpriseCodesOfParkAsync(db, park, 20_000, ct);
            Aggregates = await AggregatesAsync(enterprises.Where(x => x.CreditCode != null && codes.Contains(x.CreditCode)), ct);
        }

        Consultations = await db.Set<ProjectConsultation>().AsNoTracking().Where(c => c.ProjectId == id).OrderBy(c => c.HeldOn).ToListAsync(ct);
        var expertIds = Consultations.SelectMany(c => c.ExpertIds.Split(',', StringSplitOptions.RemoveEmptyEntries)).Select(Guid.Parse).Distinct().ToList();
        ExpertNames = (await ExpertsFace.FindAsync(db, expertIds, ct)).ToDictionary(e => e.Id, e => e.Name);
        Problems = await db.Set<ProjectProblem>().AsNoTracking().Where(x => x.ProjectId == id).OrderBy(x => x.Rank).ThenBy(x => x.Id).ToListAsync(ct);
        Measures = await db.Set<ProjectMeasure>().AsNoTracking().Where(x => x.ProjectId == id).OrderBy(x => x.DueOn).ThenBy(x => x.Id).ToListAsync(ct);
        Tasks = await db.Set<ImprovementTask>().AsNoTracking().Where(t => t.ProjectId == id).OrderBy(t => t.Deadline).ThenBy(t => t.Id).ToListAsync(ct);

        Timeline = [new(p.StartOn, "improvement.step.created", p.Title)];
        if (values.Count > 0) Timeline.Add(new(Timeline[0].On, "improvement.step.compared", string.Join("、", indicators.Select(i => i.Name))));
        Timeline.AddRange(Consultations.Select(c => new TimelineStep(c.HeldOn, "improvement.step.consulted", c.Summary ?? "")));
        Timeline.AddRange(Measures.Select(m => new TimelineStep(m.DueOn, "improvement.step.measure_due", m.Text)));
        Timeline.AddRange(Tasks.Where(t => t.ClosedOn is not null).Select(t => new TimelineStep(t.ClosedOn!.Value, "improvement.step.task_closed", t.Title)));
        if (p.FinishedOn is { } finished) Timeline.Add(new(finished, "improvement.step.finished", p.Result ?? ""));
        if (p.PublishedAt is { } published) Timeline.Add(new(clock.DateOf(published), "improvement.step.published", ""));
        Timeline = [.. Timeline.OrderBy(s => s.On)];

        CanEdit = p.Status == ProjectStatus.Open && IsOfficial && ImprovementRules.Answers(db.Actor.RegionPath, p.OfficeCode, p.RegionPath)
            && (await authorization.AuthorizeAsync(User, ImprovementModule.EditorsPolicy)).Succeeded;
        CanPublish = p.Kind == ProjectKind.Improvement && p.Status == ProjectStatus.Finished && p.PublishedAt is null
            && (await authorization.AuthorizeAsync(User, ImprovementModule.PublishersPolicy)).Succeeded;
        if (CanEdit) ExpertChoices = await ExpertsFace.ChoicesAsync(db, ct);
        if (IsOfficial) History = await AuditHistory.ForAsync(db, nameof(ImprovementProject), id.ToString());
        return true;
    }

    /// <summary>
    /// An industry's or a park's comparison: over the projects of its enterprises within the reader's area (those of the
    /// industry, or those the registry places in the park), per indicator name and year, how many enterprises gave a value,
    /// the median value and the share meeting their benchmark.
    /// </summary>
    private async Task<List<AggregateRow>> AggregatesAsync(IQueryable<ImprovementProject> projects, CancellationToken ct)
    {
        var rows = await db.Set<ProjectValue>().AsNoTracking()
            .Join(db.Set<ProjectIndicator>().AsNoTracking(), v => v.IndicatorId, i => i.Id, (v, i) => new { v, i })
            .Join(projects, x => x.v.ProjectId, pr => pr.Id, (x, pr) => new { x.i.Name, x.i.Unit, x.i.HigherIsBetter, x.v.Year, x.v.Value, x.v.Benchmark, pr.CreditCode })
            .Take(20_000).ToListAsync(ct);
        return rows.GroupBy(r => (r.Name, r.Unit, r.Year)).OrderBy(g => g.Key.Name).ThenBy(g => g.Key.Year).Select(g =>
        {
            var points = g.Select(r => ImprovementRules.Point(r.Year, r.Value, r.Benchmark, r.HigherIsBetter)).ToList();
            return new AggregateRow(g.Key.Name, g.Key.Unit, g.Key.Year, g.Select(r => r.CreditCode).Distinct().Count(),
                ImprovementRules.Median(g.Where(r => r.Value is not null).Select(r => r.Value!.Value)), ImprovementRules.ShareMeeting(points));
        }).ToList();
    }
}
