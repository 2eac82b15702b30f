using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qualis.Features.Audit;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Industries;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Registry.Parks;
using Qualis.Features.Registry.ProductCategories;
using Qualis.Features.Registry.TestingAgencies;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Items;
using Qualis.Features.Supervision.Plans;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Access;
using Qualis.Platform.Accounts;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Audit;
using Qualis.Platform.Regions;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Platform.Audit;

/// <summary>
/// Every audited kind of record files its entries under its region or its parent's, so the officials of that region
/// find them on /Audit and in the record's history, and officials of another city do not; shared catalogues are read
/// by every official. Entries of child rows filed under the root before children inherited their parent's region are
/// mapped to it as they are read, without being rewritten.
/// </summary>
public sealed class AuditRegionTests
{
    private const string Hefei = "/340000/340100/";
    private const string Wuhu = "/340000/340200/";
    private const string Luyang = "/340000/340100/340103/"; // a district of Hefei

    /// <summary>The parents the children below belong to: a spot check and an account, both in Hefei.</summary>
    private sealed record Parents(SpotCheck Check, QualisUser User, SamplingPlan Plan, PlanBatch Batch, Draw Draw);

    /// <summary>
    /// One new record of each audited kind, in Hefei or under a Hefei parent. A new audited kind adds its line, or a
    /// module gives its own kinds' records through its IRecordSampleMakers.
    /// </summary>
    private static readonly Dictionary<Type, Func<Parents, object>> Makers = WithModuleRecords(new()
    {
        [typeof(Region)] = _ => new Region { Code = "340179", Name = "审计测试区", ParentCode = "340100", Level = RegionLevel.County, RegionPath = Hefei + "340179/" },
        [typeof(QualisUser)] = _ => new QualisUser { UserName = "audit.region", NormalizedUserName = "AUDIT.REGION", DisplayName = "审计", RegionCode = "340103", RegionPath = Luyang, CreatedAt = DateTime.UtcNow },
        [typeof(IdentityUserClaim<string>)] = p => new IdentityUserClaim<string> { Id = 424242, UserId = p.User.Id, ClaimType = "test", ClaimValue = "审计" },
        [typeof(IdentityUserLogin<string>)] = p => new IdentityUserLogin<string> { LoginProvider = "test", ProviderKey = "audit-region", ProviderDisplayName = "审计", UserId = p.User.Id },
        [typeof(IdentityUserToken<string>)] = p => new IdentityUserToken<string> { UserId = p.User.Id, LoginProvider = "test", Name = "audit", Value = "审计" },
        [typeof(ApiClient)] = _ => new ApiClient { Name = "审计", Department = "审计", RegionPath = Luyang, Scopes = Qualis.Features.Audit.AuditModule.ReadScope, KeyPrefix = "auditrgn", KeyHash = "x", CreatedAt = DateTime.UtcNow },
        [typeof(Enterprise)] = _ => new Enterprise { CreditCode = CreditCode.Compute("9134010399999991"), Name = "审计测试有限公司", RegionCode = "340103", RegionPath = Luyang, UpdatedAt = DateTime.UtcNow },
        [typeof(Park)] = _ => new Park { Name = "审计测试园区", Level = "市级", Type = "产业集聚区", RegionCode = "340103", RegionPath = Luyang },
        [typeof(Inspector)] = _ => new Inspector { Name = "审计", Unit = "市场监督管理局", CertificateNumber = "AUDIT-REGION", RegionCode = "340103", RegionPath = Luyang },
        [typeof(TestingAgency)] = _ => new TestingAgency { Name = "审计检验所", AccreditationNumber = "AUDIT-REGION", RegionCode = "340103", RegionPath = Luyang },
        [typeof(Industry)] = _ => new Industry { Code = "Z99", Name = "审计测试行业", Level = IndustryLevel.Division },
        [typeof(ProductCategory)] = _ => new ProductCategory { Code = "AUDIT-99", Name = "审计测试类别" },
        [typeof(InspectionItem)] = _ => new InspectionItem { Code = "AUDIT-99", Name = "审计测试事项", LegalBasis = "-", Department = "-", ObjectType = "-", Frequency = "-", Method = "-" },
        [typeof(SamplingPlan)] = _ => new SamplingPlan { Year = 2026, Name = "审计", RegionCode = "340100", RegionPath = Hefei, CreatedAt = DateTime.UtcNow },
        [typeof(PlanBatch)] = p => new PlanBatch { PlanId = p.Plan.Id, Number = 2, Name = "审计", RegionPath = Hefei, CreatedAt = DateTime.UtcNow },
        [typeof(Draw)] = p => ADraw(p.Plan, p.Batch, 2),
        [typeof(DrawTarget)] = p => new DrawTarget { DrawId = p.Draw.Id, Order = 1, StratumKey = "340103", CreditCode = "91340103MA2AUDIT01", EnterpriseName = "审计", RegionPath = Luyang },
        [typeof(Recusal)] = _ => new Recusal { CreditCode = "91340103MA2AUDIT01", Unit = "审计", Reason = "审计", DeclaredAt = DateTime.UtcNow, RegionPath = Luyang },
        [typeof(SpotCheck)] = _ => ACheck(),
        [typeof(SpotCheckFailure)] = p => new SpotCheckFailure { SpotCheckId = p.Check.Id, Item = "绝缘电阻", Clause = "GB/T 5023", Required = "≥ 1", Measured = "0.5" },
        [typeof(SpotCheckAttachment)] = p => new SpotCheckAttachment { SpotCheckId = p.Check.Id, FileName = "a.jpg", ContentType = "image/jpeg", Sha256 = new string('0', 64), StoredPath = "x", UploadedAt = DateTime.UtcNow, UploadedBy = "审计" },
        [typeof(TeamSubstitution)] = p => new TeamSubstitution { SpotCheckId = p.Check.Id, InInspectorId = Guid.CreateVersion7(), InName = "赵敏", InCertificate = "皖A0100003", Reason = "借调外地", At = DateTime.UtcNow, By = "审计" },
        [typeof(ResultCorrection)] = p => new ResultCorrection { SpotCheckId = p.Check.Id, At = DateTime.UtcNow, By = "审计", Field = "FinalResult", Before = "Fail", After = "Pass", Reason = "录入错误更正" },
    });

