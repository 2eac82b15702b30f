using Qualis.Features.Improvement;
using Qualis.Features.Improvement.Experts;
using Qualis.Features.Registry;
using Qualis.Features.Services.Events;
using Qualis.Features.Services.Parks;
using Qualis.Features.Services.Questionnaires;
using Qualis.Platform.Operations;
using Qualis.Platform.Time;

namespace Qualis.Features.Services;

/// <summary>
/// This year's needs questionnaire (the standard questions), open now, sent by Hefei and Wuhu to small and micro firms of the
/// demo registry and answered by most of them (entered on visits by the cities' officers), and sent to the demo enterprise
/// account's firm (合肥示范电缆), which has yet to answer; two mobile quality clinics (Hefei on site with a panel, Wuhu remote
/// with one expert, both of the expert directory) with the firms diagnosed and their follow-up tasks, one overdue; one quality-strong park programme in Hefei with
/// members and a progress report. Loaded once, into an empty table, audited.
/// </summary>
public sealed class ServicesDemoData : IDemoSeeder
{
    /// <summary>The demo enterprise account's firm (DemoAccounts' enterprise user).</summary>
    public const string DemoFirm = "91340102743081729F";

    private static readonly (string City, string By, int Firms)[] Senders = [("340100", "hefei", 40), ("340200", "wuhu", 20)];

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        var clock = services.GetRequiredService<PeopleClock>();
        if (await db.Set<Questionnaire>().OutsideArea(AreaReason.Seeding).AnyAsync(ct)) return;
        var regions = await db.Set<Region>().OutsideArea(AreaReason.Seeding).AsNoTracking().Where(r => r.Code == "340100" || r.Code == "340200").ToListAsync(ct);
        if (regions.Count < 2) return;
        var today = clock.Today;
        var now = clock.UtcNow;

        var q = new Questionnaire
        {
            Title = $"{today.Year}年度企业质量技术服务需求调查问卷", Year = today.Year, OpensOn = today.AddDays(-20), ClosesOn = today.AddDays(40),
            Intro = "为精准开展质量技术帮扶，请贵企业如实填写质量技术服务需求。", CreatedAt = now.AddDays(-21), CreatedBy = "province",
        };
        var questions = QuestionnaireTemplate.For(q.Id).ToList();
        db.Add(q);
        db.AddRange(questions);
        var n = 0;
        var firmsByCity = new Dictionary<string, List<EnterpriseEntry>>();
        foreach (var (city, by, count) in Senders)
        {
            var path = regions.Single(r => r.Code == city).RegionPath;
            var firms = (await RegistryFace.SmallFirmsOfAreaAsync(db, path, ct)).Take(count).ToList();
            firmsByCity[city] = firms;
            foreach (var firm in firms)
            {
                n++;
                var r = new QuestionnaireRecipient
                {
                    QuestionnaireId = q.Id, CreditCode = firm.CreditCode, EnterpriseName = firm.Name, RegionCode = firm.RegionCode, RegionPath = firm.RegionPath,
                    SentAt = now.AddDays(-19), SentBy = by,
                };
                db.Add(r);
                // Five in six answer, on a visit by the city's officers.
                if (n % 6 == 0) continue;
                r.AnsweredAt = now.AddDays(-18 + n % 15);
                r.AnsweredBy = by;
                r.AnsweredVia = AnswerChannel.Visit;
                foreach (var question in questions.Where(x => x.Kind != QuestionKind.Text))
                {
                    var options = question.OptionList.Count;
                    var first = (n * 7 + question.Number * 3) % options + 1;
                    db.Add(new QuestionnaireAnswer { QuestionnaireId = q.Id, RecipientId = r.Id, QuestionId = question.Id, Choice = first, RegionPath = r.RegionPath });
                    var second = (n * 5 + question.Number) % options + 1;
                    if (question.Kind == QuestionKind.Multiple && second != first && n % 2 == 0)
                        db.Add(new QuestionnaireAnswer { QuestionnaireId = q.Id, RecipientId = r.Id, QuestionId = question.Id, Choice = second, RegionPath = r.RegionPath });
                }
                if (n % 5 == 0)
                    db.Add(new QuestionnaireAnswer { QuestionnaireId = q.Id, RecipientId = r.Id, QuestionId = questions.Single(x => x.Kind == QuestionKind.Text).Id,
                        Text = "希望检验检测机构就近设立服务点，减少送检路程。", RegionPath = r.RegionPath });
            }
        }
        if (await RegistryFace.EnterpriseNamedOfAnyAreaAsync(db, DemoFirm, ct) is { } demo && firmsByCity["340100"].All(f => f.CreditCode != DemoFirm))
        {
            var path = await db.Set<Region>().OutsideArea(AreaReason.Seeding).Where(r => r.Code == demo.RegionCode).Select(r => r.RegionPath).SingleAsync(ct);
            db.Add(new QuestionnaireRecipient
            {
                QuestionnaireId = q.Id, CreditCode = demo.CreditCode, EnterpriseName = demo.Name, RegionCode = demo.RegionCode, RegionPath = path, SentAt = now.AddDays(-19), SentBy = "hefei",
            });
        }
        await db.SaveChangesAsync(ct);

