using Qualis.Platform.Operations;
using Qualis.Platform.Time;

namespace Qualis.Features.Plans;

/// <summary>
/// The sixteen cities' progress on the demo actions, so the scoreboard shows every state on first run. A finished year can
/// only be met or missed (the rules judge a closed period as over), so "at risk" needs a running one: besides Anhui's 2018
/// action of the sample notice (<see cref="PlansDemoData"/>), the current year gets the same action copied forward and
/// issued (with the pass-rate target's spot checks, enrolments and reports dated within the year up to today), and the
/// scoreboard opens on it. For both years each city reports the reported targets (the growth of the demonstrations, the
/// metrology standards against its quota, the work summary's delivery): most approved by the province, some waiting.
/// The current year: 芜湖, 马鞍山, 安庆 and 滁州 meet every target (达标), the cities part-way through their key
/// objects or with a pass rate just below 90% are at risk (有风险), those whose pass rate falls more than the tolerance short
/// are missed (未达标), and 池州's work summary is overdue after 1 December. Loaded once, after the 2018 plan, audited.
/// </summary>
public sealed class PlansDemoProgress : IDemoSeeder
{
    private const string Province = "340000";

    /// <summary>The year of the sample notice, whose plan <see cref="PlansDemoData"/> loads.</summary>
    public const int DemoYear = 2018;

    /// <summary>Cities that meet every target of the current year (their key objects are full, their checks all pass).</summary>
    private static readonly HashSet<string> Green = ["340200", "340500", "340800", "341100"];

    /// <summary>The city whose work summary never arrives (overdue after the due day).</summary>
    private const string LateSummary = "341700";

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        var clock = services.GetRequiredService<PeopleClock>();
        var today = clock.Today;
        var demo = await db.Set<ActionPlan>().OutsideArea(AreaReason.Seeding)
            .Where(p => p.RegionCode == Province && p.Year == DemoYear).OrderBy(p => p.IssuedAt).FirstOrDefaultAsync(ct);
        if (demo is null || today.Year <= demo.Year) return;
        if (await db.Set<ActionPlan>().OutsideArea(AreaReason.Seeding).AnyAsync(p => p.RegionCode == Province && p.Year == today.Year, ct)) return;
        var cities = await db.Set<Region>().OutsideArea(AreaReason.Seeding).AsNoTracking()
            .Where(r => r.ParentCode == Province).OrderBy(r => r.Code).ToListAsync(ct);