    private static Dictionary<Type, Func<Parents, object>> WithModuleRecords(Dictionary<Type, Func<Parents, object>> makers)
    {
        foreach (var (kind, make) in RecordSamples.ModuleMakers.SelectMany(m => m.NewRecords)) makers.Add(kind, _ => make("340103", Luyang));
        return makers;
    }

    private static SpotCheck ACheck() => new() { DrawTargetId = Guid.CreateVersion7(), CreditCode = "91340103MA2AUDIT01", EnterpriseName = "审计", RegionCode = "340103", RegionPath = Luyang, Status = SpotCheckStatus.Tested };

    private static Draw ADraw(SamplingPlan plan, PlanBatch batch, int number) => new()
    {
        BatchId = batch.Id, PlanId = plan.Id, Number = number, Status = DrawStatus.Committed, Commitment = new string('0', 64), SnapshotHash = new string('0', 64),
        InputsHash = new string('0', 64), Parameters = new DrawParameters { Batch = "审计" }.ToJson(), CommittedAt = DateTime.UtcNow, CommittedBy = "审计", RegionPath = Hefei,
    };

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_audited_kind_of_record_reaches_the_officials_of_its_region_on_the_audit_page_and_in_its_history(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        Parents parents;
        List<(Type Type, string Key, bool Shared)> written = [];
        await using (var db = scratch.Open())
        {
            var audited = db.Model.GetEntityTypes().Where(RegionInheritance.IsAudited).Select(t => t.ClrType).ToList();
            audited.Except(Makers.Keys).ShouldBeEmpty("every audited kind of record needs a line in Makers");

            var plan = (SamplingPlan)Makers[typeof(SamplingPlan)](null!);
            plan.Name = "审计（上级）"; // one plan per name, area and year: the sample plan is another
            var batch = new PlanBatch { PlanId = plan.Id, Number = 1, Name = "审计", RegionPath = Hefei, CreatedAt = DateTime.UtcNow };
            // The parent draw was annulled, so the batch can take the sample draw (one draw that stands per batch).
            var parentDraw = ADraw(plan, batch, 1);
            parentDraw.Status = DrawStatus.Annulled;
            parents = new Parents(ACheck(), (QualisUser)Makers[typeof(QualisUser)](null!), plan, batch, parentDraw);
            parents.User.UserName = parents.User.NormalizedUserName = "audit.parent";
            db.AddRange(parents.Check, parents.User, parents.Plan, parents.Batch, parents.Draw);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();

            foreach (var type in audited)
            {
                // Each record written by a Hefei official, on its own, with its parent not loaded: the parent's region is looked up.
                await using var writer = scratch.Open(Hefei, "合肥审计");
                var record = Makers[type](parents);
                writer.Add(record);
                await writer.SaveChangesAsync();
                var entityType = writer.Model.FindEntityType(type)!;
                var key = string.Join('|', entityType.FindPrimaryKey()!.Properties.Select(p => Convert.ToString(writer.Entry(record).Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
                written.Add((type, key, RegionInheritance.IsSharedCatalogue(entityType)));
            }
            (await AuditVerifier.VerifyAsync(db)).Intact.ShouldBeTrue();
        }

        foreach (var (type, key, shared) in written)
        {
            await using (var db = scratch.Open())
            {
                var filed = await db.AuditEntries.Where(e => e.EntityType == type.Name && e.EntityKey == key).Select(e => e.RegionPath).SingleAsync();
                if (shared) filed.ShouldBe(RegionInheritance.Root, type.Name);
                else filed.ShouldStartWith(Hefei, Case.Sensitive, type.Name);
            }
            (await SeesAsync(scratch, Hefei, type.Name, key)).ShouldBe((true, true), $"a Hefei official sees {type.Name} {key}");
            (await SeesAsync(scratch, Wuhu, type.Name, key)).ShouldBe((shared, shared), $"a Wuhu official {(shared ? "sees" : "does not see")} {type.Name} {key}");
        }
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_entry_filed_under_the_root_before_its_parent_was_known_is_read_under_the_parents_region(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        var check = ACheck();
        var failure = new SpotCheckFailure { SpotCheckId = check.Id, Item = "绝缘电阻", Clause = "GB/T 5023", Required = "≥ 1", Measured = "0.5" };
        await using (var db = scratch.Open())
        {
            // As before children inherited their parent's region (or with the parent not there yet): filed under the root.
            db.Add(failure);
            await db.SaveChangesAsync();
            db.Add(check);
            await db.SaveChangesAsync();
        }
        var key = failure.Id.ToString();
        await using (var db = scratch.Open())
            (await db.AuditEntries.SingleAsync(e => e.EntityType == nameof(SpotCheckFailure) && e.EntityKey == key)).RegionPath.ShouldBe(RegionInheritance.Root);

        (await SeesAsync(scratch, Hefei, nameof(SpotCheckFailure), key)).ShouldBe((true, true));
        (await SeesAsync(scratch, Luyang, nameof(SpotCheckFailure), key)).ShouldBe((true, true));
        (await SeesAsync(scratch, Wuhu, nameof(SpotCheckFailure), key)).ShouldBe((false, false));
        await using (var db = scratch.Open())
            (await AuditVerifier.VerifyAsync(db)).Intact.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_child_of_a_record_outside_the_writers_area_is_refused(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        var check = ACheck();
        await using (var db = scratch.Open())
        {
            db.Add(check);
            await db.SaveChangesAsync();
        }
        await using var wuhu = scratch.Open(Wuhu);
        wuhu.Add(new SpotCheckFailure { SpotCheckId = check.Id, Item = "绝缘电阻", Clause = "GB/T 5023", Required = "≥ 1", Measured = "0.5" });
        await Should.ThrowAsync<RegionAccessDeniedException>(() => wuhu.SaveChangesAsync());
    }

    /// <summary>Whether an official of the area finds the record's entries on /Audit (filtered to its kind) and in its history.</summary>
    private static async Task<(bool OnAuditPage, bool InHistory)> SeesAsync(ScratchDb scratch, string area, string entityType, string key)
    {
        await using var db = scratch.Open(area);
        var texts = new Qualis.Platform.Localization.TextsLocalizer(Qualis.Platform.Localization.Texts.LoadEmbedded());
        var clock = new Qualis.Platform.Time.PeopleClock(TimeProvider.System, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        var describer = new Qualis.Features.Audit.AuditDescriber(db, texts, clock, [], [], [], []);
        var authorization = new ServiceCollection().AddLogging()
            .AddAuthorizationCore(o => o.AddPolicy(Qualis.Platform.Web.Policies.AuditAdministrators, p => p.RequireRole(Qualis.Platform.Accounts.Roles.AuditAdministrator)))
            .BuildServiceProvider().GetRequiredService<Microsoft.AspNetCore.Authorization.IAuthorizationService>();
        var page = new Qualis.Features.Audit.IndexModel(db, describer, clock, texts, authorization) { Type = entityType, PageContext = new PageContext { HttpContext = new DefaultHttpContext() } };
        await page.OnGetAsync(CancellationToken.None);
        var history = await AuditHistory.ForAsync(db, entityType, key);
        return (page.Rows.Any(r => r.EntityKey == key), history.Rows.Count > 0);
    }
}
