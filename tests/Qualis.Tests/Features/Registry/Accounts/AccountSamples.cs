using Qualis.Features.Registry.Accounts;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Registry.Accounts;

/// <summary>An account claim and a batch issue run of a region, for the access matrix and the audit-region test.</summary>
public sealed class AccountSamples : IRecordSampleMakers
{
    private static AccountClaim NewClaim(string regionCode, string regionPath, string name) => new()
    {
        CreditCode = "91" + regionCode + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), EnterpriseName = name, RegionCode = regionCode, RegionPath = regionPath,
        LegalRepresentative = "张三", ContactName = name, ContactPhone = "0551-12345678", ContactEmail = "a@example.cn",
        LicenceFileName = "licence.png", LicenceContentType = "image/png", LicenceStoredPath = "none/licence.png", LicenceSha256 = new string('0', 64),
        LicenceBytes = 1, SubmittedAt = DateTime.UtcNow,
    };

    private static AccountIssueRun NewRun(string regionPath, string marker) =>
        new() { RegionPath = regionPath, Filter = "name=" + marker, CreatedBy = marker, CreatedAt = DateTime.UtcNow };

    public IReadOnlyDictionary<Type, Func<string, string, object>> NewRecords => new Dictionary<Type, Func<string, string, object>>
    {
        [typeof(AccountClaim)] = (code, path) => NewClaim(code, path, "审计测试企业"),
        [typeof(AccountIssueRun)] = (_, path) => NewRun(path, "审计测试"),
    };

    public IReadOnlyDictionary<Type, RecordSamples.Maker> Makers => new Dictionary<Type, RecordSamples.Maker>
    {
        [typeof(AccountClaim)] = async (app, city, marker) =>
        {
            AccountClaim? claim = null;
            await RecordSamples.AddInCityAsync(app, city, path => claim = NewClaim(city, path, marker));
            return new(new() { ["id"] = claim!.Id.ToString() }, marker);
        },
        [typeof(AccountIssueRun)] = async (app, city, marker) =>
        {
            AccountIssueRun? run = null;
            await RecordSamples.AddInCityAsync(app, city, path => run = NewRun(path, marker));
            return new(new() { ["id"] = run!.Id.ToString() }, marker);
        },
    };
}
