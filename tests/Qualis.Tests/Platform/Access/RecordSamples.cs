using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Registry.Inspectors;
using Qualis.Features.Registry.Parks;
using Qualis.Features.Registry.TestingAgencies;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Accounts;
using Qualis.Platform.Import;
using Qualis.Platform.ApiKeys;
using Qualis.Platform.Audit;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Platform.Access;

/// <summary>
/// The makers of a module's own region-scoped kinds, kept in the module's test folder: every implementation in the test
/// assembly is added to <see cref="RecordSamples.Makers"/>, so a new module edits no shared list.
/// </summary>
public interface IRecordSampleMakers
{
    IReadOnlyDictionary<Type, RecordSamples.Maker> Makers { get; }

    /// <summary>A new, unsaved record of each of the module's kinds in the region given (code, path), for tests that write it themselves.</summary>
    IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords { get; }
}

/// <summary>
/// How to make one record of each region-scoped kind in a given city, with a marker text that must never show to
/// officials of another city. A module that adds a region-scoped kind adds its maker (here, or in its own
/// <see cref="IRecordSampleMakers"/>), or the access tests fail.
/// </summary>
public static class RecordSamples
{
    public sealed record Sample(Dictionary<string, string> RouteValues, string Marker);

    public delegate Task<Sample> Maker(QualisApp app, string cityCode, string marker);

