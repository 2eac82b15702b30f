using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Qualis.Features.Assessment.Scoring;
using Qualis.Features.Departments;
using Qualis.Platform.Accounts;
using Qualis.Platform.Indicators;

namespace Qualis.Features.Assessment;

/// <summary>A scheme with its sheet, calendar and veto rules, as loaded for a page.</summary>
public sealed record SchemeBundle(AssessmentScheme Scheme, List<SchemeItem> Items, List<SchemeStep> Steps, List<SchemeVeto> Vetoes)
{
    public GradeBands Bands => Scoring.GradeBands.TryParse(Scheme.GradeBands) ?? Scoring.GradeBands.TryParse(Scoring.GradeBands.Default)!;

    public ScoringScheme ToScoring() =>
        new(Items.OrderBy(i => i.Order).Select(i => i.ToScoring()).ToList(), Scheme.Total, Bands, Vetoes.Select(v => new VetoRule(v.Code, v.Name, v.Grade)).ToList());

    public List<SchemeItem> Leaves => Items.Where(i => !Items.Any(c => c.ParentCode == i.Code)).OrderBy(i => i.Order).ToList();

    public DateOnly? Deadline(AssessmentStep step) => Steps.FirstOrDefault(s => s.Step == step)?.Deadline;
}

/// <summary>The ranking the scheme gives now (preview) with the hash that publishing checks.</summary>
public sealed record Ranking(List<CityScore> Scores, string Hash);