        var current = await CopyAsync(db, services.GetRequiredService<PlanSteps>(), demo, today, clock, cities, ct);
        await ReportsAsync(db, demo, cities, new DateOnly(demo.Year, 12, 31), clock, green: null, ct);
        await ReportsAsync(db, current, cities, today, clock, Green, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The demo action copied to the current year by the plans' own copy step (dates, due days and baselines moved on),
    /// the metrology total due at this year's end, issued and acknowledged by twelve cities.
    /// </summary>
    private static async Task<ActionPlan> CopyAsync(QualisDb db, PlanSteps steps, ActionPlan demo, DateOnly today, PeopleClock clock, List<Region> cities, CancellationToken ct)
    {
        var year = today.Year;
        var issuedOn = Earlier(new DateOnly(year, 3, 29), today);
        var plan = await steps.CopyForwardAsync(demo, year - demo.Year, $"安徽省{year}年质量提升行动实施方案", (copy, measures, targets) =>
        {
            copy.DocumentNumber = $"皖质提办〔{year}〕1号";
            copy.IssuedOn = issuedOn;
            copy.Status = PlanStatus.Issued;
            copy.IssuedBy = "province";
            copy.IssuedAt = At(clock, issuedOn, 10);
            foreach (var m in measures) m.Text = m.Text.Replace("到2020年全省达到3000项", "年底前全省累计达到3000项", StringComparison.Ordinal);
            // The metrology total falls due at the end of this year's action rather than 2020's.
            foreach (var t in targets.Where(t => t.Kind == TargetKind.Total)) t.DueOn = copy.PeriodEnd;
        }, ct);
        // Every city but five has acknowledged (签收) the plan a few days after it was issued; Hefei's desk still asks it to.
        foreach (var (city, i) in cities.Select((c, i) => (c, i)).Where(x => x.i % 4 != 3 && x.c.Code != "340100"))
        {
            var on = Earlier(issuedOn.AddDays(1 + i % 6), today);
            db.Set<PlanAcknowledgement>().Add(new PlanAcknowledgement
            {
                PlanId = plan.Id, RegionCode = city.Code, RegionPath = city.RegionPath, At = At(clock, on, 15),
                UserName = OfficerOf(city.Code), DisplayName = city.Name + "市场监督管理局",
            });
        }
        await db.SaveChangesAsync(ct);
        return plan;
    }

    /// <summary>
    /// Each city's reports on the plan's reported targets as they stood on <paramref name="asOf"/> (the year's end for a
    /// past year), in the quarter then running: the growth of the demonstrations (baseline and new ones), the metrology
    /// standards built so far, the work summary's delivery. Cities in <paramref name="green"/> reach every figure; one city in four waits for approval
    /// on one report. A report the demo plan already holds for a city, target and period is left alone.
    /// </summary>
    private static async Task ReportsAsync(QualisDb db, ActionPlan plan, List<Region> cities, DateOnly asOf, PeopleClock clock, HashSet<string>? green, CancellationToken ct)
    {
        var targets = await db.Set<PlanTarget>().AsNoTracking().Where(t => t.PlanId == plan.Id && t.Source == TargetSource.Reported).ToListAsync(ct);
        var shares = await db.Set<TargetShare>().OutsideArea(AreaReason.Seeding).AsNoTracking()
            .Where(s => targets.Select(t => t.Id).Contains(s.TargetId)).ToListAsync(ct);
        var existing = (await db.Set<TargetReport>().OutsideArea(AreaReason.Seeding).AsNoTracking().Where(r => r.PlanId == plan.Id)
            .Select(r => new { r.TargetId, r.RegionCode }).ToListAsync(ct)).Select(r => (r.TargetId, r.RegionCode)).ToHashSet();
        var start = plan.PeriodStart;
        var elapsed = TargetRules.ShareElapsed(start, plan.PeriodEnd, asOf);
        for (var i = 0; i < cities.Count; i++)
        {
            var city = cities[i];
            var full = green?.Contains(city.Code) ?? i % 3 != 2;
            var by = OfficerOf(city.Code);
            foreach (var t in targets)
            {
                if (existing.Contains((t.Id, city.Code))) continue;
                var pending = !full && i % 4 == 1 && t.Kind != TargetKind.Deadline;
                var day = asOf;
                decimal value, baseline = 0;
                DateOnly? delivered = null;
                string note;
                switch (t.Kind)
                {
                    case TargetKind.Growth:
                        baseline = 10 + i % 7;
                        // Met: a quarter more than last year; otherwise a share of the growth asked, as far as the year went.
                        value = full ? Math.Ceiling(baseline * 1.25m) : Math.Round(baseline * (1 + t.Value / 100m) * elapsed * (i % 2 == 0 ? 0.95m : 0.7m));
                        day = Recent(asOf, i);
                        note = $"{city.Name}新增质量提升示范单位{value}家（上年{baseline}家），认定文件已上传。";
                        break;
                    case TargetKind.Total:
                        var quota = shares.FirstOrDefault(s => s.TargetId == t.Id && s.RegionCode == city.Code)?.Quota ?? 0;
                        value = full ? quota + 8 : Math.Round(quota * elapsed * (i % 2 == 0 ? 0.96m : 0.75m));
                        day = Recent(asOf, i);
                        note = $"{city.Name}已建成社会公用计量标准{value}项，建标考核证书清单已上传。";
                        break;
                    case TargetKind.Deadline:
                        if (city.Code == LateSummary) continue;
                        // Delivered a few days before the due day; a green city early in the year has delivered already.
                        var due = t.DueOn ?? plan.PeriodEnd;
                        day = due.AddDays(-3 - i % 4);
                        if (day > asOf) { if (!full) continue; day = asOf; }
                        value = 1;
                        delivered = day;
                        note = $"{city.Name}{plan.Year}年质量提升行动工作总结";
                        break;
                    default:
                        continue;
                }
                var period = $"{day.Year}Q{(day.Month - 1) / 3 + 1}";
                var report = new TargetReport
                {
                    TargetId = t.Id, PlanId = plan.Id, RegionCode = city.Code, RegionPath = city.RegionPath, Period = period, Value = value,
                    Baseline = t.Kind == TargetKind.Growth ? baseline : null, DeliveredOn = delivered, Note = note, ReportedBy = by, ReportedAt = At(clock, day, 10),
                };
                if (pending) report.PendingKey = TargetReport.PendingKeyOf(t.Id, city.Code, period);
                else
                {
                    report.Status = ReportStatus.Approved;
                    report.DecidedBy = "province";
                    report.DecidedAt = At(clock, Earlier(day.AddDays(2), asOf), 16);
                }
                db.Set<TargetReport>().Add(report);
            }
        }
    }

    /// <summary>The sign-in name of a city's officer (hefei and wuhu are demo accounts; the others as their offices would be named).</summary>
    private static string OfficerOf(string cityCode) => cityCode switch
    {
        "340100" => "hefei", "340200" => "wuhu", "340300" => "bengbu", "340400" => "huainan", "340500" => "maanshan", "340600" => "huaibei",
        "340700" => "tongling", "340800" => "anqing", "341000" => "huangshan", "341100" => "chuzhou", "341200" => "fuyang", "341300" => "suzhou",
        "341500" => "luan", "341600" => "bozhou", "341700" => "chizhou", "341800" => "xuancheng", _ => "province",
    };

    /// <summary>A few days before <paramref name="asOf"/> within its quarter: each city reports the quarter running (so its desk asks for nothing more).</summary>
    private static DateOnly Recent(DateOnly asOf, int i)
    {
        var quarterStart = new DateOnly(asOf.Year, (asOf.Month - 1) / 3 * 3 + 1, 1);
        var day = asOf.AddDays(-(1 + i % 5));
        return day < quarterStart ? quarterStart : day;
    }

    private static DateOnly Earlier(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>The UTC time of a China-time hour on a day, never after now.</summary>
    private static DateTime At(PeopleClock clock, DateOnly day, int hour)
    {
        var at = clock.StartOfDayUtc(day).AddHours(hour);
        return at > clock.UtcNow ? clock.UtcNow.AddMinutes(-5) : at;
    }
}
