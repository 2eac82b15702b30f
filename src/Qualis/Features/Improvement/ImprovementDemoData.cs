using Qualis.Features.Improvement.Experts;
using Qualis.Features.Improvement.Tasks;
using Qualis.Features.KeyObjects;
using Qualis.Features.Registry;
using Qualis.Platform.Attachments;
using Qualis.Platform.Operations;
using Qualis.Platform.Time;

namespace Qualis.Features.Improvement;

/// <summary>
/// Demo improvement work, fictional names throughout: ten experts of the province's and two cities' directories (one with a
/// declared conflict), and Hefei's projects at each stage — just started; compared; consulted with problems and a
/// prescription, one task overdue; finished; finished and published as a typical case — plus a help plan for the demo
/// enterprise account's firm with a task the firm acts on. Loaded once, into empty tables, audited.
/// </summary>
public sealed class ImprovementDemoData : IDemoSeeder
{
    private static readonly (string Name, ExpertField Field, string Title, string Unit, string Region)[] Experts =
    [
        ("周明远", ExpertField.Standard, "正高级工程师", "安徽省标准化研究院（示例）", "340000"),
        ("吴晓岚", ExpertField.Metrology, "高级工程师", "安徽省计量科学研究院（示例）", "340000"),
        ("郑国庆", ExpertField.Certification, "研究员", "皖认证中心（示例）", "340000"),
        ("钱文博", ExpertField.Testing, "正高级工程师", "安徽省产品质量监督检验研究院", "340000"),
        ("孙丽华", ExpertField.Brand, "教授", "合肥示例大学管理学院", "340100"),
        ("冯建军", ExpertField.Management, "高级经济师", "合肥质量管理协会（示例）", "340100"),
        ("陈思远", ExpertField.Technology, "教授级高工", "合肥示例装备研究所", "340100"),
        ("韩雪梅", ExpertField.Testing, "高级工程师", "芜湖市检验检测中心（示例）", "340200"),
        ("杨立新", ExpertField.Management, "高级工程师", "芜湖质量协会（示例）", "340200"),
        ("许志强", ExpertField.Technology, "工程师", "合肥示范电缆有限公司", "340100"),
    ];