/// <summary>
/// The assessment's steps over the database: loading a scheme, opening the cities' assessments with their items
/// pre-filled from the platform's indicators, scoring (the preview) and publishing exactly the preview.
/// </summary>
public sealed class AssessmentService(QualisDb db, IndicatorCatalog indicators, TimeProvider clock, Qualis.Platform.Time.PeopleClock people)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The schemes the reader may see: those of its own area, and the published schemes of the areas above it, which
    /// assess it (<see cref="AreaReason.AssessingArea"/>).
    /// </summary>
    public IQueryable<AssessmentScheme> Visible()
    {
        if (db.Actor.RegionPath is not { } path) return db.Set<AssessmentScheme>();
        var above = Region.PathsAbove(path);
        var end = path + RegionRange.End;
        return db.Set<AssessmentScheme>().OutsideArea(AreaReason.AssessingArea)
            .Where(s => (above.Contains(s.RegionPath) && s.Status != SchemeStatus.Draft)
                        || (string.Compare(s.RegionPath, path) >= 0 && string.Compare(s.RegionPath, end) < 0));
    }

    public async Task<SchemeBundle?> LoadAsync(Guid id, CancellationToken ct)
    {
        var scheme = await Visible().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (scheme is null) return null;
        return new(scheme,
            await db.Set<SchemeItem>().Where(i => i.SchemeId == id).OrderBy(i => i.Order).ToListAsync(ct),
            await db.Set<SchemeStep>().Where(s => s.SchemeId == id).OrderBy(s => s.Step).ToListAsync(ct),
            await db.Set<SchemeVeto>().Where(v => v.SchemeId == id).OrderBy(v => v.Code).ToListAsync(ct));
    }

    /// <summary>What keeps the scheme from being published, checked by the engine with the platform's indicators.</summary>
    public List<SchemeProblem> Problems(SchemeBundle bundle)
    {
        var problems = ScoringEngine.Check(bundle.ToScoring(), key => indicators.Find(key) is not null);
        if (bundle.Scheme.SummaryItemCode is { } code && bundle.Leaves.FirstOrDefault(i => i.Code == code) is not { Type: ScoringType.Deduction })
            problems.Add(new(code, "assessment.problem.summary_item", [code]));
        return problems;
    }

    /// <summary>Whether the signed-in official runs this scheme's assessment: an official of the scheme's own area (the province for its cities).</summary>
    public static bool Runs(ClaimsPrincipal user, AssessmentScheme scheme) =>
        Roles.Officials.Split(',').Any(user.IsInRole) && user.Get(QualisClaims.RegionCode) == scheme.RegionCode;

    /// <summary>
    /// Whether the signed-in account scores the item: a partner-department account whose organisation is the item's
    /// scoring department (by its current or former name, or the province's full name of it: 安徽省农业农村厅 for 省农业农村厅),
    /// or an official running the scheme (综合评议).
    /// </summary>
    public async Task<bool> ScoresAsync(ClaimsPrincipal user, AssessmentScheme scheme, SchemeItem item, CancellationToken ct)
    {
        if (Runs(user, scheme)) return true;
        if (!user.IsInRole(Roles.PartnerDepartment) || item.Department is not { Length: > 0 } department) return false;
        return (await DepartmentOfAsync(user, ct)) == department;
    }

    private string? _department;
    private bool _departmentKnown;

    /// <summary>The directory's name of the signed-in partner department, or its organisation as written.</summary>
    public async Task<string?> DepartmentOfAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (_departmentKnown) return _department;
        _departmentKnown = true;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var organisation = await db.Users.OutsideArea(AreaReason.SignIn).AsNoTracking().Where(u => u.Id == userId).Select(u => u.Organisation).SingleOrDefaultAsync(ct);
        return _department = await DepartmentNamedAsync(organisation, ct);
    }

    /// <summary>
    /// The department an account's organisation stands for, by the directory's current name: a current or former name,
    /// or the province's full name of it (安徽省农业农村厅 for 省农业农村厅); the organisation as written when unknown.
    /// </summary>
    public async Task<string?> DepartmentNamedAsync(string? organisation, CancellationToken ct) =>
        (await DepartmentsFace.OfOrganisationAsync(db, organisation, ct))?.Name ?? (string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim());

    /// <summary>The areas a scheme's area assesses: the regions one level below it (a province's cities).</summary>
    public async Task<List<Region>> CitiesAsync(string regionCode, CancellationToken ct) =>
        await db.Set<Region>().AsNoTracking().Where(r => r.ParentCode == regionCode).OrderBy(r => r.Code).ToListAsync(ct);

    /// <summary>Region names by code, in the reader's language (names only, read as references).</summary>
    public async Task<Dictionary<string, string>> RegionNamesAsync(CancellationToken ct)
    {
        var english = Texts.IsEnglish(CultureInfo.CurrentUICulture);
        return (await db.Set<Region>().OutsideArea(AreaReason.ReferenceLookup).AsNoTracking()
            .Select(r => new { r.Code, r.Name, r.NameEn }).ToListAsync(ct))
            .ToDictionary(r => r.Code, r => english && !string.IsNullOrEmpty(r.NameEn) ? r.NameEn : r.Name);
    }

    /// <summary>
    /// Opens every city's assessment of a scheme just published: one row per city and one per leaf item, the items
    /// the platform can count pre-filled with its figure and a link to the records behind it.
    /// </summary>
    public async Task OpenCitiesAsync(SchemeBundle bundle, CancellationToken ct)
    {
        var cities = await CitiesAsync(bundle.Scheme.RegionCode, ct);
        var existing = await db.Set<CityAssessment>().Where(c => c.SchemeId == bundle.Scheme.Id).Select(c => c.RegionCode).ToListAsync(ct);
        var opened = new List<CityAssessment>();
        foreach (var city in cities.Where(c => !existing.Contains(c.Code)))
        {
            var assessment = new CityAssessment { SchemeId = bundle.Scheme.Id, RegionCode = city.Code, RegionPath = city.RegionPath };
            db.Set<CityAssessment>().Add(assessment);
            opened.Add(assessment);
            foreach (var leaf in bundle.Leaves)
                db.Set<ItemScore>().Add(new ItemScore { CityAssessmentId = assessment.Id, ItemCode = leaf.Code });
        }
        await PrefillAsync(bundle, opened, ct);
    }

    /// <summary>
    /// Puts the platform's current figures into the not yet reviewed items of the given assessments ("collect each figure
    /// once"): the city only explains or corrects them. Figures as of today, or the scheme year's last day once it is over.
    /// </summary>
    public async Task PrefillAsync(SchemeBundle bundle, IReadOnlyList<CityAssessment> assessments, CancellationToken ct)
    {
        if (assessments.Count == 0) return;
        var yearEnd = new DateOnly(bundle.Scheme.Year, 12, 31);
        var asOf = people.Today < yearEnd ? people.Today : yearEnd;
        var codes = assessments.Select(a => a.RegionCode).ToList();
        var ids = assessments.Select(a => a.Id).ToList();
        var scores = db.ChangeTracker.Entries<ItemScore>().Select(e => e.Entity).Where(s => ids.Contains(s.CityAssessmentId)).ToList();
        var stored = await db.Set<ItemScore>().Where(s => ids.Contains(s.CityAssessmentId)).ToListAsync(ct);
        scores = scores.Concat(stored).DistinctBy(s => s.Id).ToList();
        foreach (var leaf in bundle.Leaves.Where(l => l.Type == ScoringType.Formula))
        {
            if (indicators.Find(leaf.IndicatorKey) is not { } indicator) continue;
            var values = await indicator.ValuesAsync(db, bundle.Scheme.Year, codes, asOf, ct);
            foreach (var assessment in assessments)
            {
                var score = scores.FirstOrDefault(s => s.CityAssessmentId == assessment.Id && s.ItemCode == leaf.Code);
                if (score is null || score.Review != ReviewState.Pending) continue;
                var value = values.GetValueOrDefault(assessment.RegionCode);
                score.PlatformValue = value?.Value;
                score.PlatformLink = value?.Link;
            }
        }
    }

    /// <summary>The work summary is late (逾期): not given by its due day (past it), or given after it.</summary>
    public static bool SummaryLate(AssessmentScheme scheme, CityAssessment city, DateOnly today) =>
        scheme.SummaryDue is { } due && (city.SummarySubmittedOn is { } on ? on > due : today > due);

    /// <summary>The inputs of every city of the scheme the reader may see, as the reviews left them.</summary>
    public async Task<Dictionary<string, CityInputs>> InputsAsync(SchemeBundle bundle, CancellationToken ct)
    {
        var cities = await db.Set<CityAssessment>().AsNoTracking().Where(c => c.SchemeId == bundle.Scheme.Id).ToListAsync(ct);
        var ids = cities.Select(c => c.Id).ToList();
        var scores = (await db.Set<ItemScore>().AsNoTracking().Where(s => ids.Contains(s.CityAssessmentId)).ToListAsync(ct)).ToLookup(s => s.CityAssessmentId);
        var vetoes = (await db.Set<CityVeto>().AsNoTracking().Where(v => ids.Contains(v.CityAssessmentId)).ToListAsync(ct)).ToLookup(v => v.CityAssessmentId);
        var leaves = bundle.Leaves.ToDictionary(l => l.Code);
        var result = new Dictionary<string, CityInputs>(StringComparer.Ordinal);
        foreach (var city in cities)
        {
            var items = new Dictionary<string, ItemInput>(StringComparer.Ordinal);
            foreach (var s in scores[city.Id].Where(s => leaves.ContainsKey(s.ItemCode)))
                items[s.ItemCode] = s.Input(leaves[s.ItemCode].Type);
            if (bundle.Scheme.SummaryItemCode is { } summaryItem && leaves.ContainsKey(summaryItem))
            {
                var late = SummaryLate(bundle.Scheme, city, people.Today) ? 1m : 0m;
                var review = items.GetValueOrDefault(summaryItem);
                items[summaryItem] = new ItemInput(late, null, FigureSource.Platform, review?.AdjustedPoints, review?.AdjustReason);
            }
            result[city.RegionCode] = new CityInputs(items, vetoes[city.Id].ToDictionary(v => v.VetoCode, v => v.Reason));
        }
        return result;
    }

    /// <summary>The ranking as the scheme gives it now, with its hash (the preview).</summary>
    public async Task<Ranking> RankingAsync(SchemeBundle bundle, CancellationToken ct)
    {
        var scores = ScoringEngine.Score(bundle.ToScoring(), await InputsAsync(bundle, ct));
        return new(scores, HashOf(scores));
    }

    public static string HashOf(IReadOnlyList<CityScore> scores) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(scores, Json)));

    /// <summary>The published results, in rank order, as the engine's scores.</summary>
    public async Task<List<CityScore>> PublishedAsync(Guid schemeId, CancellationToken ct) =>
        (await db.Set<SchemeResult>().AsNoTracking().Where(r => r.SchemeId == schemeId).ToListAsync(ct))
        .OrderBy(r => r.Rank).ThenBy(r => r.RegionCode, StringComparer.Ordinal)
        .Select(r => new CityScore(r.RegionCode, r.Score, r.Grade, r.Rank, r.Vetoed, JsonSerializer.Deserialize<List<ExplanationLine>>(r.Lines, Json) ?? []))
        .ToList();

    /// <summary>Why the results cannot be published yet: cities whose every item is not reviewed.</summary>
    public async Task<List<string>> UnreviewedCitiesAsync(Guid schemeId, CancellationToken ct) =>
        await db.Set<CityAssessment>().AsNoTracking().Where(c => c.SchemeId == schemeId && c.Stage != CityStage.Reviewed)
            .OrderBy(c => c.RegionCode).Select(c => c.RegionCode).ToListAsync(ct);

    /// <summary>
    /// Publishes the results (通报): exactly the previewed ranking, or nothing when the ranking changed since the preview
    /// (false). The lowest-ranked city owes a rectification report within a month. The scheme's version and the unique
    /// index on results make a second publication fail in the database.
    /// </summary>
    public async Task<bool> PublishAsync(SchemeBundle bundle, string previewHash, CancellationToken ct)
    {
        var ranking = await RankingAsync(bundle, ct);
        if (!string.Equals(ranking.Hash, previewHash, StringComparison.Ordinal)) return false;
        foreach (var s in ranking.Scores)
            db.Set<SchemeResult>().Add(new SchemeResult
            {
                SchemeId = bundle.Scheme.Id, RegionCode = s.City, Score = s.Score, Grade = s.Grade, Rank = s.Rank, Vetoed = s.Vetoed,
                Lines = JsonSerializer.Serialize(s.Lines, Json),
            });
        bundle.Scheme.Status = SchemeStatus.ResultsPublished;
        bundle.Scheme.ResultsPublishedAt = clock.GetUtcNow().UtcDateTime;
        bundle.Scheme.ResultsHash = ranking.Hash;
        if (ranking.Scores.Count > 0)
        {
            var lowest = ranking.Scores.Where(s => s.Rank == ranking.Scores[^1].Rank).Select(s => s.City).ToList();
            var due = people.Today.AddMonths(1);
            foreach (var city in await db.Set<CityAssessment>().Where(c => c.SchemeId == bundle.Scheme.Id && lowest.Contains(c.RegionCode)).ToListAsync(ct))
                city.RectificationDue = due;
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Copies a year's scheme forward (方案沿用): items, veto rules and the calendar moved by the years between, as a
    /// draft of the new year. The unique index on province and year makes a double copy one.
    /// </summary>
    public async Task<AssessmentScheme> CopyForwardAsync(SchemeBundle from, int year, CancellationToken ct)
    {
        var shift = year - from.Scheme.Year;
        var s = from.Scheme;
        var copy = new AssessmentScheme
        {
            Year = year, RegionCode = s.RegionCode, RegionPath = s.RegionPath, Title = s.Title.Replace(s.Year.ToString(CultureInfo.InvariantCulture), year.ToString(CultureInfo.InvariantCulture)),
            Total = s.Total, GradeBands = s.GradeBands, SummaryDue = s.SummaryDue?.AddYears(shift), SummaryItemCode = s.SummaryItemCode, CopiedFromId = s.Id,
        };
        db.Set<AssessmentScheme>().Add(copy);
        foreach (var i in from.Items)
            db.Set<SchemeItem>().Add(new SchemeItem
            {
                SchemeId = copy.Id, Code = i.Code, ParentCode = i.ParentCode, Name = i.Name, Order = i.Order, MaxPoints = i.MaxPoints, Type = i.Type,
                Target = i.Target, DeductionPerUnit = i.DeductionPerUnit, RankPoints = i.RankPoints, IndicatorKey = i.IndicatorKey, Rule = i.Rule,
                Department = i.Department, Method = i.Method, Evidence = i.Evidence,
            });
        foreach (var st in from.Steps) db.Set<SchemeStep>().Add(new SchemeStep { SchemeId = copy.Id, Step = st.Step, Deadline = st.Deadline.AddYears(shift) });
        foreach (var v in from.Vetoes) db.Set<SchemeVeto>().Add(new SchemeVeto { SchemeId = copy.Id, Code = v.Code, Name = v.Name, Grade = v.Grade });
        await db.SaveChangesAsync(ct);
        return copy;
    }
}

/// <summary>Text keys of the enums, spelled out once.</summary>
public static class AssessmentTexts
{
    public static string Key(this ScoringType t) => "assessment.type." + t.ToString().ToLowerInvariant();
    public static string Key(this SchemeStatus s) => "assessment.status." + s.ToString().ToLowerInvariant();
    public static string Key(this AssessmentStep s) => "assessment.step." + s.ToString().ToLowerInvariant();
    public static string Key(this CityStage s) => "assessment.stage." + s.ToString().ToLowerInvariant();
    public static string Key(this ReviewState s) => "assessment.review." + s.ToString().ToLowerInvariant();

    /// <summary>An explanation line's basis in the reader's language.</summary>
    public static string Basis(this IStringLocalizer l, ExplanationLine line)
    {
        var args = line.BasisArgs.Select(a => a.StartsWith("assessment.", StringComparison.Ordinal) ? l[a].Value : a).Cast<object>().ToArray();
        return l[line.BasisKey, args].Value;
    }
}
