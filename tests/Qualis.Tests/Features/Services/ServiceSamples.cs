using Qualis.Features.Services.Events;
using Qualis.Features.Services.Parks;
using Qualis.Features.Services.Questionnaires;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Services;

/// <summary>The services module's records for the access matrix, the audit-region test and the form and concurrency matrices.</summary>
public sealed class ServiceSamples : IRecordSampleMakers
{
    /// <summary>An open questionnaire (the window holds today) with one single-choice question and one free-text question.</summary>
    public static (Questionnaire Questionnaire, QuestionnaireQuestion[] Questions) NewQuestionnaire(string title, DateOnly? closesOn = null)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));
        var q = new Questionnaire { Title = title, Year = today.Year, OpensOn = today.AddDays(-10), ClosesOn = closesOn ?? today.AddDays(20), CreatedAt = DateTime.UtcNow, CreatedBy = "province" };
        return (q,
        [
            new() { QuestionnaireId = q.Id, Number = 1, Area = ServiceArea.Testing, Kind = QuestionKind.Single, Text = "是否需要检验检测服务", Options = "需要\n不需要", Required = true },
            new() { QuestionnaireId = q.Id, Number = 2, Area = ServiceArea.Management, Kind = QuestionKind.Text, Text = "其他意见", Options = "", Required = false },
        ]);
    }

    public static QuestionnaireRecipient NewRecipient(Guid questionnaireId, string code, string name, string regionCode, string regionPath) => new()
    {
        QuestionnaireId = questionnaireId, CreditCode = code, EnterpriseName = name, RegionCode = regionCode, RegionPath = regionPath, SentAt = DateTime.UtcNow, SentBy = "hefei",
    };

    private static async Task<QuestionnaireRecipient> RecipientInCityAsync(QualisApp app, string city, string marker)
    {
        var (q, questions) = NewQuestionnaire("样本问卷" + Guid.NewGuid().ToString("N")[..8]);
        await app.WithDb(async db =>
        {
            db.Add(q);
            db.AddRange(questions);
            await db.SaveChangesAsync();
        });
        QuestionnaireRecipient? r = null;
        await RecordSamples.AddInCityAsync(app, city, path => r = NewRecipient(q.Id, "91" + city + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), marker, city, path));
        return r!;
    }

    public static ServiceEvent NewEvent(string regionCode, string regionPath, string title) => new()
    {
        Kind = ServiceEventKind.Clinic, Mode = ServiceMode.Panel, Title = title, HeldOn = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)), Place = "经开区服务中心",
        Experts = "王建国、李秀英", RegionCode = regionCode, RegionPath = regionPath, CreatedAt = DateTime.UtcNow, CreatedBy = "hefei",
    };

    public static ServiceEventFirm NewAttendance(ServiceEvent e, string code, string name, string regionCode, string regionPath) => new()
    {
        EventId = e.Id, EventKind = e.Kind, EventDate = e.HeldOn, EventTitle = e.Title, CreditCode = code, EnterpriseName = name, RegionCode = regionCode,
        RegionPath = regionPath, Problems = "出厂检验记录不全", FollowUp = "一个月内补齐出厂检验记录", AddedAt = DateTime.UtcNow, AddedBy = "hefei",
    };

    public static ParkProgramme NewProgramme(string regionCode, string regionPath, string title) => new()
    {
        ParkId = Guid.NewGuid(), ParkName = "样本园区", Title = title, Year = 2026, StartsOn = new DateOnly(2026, 1, 1), ServicePlan = "检验检测机构每季度进园区服务一次。",
        RegionCode = regionCode, RegionPath = regionPath, CreatedAt = DateTime.UtcNow, CreatedBy = "hefei",
    };

    /// <summary>The park programme the audit-region test's report hangs under (ParkProgramme sorts before ParkProgrammeReport).</summary>
    private static readonly Guid AuditProgramme = Guid.Parse("0190a000-0000-7000-8000-00000000d001");

    private static string FirmCode(string city) => "91" + city + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    public IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords => new Dictionary<Type, Func<string, string, object>>
    {
        [typeof(ServiceEvent)] = (code, path) => NewEvent(code, path, "审计诊所" + Guid.NewGuid().ToString("N")[..6]),
        [typeof(ServiceEventFirm)] = (code, path) => NewAttendance(NewEvent(code, path, "审计诊所"), FirmCode(code), "审计企业", code, path),
        [typeof(ParkProgramme)] = (code, path) =>
        {
            var p = NewProgramme(code, path, "审计园区项目");
            p.Id = AuditProgramme;
            return p;
        },
        [typeof(ParkProgrammeMember)] = (code, path) => new ParkProgrammeMember
            { ProgrammeId = Guid.NewGuid(), ProgrammeTitle = "审计", CreditCode = FirmCode(code), EnterpriseName = "审计企业", RegionCode = code, RegionPath = path, JoinedOn = new DateOnly(2026, 1, 1), AddedBy = "hefei" },
        [typeof(ParkProgrammeReport)] = (_, _) => new ParkProgrammeReport { ProgrammeId = AuditProgramme, ReportedOn = new DateOnly(2026, 2, 1), Progress = "审计进展", ReportedAt = DateTime.UtcNow, ReportedBy = "hefei" },
        [typeof(Questionnaire)] = (_, _) => NewQuestionnaire("审计问卷" + Guid.NewGuid().ToString("N")[..6]).Questionnaire,
        [typeof(QuestionnaireQuestion)] = (_, _) => NewQuestionnaire("审计").Questions[0],
        [typeof(QuestionnaireRecipient)] = (code, path) => NewRecipient(Guid.CreateVersion7(), "91340103MA2AUDQ001", "审计企业", code, path),
        [typeof(QuestionnaireAnswer)] = (_, path) => new QuestionnaireAnswer { QuestionnaireId = Guid.CreateVersion7(), RecipientId = Guid.CreateVersion7(), QuestionId = Guid.CreateVersion7(), Choice = 1, RegionPath = path },
    };

    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(ServiceEvent)] = async (app, city, marker) =>
        {
            // With a firm whose follow-up is open, so the event's page offers its forms.
            ServiceEvent? e = null;
            await RecordSamples.AddInCityAsync(app, city, path => e = NewEvent(city, path, marker));
            await RecordSamples.AddInCityAsync(app, city, path => NewAttendance(e!, FirmCode(city), "样本企业", city, path));
            return new(new() { ["id"] = e!.Id.ToString() }, marker);
        },
        [typeof(ServiceEventFirm)] = async (app, city, marker) =>
        {
            ServiceEvent? e = null;
            await RecordSamples.AddInCityAsync(app, city, path => e = NewEvent(city, path, "样本诊所" + Guid.NewGuid().ToString("N")[..6]));
            await RecordSamples.AddInCityAsync(app, city, path => NewAttendance(e!, FirmCode(city), marker, city, path));
            return new(new() { ["id"] = e!.Id.ToString() }, marker);
        },
        [typeof(ParkProgramme)] = async (app, city, marker) =>
        {
            ParkProgramme? p = null;
            await RecordSamples.AddInCityAsync(app, city, path => p = NewProgramme(city, path, marker));
            return new(new() { ["id"] = p!.Id.ToString() }, marker);
        },
        [typeof(ParkProgrammeMember)] = async (app, city, marker) =>
        {
            ParkProgramme? p = null;
            await RecordSamples.AddInCityAsync(app, city, path => p = NewProgramme(city, path, "样本园区项目" + Guid.NewGuid().ToString("N")[..6]));
            await RecordSamples.AddInCityAsync(app, city, path => new ParkProgrammeMember
                { ProgrammeId = p!.Id, ProgrammeTitle = p.Title, CreditCode = FirmCode(city), EnterpriseName = marker, RegionCode = city, RegionPath = path, JoinedOn = new DateOnly(2026, 1, 1), AddedBy = "hefei" });
            return new(new() { ["id"] = p!.Id.ToString() }, marker);
        },
        [typeof(QuestionnaireRecipient)] = async (app, city, marker) =>
        {
            var r = await RecipientInCityAsync(app, city, marker);
            return new(new() { ["id"] = r.Id.ToString() }, marker);
        },
        [typeof(QuestionnaireAnswer)] = async (app, city, marker) =>
        {
            var r = await RecipientInCityAsync(app, city, "样本企业");
            var question = await app.WithDb(db => db.Set<QuestionnaireQuestion>().SingleAsync(x => x.QuestionnaireId == r.QuestionnaireId && x.Kind == QuestionKind.Text));
            await app.WithDb(async db =>
            {
                db.Add(new QuestionnaireAnswer { QuestionnaireId = r.QuestionnaireId, RecipientId = r.Id, QuestionId = question.Id, Text = marker, RegionPath = r.RegionPath });
                await db.SaveChangesAsync();
            });
            return new(new() { ["id"] = r.Id.ToString() }, marker);
        },
        // The summary's counts, which the triggers keep: no page shows a row itself (the summary sums them), so a row of
        // the city for the area filter, not audited, so nothing for the audit-region test.
        [typeof(QuestionnaireAnswerCount)] = async (app, city, marker) =>
        {
            await RecordSamples.AddInCityAsync(app, city, path => new QuestionnaireAnswerCount
                { QuestionnaireId = Guid.CreateVersion7(), QuestionId = Guid.CreateVersion7(), Choice = 1, RegionPath = path, Count = 1 });
            return new([], marker);
        },
        [typeof(QuestionnaireRecipientCount)] = async (app, city, marker) =>
        {
            await RecordSamples.AddInCityAsync(app, city, path => new QuestionnaireRecipientCount { QuestionnaireId = Guid.CreateVersion7(), RegionPath = path, Sent = 1 });
            return new([], marker);
        },
    };
}
