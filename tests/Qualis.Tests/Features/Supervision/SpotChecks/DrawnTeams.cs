using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Features.Supervision.SpotChecks;

/// <summary>
/// Spot checks as Hefei's draw leaves them: a draw of Hefei's office, the drawn enterprise's target with its team and the
/// check to sample. The demo inspector account (刘洋, 执法证号 皖A0100123) is in the directory and on the team with a
/// second enforcement officer, so the account samples as the drawn team does.
/// </summary>
public static class DrawnTeams
{
    public const string InspectorCertificate = "皖A0100123";
    public const string InspectorName = "刘洋";

    /// <summary>The demo inspector account's directory entry (created once), as its certificate number finds it.</summary>
    public static Task<Guid> DemoInspectorAsync(QualisApp app) => app.WithDb(async db =>
    {
        if (await db.Set<Inspector>().Where(i => i.CertificateNumber == InspectorCertificate).Select(i => (Guid?)i.Id).SingleOrDefaultAsync() is { } id) return id;
        return await NewInspectorAsync(db, InspectorName, InspectorCertificate);
    });

    /// <summary>A new enforcement officer of Hefei's directory, with a certificate number of its own.</summary>
    public static Task<Guid> NewInspectorAsync(QualisApp app, string name, string? unit = null) =>
        app.WithDb(db => NewInspectorAsync(db, name, "皖T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), unit));

    private static async Task<Guid> NewInspectorAsync(QualisDb db, string name, string certificate, string? unit = null)
    {
        var hefei = await db.Set<Region>().SingleAsync(r => r.Code == "340100");
        var inspector = new Inspector { Name = name, Unit = unit ?? "合肥市市场监督管理局稽查支队", RegionCode = hefei.Code, RegionPath = hefei.RegionPath, CertificateNumber = certificate };
        db.Add(inspector);
        await db.SaveChangesAsync();
        return inspector.Id;
    }

    /// <summary>The check of a drawn enterprise, its team the inspectors given (the draw's order), Hefei's office organising the draw.</summary>
    public static async Task<SpotCheck> NewCheckAsync(QualisApp app, SpotCheck check, params Guid[] team)
    {
        await app.WithDb(async db =>
        {
            var hefei = await db.Set<Region>().SingleAsync(r => r.Code == "340100");
            var enterprisePath = await db.Set<Region>().Where(r => r.Code == check.RegionCode).Select(r => r.RegionPath).SingleAsync();
            var names = await db.Set<Inspector>().Where(i => team.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Name);
            var draw = new Draw
            {
                BatchId = Guid.CreateVersion7(), PlanId = Guid.CreateVersion7(), Number = 1, RegionPath = hefei.RegionPath, Status = DrawStatus.Drawn,
                Commitment = new string('0', 64), SnapshotHash = new string('0', 64), InputsHash = new string('0', 64),
                Parameters = new DrawParameters { TeamSize = 2 }.ToJson(), ItemCodes = check.ItemCodes, CommittedAt = DateTime.UtcNow, CommittedBy = "hefei",
                DrawnAt = DateTime.UtcNow, DrawnBy = "hefei",
            };
            var target = new DrawTarget
            {
                DrawId = draw.Id, Order = 1, StratumKey = "340100", CreditCode = check.CreditCode, EnterpriseId = check.EnterpriseId, EnterpriseName = check.EnterpriseName,
                RegionPath = enterprisePath, InspectorIds = string.Join(',', team.Select(id => id.ToString("N"))), InspectorNames = string.Join('、', team.Select(id => names[id])),
            };
            check.DrawId = draw.Id;
            check.DrawTargetId = target.Id;
            check.RegionPath = enterprisePath;
            db.AddRange(draw, target, check);
            await db.SaveChangesAsync();
        });
        return check;
    }
}

/// <summary>A check page's forms posted as the browser sends them: a result or a re-test goes with the agency's test report (a PDF).</summary>
public static class CheckPosts
{
    public static readonly byte[] Report = "%PDF-1.4\n检验报告\n%%EOF"u8.ToArray();

    public static string Page(Guid id) => $"/Supervision/Checks/{id}";

    public static async Task<HttpResponseMessage> StepAsync(HttpClient client, Guid id, string handler, Dictionary<string, string>? fields = null)
    {
        if (handler is not ("Result" or "Retest")) return await client.PostFormAsync($"{Page(id)}?handler={handler}", fields ?? [], Page(id));
        return await MultipartAsync(client, id, handler, fields ?? [], [("检验报告.pdf", Report)], "ReportFile");
    }

    public static async Task<HttpResponseMessage> MultipartAsync(HttpClient client, Guid id, string handler, Dictionary<string, string> fields,
        (string Name, byte[] Content)[] files, string fileField)
    {
        using var form = new MultipartFormDataContent { { new StringContent(await client.TokenAsync(Page(id))), "__RequestVerificationToken" } };
        foreach (var (key, value) in fields) form.Add(new StringContent(value), key);
        foreach (var (name, content) in files) form.Add(new ByteArrayContent(content), fileField, name);
        return await client.PostAsync($"{Page(id)}?handler={handler}", form);
    }
}