    public async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<QualisDb>();
        var clock = services.GetRequiredService<PeopleClock>();
        var store = services.GetRequiredService<AttachmentStore>();
        if (await db.Set<Expert>().OutsideArea(AreaReason.Seeding).AnyAsync(ct)) return;
        var regions = await db.Set<Region>().OutsideArea(AreaReason.Seeding).AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.RegionPath, ct);
        if (!regions.ContainsKey("340100")) return;
        var now = clock.UtcNow;
        var today = clock.Today;
        var experts = Experts.Where(e => regions.ContainsKey(e.Region)).Select(e => new Expert
        {
            Name = e.Name, Field = e.Field, Title = e.Title, Unit = e.Unit, RegionCode = e.Region, RegionPath = regions[e.Region],
            CreatedAt = now, CreatedBy = "province",
            // The cable firm's own engineer declares it; the testing expert is linked to the agency's demo account.
            Conflicts = e.Unit == "合肥示范电缆有限公司" ? "91340102743081729F" : null,
            UserName = e.Name == "钱文博" ? "agency" : null,
        }).ToList();
        db.Set<Expert>().AddRange(experts);

        var firms = await RegistryFace.EnterprisesOfAreaAsync(db, regions["340100"], 8, ct);
        var keyObjects = (await KeyObjectsFace.ActiveAsync(db, 2000, ct)).Where(k => k.CityCode == "340100" && k.Year == today.Year).ToList();
        var industry = keyObjects.FirstOrDefault(k => k.Kind == nameof(KeyObjectKind.Industry));
        var year = today.Year;
        ImprovementProject Project(string title, string subjectKey, string subjectName, SubjectKind kind, string regionCode, string? creditCode, string? industryCode, int startMonth, Guid? keyObject = null) =>
            new()
            {
                Title = title, SubjectKind = kind, SubjectKey = subjectKey, SubjectName = subjectName, CreditCode = creditCode, IndustryCode = industryCode, KeyObjectId = keyObject,
                Goal = "对标国家标准和国内先进企业，关键质量指标年内达到或优于标杆水平。", StartOn = new DateOnly(year, Math.Min(startMonth, today.Month), 1), EndOn = new DateOnly(year, 12, 31),
                OfficeCode = "340100", RegionCode = regionCode, RegionPath = regions.GetValueOrDefault(regionCode, regions["340100"]), CreatedAt = now, CreatedBy = "hefei",
            };

        var stages = new List<ImprovementProject>();
        string[] titles = ["产品一次交检合格率提升攻关", "关键工序能力提升项目", "质量比对与会商会诊项目", "检测能力对标提升项目", "质量管理体系升级项目"];
        foreach (var (firm, i) in firms.Where(f => f.CreditCode != "91340102743081729F").Take(titles.Length).Select((f, i) => (f, i)))
        {
            var key = keyObjects.FirstOrDefault(k => k.ObjectKey == firm.CreditCode);
            stages.Add(Project(titles[i], firm.CreditCode, firm.Name, SubjectKind.Enterprise, firm.RegionCode, firm.CreditCode, firm.IndustryCode ?? industry?.ObjectKey, 1 + i, key?.Id));
        }
        if (industry is not null) stages.Add(Project("重点行业质量比对项目", industry.ObjectKey, industry.ObjectName, SubjectKind.Industry, "340100", null, industry.ObjectKey, 2, industry.Id));
        db.Set<ImprovementProject>().AddRange(stages);

        // Stage 2 onwards: a comparison of two indicators over three years.
        foreach (var p in stages.Skip(1).Where(p => p.SubjectKind == SubjectKind.Enterprise))
        {
            var rate = new ProjectIndicator { ProjectId = p.Id, Name = "产品一次交检合格率", Unit = "%", HigherIsBetter = true, BenchmarkKind = BenchmarkKind.AdvancedEnterprise, BenchmarkName = "国内先进企业（示例）" };
            var defects = new ProjectIndicator { ProjectId = p.Id, Name = "百万件不良品数", Unit = "PPM", HigherIsBetter = false, BenchmarkKind = BenchmarkKind.International };
            db.Set<ProjectIndicator>().AddRange(rate, defects);
            var seed = p.Title.Length;
            for (var y = year - 3; y < year; y++)
            {
                var step = y - year + 3;
                db.Set<ProjectValue>().Add(new ProjectValue { ProjectId = p.Id, IndicatorId = rate.Id, Year = y, Value = 93.5m + step * 1.4m + seed % 3 * 0.3m, Benchmark = 98.0m });
                db.Set<ProjectValue>().Add(new ProjectValue { ProjectId = p.Id, IndicatorId = defects.Id, Year = y, Value = 850 - step * 120 - seed % 4 * 10, Benchmark = 500 });
            }
        }
        // Stage 3 onwards: a consultation, two problems, a prescription and tasks.
        foreach (var (p, i) in stages.Skip(2).Where(p => p.SubjectKind == SubjectKind.Enterprise).Select((p, i) => (p, i)))
        {
            var held = p.StartOn.AddDays(20) > today ? today : p.StartOn.AddDays(20);
            var consultation = new ProjectConsultation
            {
                ProjectId = p.Id, HeldOn = held, ExpertIds = string.Join(",", experts.Where(e => e.RegionCode != "340200" && e.Conflicts is null).Take(3).Select(e => e.Id)),
                Departments = "合肥市市场监督管理局质量发展处、市工业和信息化局", EnterpriseAttendees = "质量负责人、生产负责人", Summary = "关键工序控制不稳定，检测手段落后于标杆企业。",
            };
            var first = new ProjectProblem { ProjectId = p.Id, ConsultationId = consultation.Id, Category = ProblemCategory.Technology, Rank = 1, Description = "关键工序参数波动大，过程能力指数低于 1.0。" };
            var second = new ProjectProblem { ProjectId = p.Id, ConsultationId = consultation.Id, Category = ProblemCategory.Metrology, Rank = 2, Description = "在线检测设备未按期校准，测量数据不可靠。" };
            var measure = new ProjectMeasure { ProjectId = p.Id, ProblemId = first.Id, Text = "导入统计过程控制（SPC），对关键工序实施参数监控。", Actor = p.SubjectName, DueOn = p.StartOn.AddMonths(4) };
            var calibrate = new ProjectMeasure { ProjectId = p.Id, ProblemId = second.Id, Text = "委托法定计量机构对在线检测设备进行校准。", Actor = "安徽省计量科学研究院（示例）", DueOn = p.StartOn.AddMonths(2) };
            db.AddRange(consultation, first, second, measure, calibrate);
            var finished = i >= 1;
            ImprovementTask Task(ProjectMeasure m, string title, TaskOwnerKind owner, string ownerName, DateOnly deadline) => new()
            {
                ProjectId = p.Id, MeasureId = m.Id, Title = title, OwnerKind = owner, OwnerName = ownerName, Deadline = deadline, CreditCode = p.CreditCode, EnterpriseName = p.SubjectName,
                Source = p.Title, OfficeCode = p.OfficeCode, RegionCode = p.RegionCode, RegionPath = p.RegionPath, CreatedAt = now, CreatedBy = "hefei",
                Status = finished ? TaskState.Closed : TaskState.Open, ClosedOn = finished ? today : null, ClosedBy = finished ? "hefei" : null,
            };
            var tasks = new[]
            {
                Task(measure, "建立关键工序 SPC 控制图", TaskOwnerKind.Enterprise, p.SubjectName, today.AddDays(30)),
                // Overdue while the project runs: on the office's desk.
                Task(calibrate, "完成在线检测设备校准", TaskOwnerKind.Unit, "安徽省计量科学研究院（示例）", today.AddDays(-5)),
            };
            db.Set<ImprovementTask>().AddRange(tasks);
            // A closed task carries its evidence, as the rule asks.
            foreach (var t in tasks.Where(t => t.Status == TaskState.Closed))
            {
                var pdf = "%PDF-1.4\n% 质量攻关任务完成情况（示例）\n"u8.ToArray();
                var stored = await store.SaveAsync(t.Id, [new IncomingFile(t.Title + "完成情况.pdf", pdf.Length, () => new MemoryStream(pdf))], 1024 * 1024, ct);
                db.Set<TaskEvidence>().AddRange(stored.Select(f => EvidenceFile.From(f, new TaskEvidence { TaskId = t.Id, UploadedAt = now, UploadedBy = "hefei" })));
            }
            if (finished)
            {
                p.Status = ProjectStatus.Finished;
                p.FinishedOn = today;
                p.Result = "关键工序过程能力指数由 0.9 提升到 1.33，产品一次交检合格率达到 97.6%，百万件不良品数下降 40%。";
            }
            if (i >= 2)
            {
                p.PublishedAt = now;
                p.PublishedBy = "province";
            }
        }

        // A help plan for the demo enterprise account's firm, with a task it acts on.
        if (await RegistryFace.EnterpriseNamedOfAnyAreaAsync(db, "91340102743081729F", ct) is { } cable && regions.ContainsKey(cable.RegionCode))
        {
            var plan = Project("小微企业质量帮扶方案", cable.CreditCode, cable.Name, SubjectKind.Enterprise, cable.RegionCode, cable.CreditCode, null, 3);
            plan.Kind = ProjectKind.HelpPlan;
            plan.Needs = $"{ExpertField.Standard},{ExpertField.Testing}";
            plan.HelpingUnits = "安徽省产品质量监督检验研究院、合肥市标准化研究院（示例）";
            plan.Goal = "帮助企业建立企业标准体系，产品送检一次通过。";
            db.Set<ImprovementProject>().Add(plan);
            db.Set<ImprovementTask>().Add(new ImprovementTask
            {
                ProjectId = plan.Id, Title = "编制并公开企业标准", OwnerKind = TaskOwnerKind.Enterprise, OwnerName = cable.Name, Deadline = today.AddDays(20),
                CreditCode = cable.CreditCode, EnterpriseName = cable.Name, Source = plan.Title, OfficeCode = "340100", RegionCode = cable.RegionCode,
                RegionPath = regions[cable.RegionCode], CreatedAt = now, CreatedBy = "hefei",
            });
        }
        // A help plan for a small firm of Hefei, half done: the joint plan of the recognition module's demo pairing (结对共建).
        if ((await RegistryFace.EnterprisesOfAreaAsync(db, regions["340100"], 80, ct)).FirstOrDefault(f => f.Size is EnterpriseSize.Small or EnterpriseSize.Micro) is { } small)
        {
            var plan = Project("结对共建质量帮扶方案", small.CreditCode, small.Name, SubjectKind.Enterprise, small.RegionCode, small.CreditCode, small.IndustryCode, 2);
            plan.Kind = ProjectKind.HelpPlan;
            plan.Needs = $"{ExpertField.Management}";
            plan.HelpingUnits = "结对示范企业的质量管理部（示例）";
            plan.Goal = "在示范企业帮助下建立质量管理制度，开展一次质量比对。";
            db.Set<ImprovementProject>().Add(plan);
            foreach (var (title, closed) in new[] { ("建立质量管理制度", true), ("开展质量比对", false) })
                db.Set<ImprovementTask>().Add(new ImprovementTask
                {
                    ProjectId = plan.Id, Title = title, OwnerKind = TaskOwnerKind.Enterprise, OwnerName = small.Name, Deadline = today.AddDays(closed ? -10 : 30),
                    Status = closed ? TaskState.Closed : TaskState.Open, ClosedOn = closed ? today.AddDays(-12) : null, ClosedBy = closed ? "hefei" : null,
                    CreditCode = small.CreditCode, EnterpriseName = small.Name, Source = plan.Title, OfficeCode = "340100", RegionCode = small.RegionCode,
                    RegionPath = regions.GetValueOrDefault(small.RegionCode, regions["340100"]), CreatedAt = now, CreatedBy = "hefei",
                });
        }
        await db.SaveChangesAsync(ct);
    }
}
