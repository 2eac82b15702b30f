using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;

namespace Qualis.Tests.Features.Registry;

/// <summary>The registry's face: the credit class is set through its one named write, audited and kept to the caller's area.</summary>
public abstract class RegistryFaceTests(QualisApp app)
{
    private const string Hefei = "/340000/340100/";
    private const string Wuhu = "/340000/340200/";
    private static int _body = 81_000_000;

    [Fact]
    public async Task The_credit_class_is_set_by_name_audited_and_only_within_the_callers_area()
    {
        var code = CreditCode.Compute("91340104" + Interlocked.Increment(ref _body).ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
        var id = await app.WithDb(async db =>
        {
            var e = new Enterprise
            {
                CreditCode = code, Name = "信用分类测试有限公司", RegionCode = "340104", RegionPath = "/340000/340100/340104/", UpdatedAt = DateTime.UtcNow,
            };
            db.Set<Enterprise>().Add(e);
            await db.SaveChangesAsync();
            return e.Id;
        });

        (await app.WithDb(db => RegistryFace.SetCreditClassAsync(db, code, CreditRiskClass.D), Wuhu)).ShouldBeFalse();
        (await app.WithDb(db => db.Set<Enterprise>().SingleAsync(e => e.Id == id))).CreditClass.ShouldBe(CreditRiskClass.B);

        (await app.WithDb(db => RegistryFace.SetCreditClassAsync(db, code, CreditRiskClass.D), Hefei)).ShouldBeTrue();
        await app.WithDb(async db =>
        {
            (await db.Set<Enterprise>().SingleAsync(e => e.Id == id)).CreditClass.ShouldBe(CreditRiskClass.D);
            var entry = await db.AuditEntries.Where(a => a.EntityKey == id.ToString() && a.Action == "update").SingleAsync();
            entry.Before!.ShouldContain("\"CreditClass\":\"B\"");
            entry.After!.ShouldContain("\"CreditClass\":\"D\"");
            entry.RegionPath.ShouldBe("/340000/340100/340104/");
            return 0;
        });
    }
}

public sealed class RegistryFaceOnSqlite(SqliteApp app) : RegistryFaceTests(app), IClassFixture<SqliteApp>;
public sealed class RegistryFaceOnPostgres(PostgresApp app) : RegistryFaceTests(app), IClassFixture<PostgresApp>;