        // Two clinics and a park programme, with firms of the questionnaire.
        var parks = (await RegistryFace.ParksAsync(db, ct)).Where(p => p.RegionCode.StartsWith("3401", StringComparison.Ordinal)).ToList();
        var hefeiPath = regions.Single(r => r.Code == "340100").RegionPath;
        var experts = await ExpertsFace.ChoicesAsync(db, ct);
        var panel = experts.Where(x => x.RegionCode.StartsWith("3401", StringComparison.Ordinal) || x.RegionCode == "340000").Take(3).ToList();
        var single = experts.Where(x => x.RegionCode == "340200").Take(1).ToList();
        if (single.Count == 0) single = experts.Except(panel).Take(1).ToList();
        static string? Names(List<ExpertEntry> chosen) => chosen.Count == 0 ? null : string.Join("、", chosen.Select(x => $"{x.Name}（{x.Unit}）"));
        var clinic = new ServiceEvent
        {
            Kind = ServiceEventKind.Clinic, Mode = ServiceMode.Panel, Title = "质量流动诊所走进园区（第一期）", HeldOn = today.AddDays(-10), Place = parks.FirstOrDefault()?.Name ?? "合肥市",
            ParkId = parks.FirstOrDefault()?.Id, ParkName = parks.FirstOrDefault()?.Name, Industry = "电线电缆",
            Experts = Names(panel), ExpertIds = string.Join(",", panel.Select(x => x.Id)),
            RegionCode = "340100", RegionPath = hefeiPath, CreatedAt = now.AddDays(-10), CreatedBy = "hefei",
        };
        var wuhu = regions.Single(r => r.Code == "340200");
        var remote = new ServiceEvent
        {
            Kind = ServiceEventKind.Clinic, Mode = ServiceMode.Remote, Title = "质量流动诊所远程诊断（机动车配件）", HeldOn = today.AddDays(-5), Place = "视频会议",
            Industry = "机动车配件", Experts = Names(single), ExpertIds = string.Join(",", single.Select(x => x.Id)), RegionCode = wuhu.Code, RegionPath = wuhu.RegionPath, CreatedAt = now.AddDays(-5), CreatedBy = "wuhu",
        };
        db.AddRange(clinic, remote);
        string[] problems = ["出厂检验项目不全，缺少绝缘电阻检测记录", "计量器具超期未检定", "企业标准未自我声明公开", "质量管理制度不健全，无不合格品处置程序", "原材料进货检验缺失"];
        ServiceArea[] areas = [ServiceArea.Testing, ServiceArea.Metrology, ServiceArea.Standards, ServiceArea.Management, ServiceArea.Testing];
        var attended = new List<ServiceEventFirm>();
        async Task AttendAsync(ServiceEvent e, List<ExpertEntry> chosen, List<EnterpriseEntry> firms, int count)
        {
            var i = 0;
            foreach (var f in firms)
            {
                if (i == count) break;
                if ((await ExpertsFace.ConflictingAsync(db, chosen.Select(x => x.Id).ToList(), f.CreditCode, f.Name, ct)).Count > 0) continue;
                attended.Add(new ServiceEventFirm
                {
                    EventId = e.Id, EventKind = e.Kind, EventDate = e.HeldOn, EventTitle = e.Title, CreditCode = f.CreditCode, EnterpriseName = f.Name,
                    RegionCode = f.RegionCode, RegionPath = f.RegionPath, ProblemArea = areas[i % areas.Length], Problems = problems[i % problems.Length],
                    FollowUp = i == 1 ? "7日内补齐计量器具检定证书" : "30日内完成整改并报送整改材料", FollowUpDue = e.HeldOn.AddDays(i == 1 ? 7 : 30),
                    AddedAt = e.CreatedAt, AddedBy = e.CreatedBy,
                });
                i++;
            }
        }
        await AttendAsync(clinic, panel, firmsByCity["340100"], 5);
        await AttendAsync(remote, single, firmsByCity["340200"], 3);
        db.AddRange(attended);
        if (parks.FirstOrDefault() is { } park)
        {
            var programme = new ParkProgramme
            {
                ParkId = park.Id, ParkName = park.Name, Title = park.Name + "质量强区建设", Year = today.Year, StartsOn = new DateOnly(today.Year, 1, 1),
                EndsOn = new DateOnly(today.Year, 12, 31),
                ServicePlan = "一、省产品质量监督检验研究院每季度进园区开展一次检验检测服务，为园区企业提供委托检验绿色通道。\n"
                    + "二、市计量测试研究院为园区企业提供计量器具检定校准上门服务，指导建立测量管理体系。\n"
                    + "三、市标准化研究院指导企业制修订企业标准并开展自我声明公开。\n四、认证机构为有需要的企业提供质量管理体系认证辅导。",
                RegionCode = park.RegionCode, RegionPath = park.RegionPath, CreatedAt = now.AddDays(-30), CreatedBy = "hefei",
            };
            db.Add(programme);
            foreach (var f in firmsByCity["340100"].Where(f => f.RegionPath.StartsWith(park.RegionPath, StringComparison.Ordinal)).Take(6))
                db.Add(new ParkProgrammeMember
                {
                    ProgrammeId = programme.Id, ProgrammeTitle = programme.Title, CreditCode = f.CreditCode, EnterpriseName = f.Name, RegionCode = f.RegionCode,
                    RegionPath = f.RegionPath, JoinedOn = programme.StartsOn.AddDays(14), AddedBy = "hefei",
                });
            db.Add(new ParkProgrammeReport { ProgrammeId = programme.Id, ReportedOn = today.AddDays(-3), Progress = "已开展检验检测进园区服务2次，帮助6家企业完成计量器具检定。", ReportedAt = now.AddDays(-3), ReportedBy = "hefei" });
        }
        await db.SaveChangesAsync(ct);
        // Each follow-up is the firm's task in the improvement module, reported on and closed with evidence there.
        var time = services.GetRequiredService<TimeProvider>();
        foreach (var row in attended)
        {
            var title = row.EventTitle + "（" + row.EventDate.ToString("yyyy-MM-dd") + "）";
            var task = await ImprovementFace.AddFollowUpTaskAsync(db, time, new FollowUpTask(row.CreditCode, row.FollowUp!, row.EnterpriseName, row.FollowUpDue!.Value, title, EnterpriseActs: true), ct);
            row.FollowUpTaskId = task.TaskId;
        }
        await db.SaveChangesAsync(ct);
    }
}