    /// <summary>The modules' own makers (their <see cref="IRecordSampleMakers"/>), found in the test assembly (declared before Makers, which adds them).</summary>
    public static IReadOnlyList<IRecordSampleMakers> ModuleMakers { get; } = typeof(RecordSamples).Assembly.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && typeof(IRecordSampleMakers).IsAssignableFrom(t))
        .Select(t => (IRecordSampleMakers)Activator.CreateInstance(t)!).ToList();

    public static readonly Dictionary<Type, Maker> Makers = WithModuleMakers(new()
    {
        [typeof(Region)] = async (app, city, marker) =>
        {
            var code = await NewCountyAsync(app, city, marker);
            return new(new() { ["code"] = code }, marker);
        },
        [typeof(QualisUser)] = async (app, city, marker) =>
        {
            var id = await NewUserAsync(app, "sample." + Guid.NewGuid().ToString("N")[..8], Roles.CityOfficer, city, marker);
            return new(new() { ["id"] = id }, marker);
        },
        [typeof(ApiClient)] = async (app, city, marker) =>
        {
            var (client, _) = await NewApiClientAsync(app, city, marker, app.AllApiScopes);
            return new(new() { ["id"] = client.Id.ToString() }, marker);
        },
        [typeof(Enterprise)] = async (app, city, marker) =>
        {
            var code = await NewEnterpriseAsync(app, city, marker);
            return new(new() { ["code"] = code }, marker);
        },
        [typeof(Park)] = async (app, city, marker) =>
        {
            await AddInCityAsync(app, city, path => new Park { Name = marker, Level = "市级", Type = "产业集聚区", RegionCode = city, RegionPath = path });
            return new([], marker);
        },
        [typeof(Inspector)] = async (app, city, marker) =>
        {
            await AddInCityAsync(app, city, path => new Inspector
                { Name = marker, Unit = "市场监督管理局", CertificateNumber = "T" + Guid.NewGuid().ToString("N")[..12], RegionCode = city, RegionPath = path });
            return new([], marker);
        },
        [typeof(TestingAgency)] = async (app, city, marker) =>
        {
            await AddInCityAsync(app, city, path => new TestingAgency
                { Name = marker, AccreditationNumber = "CMA" + Guid.NewGuid().ToString("N")[..12], RegionCode = city, RegionPath = path });
            return new([], marker);
        },
        [typeof(ImportJob)] = async (app, city, marker) =>
        {
            var job = new ImportJob { Kind = "parks", FileName = marker + ".csv", Status = ImportStatus.Failed, UserId = "x", UserName = "x", CreatedAt = DateTime.UtcNow };
            await AddInCityAsync(app, city, path => { job.RegionPath = path; return job; });
            return new(new() { ["id"] = job.Id.ToString() }, marker);
        },
        [typeof(SamplingPlan)] = async (app, city, marker) =>
        {
            var plan = await NewPlanAsync(app, city, marker);
            return new(new() { ["id"] = plan.Plan.Id.ToString() }, marker);
        },
        [typeof(PlanBatch)] = async (app, city, marker) =>
        {
            var plan = await NewPlanAsync(app, city, marker);
            return new(new() { ["id"] = plan.Batch.Id.ToString() }, marker);
        },
        [typeof(Draw)] = async (app, city, marker) =>
        {
            var draw = await NewDrawAsync(app, city, marker);
            return new(new() { ["id"] = draw.Id.ToString() }, marker);
        },
        [typeof(DrawTarget)] = async (app, city, marker) =>
        {
            var draw = await NewDrawAsync(app, city, marker);
            var target = new DrawTarget { DrawId = draw.Id, Order = 1, StratumKey = city, CreditCode = "91" + city + "0000000000", EnterpriseName = marker };
            await AddInCityAsync(app, city, path => { target.RegionPath = path; return target; });
            return new(new() { ["id"] = target.Id.ToString() }, marker);
        },
        [typeof(SpotCheck)] = async (app, city, marker) =>
        {
            var code = await NewEnterpriseAsync(app, city, marker);
            // Sent to the agency every sample agency account works for: agencies see only the samples assigned to them.
            var check = new SpotCheck { DrawTargetId = Guid.CreateVersion7(), CreditCode = code, EnterpriseName = marker, RegionCode = city, ProductName = marker, Status = SpotCheckStatus.Sampled, AgencyName = SampleAgency };
            await AddInCityAsync(app, city, path => { check.RegionPath = path; return check; });
            return new(new() { ["id"] = check.Id.ToString() }, marker);
        },
        [typeof(Recusal)] = async (app, city, marker) =>
        {
            var recusal = new Recusal { CreditCode = "91" + city + "0000000000", Unit = marker, Reason = marker, DeclaredAt = DateTime.UtcNow };
            await AddInCityAsync(app, city, path => { recusal.RegionPath = path; return recusal; });
            return new(new() { ["id"] = recusal.Id.ToString() }, marker);
        },
        // An audit entry is made by any change; a new county leaves one in the city's part of the trail.
        [typeof(AuditEntry)] = async (app, city, marker) =>
        {
            var code = await NewCountyAsync(app, city, marker);
            return new(new() { ["entityType"] = nameof(Region), ["key"] = code }, marker);
        },
    });

    private static Dictionary<Type, Maker> WithModuleMakers(Dictionary<Type, Maker> makers)
    {
        foreach (var (kind, maker) in ModuleMakers.SelectMany(m => m.Makers)) makers.Add(kind, maker);
        return makers;
    }

    /// <summary>The testing agency (its name, as an agency account's Organisation) of every agency account made here.</summary>
    public const string SampleAgency = "样本检验检测机构";

    /// <summary>County numbers 30–79 are unused in the demo cities (GB/T 2260 leaves gaps there).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(QualisApp, string), int> NextCounty = new();

    private static async Task<string> NewCountyAsync(QualisApp app, string city, string marker)
    {
        var number = NextCounty.AddOrUpdate((app, city), 30, (_, n) => n + 1);
        if (number > 79) throw new InvalidOperationException($"No free county numbers left under {city}.");
        var code = city[..4] + number.ToString("00", System.Globalization.CultureInfo.InvariantCulture);
        await app.WithDb(async db =>
        {
            var parent = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Set<Region>(), r => r.Code == city);
            db.Set<Region>().Add(new Region { Code = code, Name = marker, ParentCode = city, Level = RegionLevel.County, RegionPath = Region.PathOf(parent.RegionPath, code) });
            await db.SaveChangesAsync();
        });
        return code;
    }

    private static async Task<(SamplingPlan Plan, PlanBatch Batch)> NewPlanAsync(QualisApp app, string city, string marker)
    {
        var plan = new SamplingPlan { Year = 2026, Name = marker, RegionCode = city, CreatedAt = DateTime.UtcNow };
        await AddInCityAsync(app, city, path => { plan.RegionPath = path; return plan; });
        var batch = new PlanBatch { PlanId = plan.Id, Number = 1, Name = marker, CreatedAt = DateTime.UtcNow, Settings = new BatchSettings { ItemCodes = ["CJ-05"] } };
        await AddInCityAsync(app, city, path => { batch.RegionPath = path; return batch; });
        return (plan, batch);
    }

    private static async Task<Draw> NewDrawAsync(QualisApp app, string city, string marker)
    {
        var (plan, batch) = await NewPlanAsync(app, city, marker);
        var draw = new Draw
        {
            BatchId = batch.Id, PlanId = plan.Id, Number = 1, Status = DrawStatus.Committed, Commitment = new string('0', 64), SnapshotHash = new string('0', 64),
            InputsHash = new string('0', 64), Parameters = new DrawParameters { Batch = marker }.ToJson(), CommittedAt = DateTime.UtcNow, CommittedBy = marker,
        };
        await AddInCityAsync(app, city, path => { draw.RegionPath = path; return draw; });
        return draw;
    }

    private static int _nextEnterprise;

    /// <summary>An enterprise registered in the city, with a valid credit code whose region part is the city.</summary>
    public static async Task<string> NewEnterpriseAsync(QualisApp app, string city, string name)
    {
        var body = Interlocked.Increment(ref _nextEnterprise).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);
        var code = CreditCode.Compute("91" + city + body);
        await AddInCityAsync(app, city, path => new Enterprise { CreditCode = code, Name = name, RegionCode = city, RegionPath = path, UpdatedAt = DateTime.UtcNow });
        return code;
    }

    /// <summary>Adds a record made with the city's region path, as an unrestricted actor.</summary>
    public static Task AddInCityAsync<T>(QualisApp app, string city, Func<string, T> make) where T : class =>
        app.WithDb(async db =>
        {
            var path = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<Region>().Where(r => r.Code == city).Select(r => r.RegionPath));
            db.Set<T>().Add(make(path));
            await db.SaveChangesAsync();
        });

    /// <summary>
    /// The department a sample partner-department account acts for (its organisation): a demo department of Hefei, so the
    /// progress samples' measures can name it and the matrices' partner accounts see their forms.
    /// </summary>
    public const string SampleDepartment = "合肥市住房城乡建设局";

    public static Task<string> NewUserAsync(QualisApp app, string userName, string role, string regionCode, string displayName, string password = DemoAccounts.Password) =>
        app.WithDb(async db =>
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<Qualis.Platform.Access.Actor>().Set("test", "test", "test", null, null);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<QualisUser>>();
            var region = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Set<Region>(), r => r.Code == regionCode);
            var user = new QualisUser
            {
                UserName = userName, DisplayName = displayName, Role = role, RegionCode = region.Code, RegionPath = region.RegionPath,
                CreatedAt = DateTime.UtcNow, EnterpriseCode = role == Roles.EnterpriseUser ? "91340102743081729F" : null,
                Organisation = role == Roles.TestingAgency ? SampleAgency : role == Roles.PartnerDepartment ? SampleDepartment : null,
            };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            return user.Id;
        });

    public static Task<(ApiClient Client, string Key)> NewApiClientAsync(QualisApp app, string regionCode, string name, IEnumerable<string> scopes) =>
        app.WithDb(async db =>
        {
            var region = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Set<Region>(), r => r.Code == regionCode);
            var issued = ApiClient.Issue(name, "测试部门", region.RegionPath, scopes, "test");
            db.Set<ApiClient>().Add(issued.Client);
            await db.SaveChangesAsync();
            return issued;
        });
}
