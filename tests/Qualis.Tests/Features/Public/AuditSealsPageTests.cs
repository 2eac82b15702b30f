using System.Net;
using System.Text.RegularExpressions;
using Qualis.Platform.Access;
using Qualis.Platform.Audit;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Features.Public;

/// <summary>
/// The audit seals on the web, on both databases: the administrator's button on the audit page (a double click makes one
/// seal), and the public page (审计封签公示) with its public key and seal file, open without signing in.
/// </summary>
public abstract partial class AuditSealsPageTests(QualisApp app)
{
    /// <summary>The sealing key the fixtures' instances are configured with (Audit:Seal:PrivateKey).</summary>
    internal static readonly AuditSealKey Key = AuditSealKey.Generate();

    internal static Dictionary<string, string?> Settings => new() { ["Audit:Seal:PrivateKey"] = Key.ExportPrivateKeyPem() };

    /// <summary>A change, so the chain has a head not yet sealed.</summary>
    private async Task NewEntryAsync() => await app.WithDb(async db =>
    {
        var name = "封签测试区" + Guid.NewGuid().ToString("N")[..6];
        if (await db.Set<Region>().SingleOrDefaultAsync(r => r.Code == "340199") is { } region) region.Name = name;
        else db.Set<Region>().Add(new Region { Code = "340199", Name = name, ParentCode = "340100", Level = RegionLevel.County, RegionPath = "/340000/340100/340199/" });
        await db.SaveChangesAsync();
    });

    private Task<AuditHead> HeadAsync() => app.WithDb(db => db.Set<AuditHead>().AsNoTracking().SingleAsync());

    private static async Task<HttpResponseMessage> SealAsync(HttpClient client, string token) =>
        await client.PostAsync("/Audit?handler=Seal", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

    [Fact]
    public async Task A_double_click_on_the_seal_button_makes_one_seal_and_the_second_click_is_told_so()
    {
        var admin = await app.SignedInAs("auditor");
        (await admin.GetStringAsync("/Audit")).ShouldContain("id=\"audit-seal-now\"");
        await NewEntryAsync();
        var head = await HeadAsync();
        var token = await admin.TokenAsync("/Audit");

        var clicks = await Task.WhenAll(SealAsync(admin, token), SealAsync(admin, token));
        clicks.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        var seals = await app.WithDb(db => db.Set<AuditSeal>().AsNoTracking().Where(s => s.Sequence >= head.Sequence).ToListAsync());
        seals.Count.ShouldBe(1);
        seals[0].Sequence.ShouldBe(head.Sequence);
        seals[0].HeadHash.ShouldBe(head.Hash);
        Key.Verify(seals[0].Statement, seals[0].Signature).ShouldBeTrue();

        // A third click on a quiet chain: no new seal, and a notice naming the seal that stands.
        var third = await SealAsync(admin, token);
        third.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var notice = await admin.GetStringAsync(third.Headers.Location!.ToString());
        notice.ShouldContain(head.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        notice.ShouldMatch("已于|already sealed");
        (await app.WithDb(db => db.Set<AuditSeal>().CountAsync(s => s.Sequence >= head.Sequence))).ShouldBe(1);
    }

    [Fact]
    public async Task Only_the_audit_administrator_seals_the_system_administrator_and_officials_are_refused()
    {
        await NewEntryAsync();
        var head = await HeadAsync();
        foreach (var name in new[] { "admin", "province" })
        {
            var other = await app.SignedInAs(name);
            var page = await other.GetAsync("/Audit");
            page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            page.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
            var response = await SealAsync(other, await other.TokenAsync("/"));
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            response.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        }
        (await app.WithDb(db => db.Set<AuditSeal>().CountAsync(s => s.Sequence == head.Sequence))).ShouldBe(0);
    }

    [Fact]
    public async Task Anyone_reads_the_seals_the_public_key_and_the_seal_file_without_signing_in()
    {
        var admin = await app.SignedInAs("auditor");
        await NewEntryAsync();
        (await SealAsync(admin, await admin.TokenAsync("/Audit"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var seal = await app.WithDb(db => db.Set<AuditSeal>().AsNoTracking().OrderByDescending(s => s.Sequence).FirstAsync());

        var anonymous = app.Anonymous();
        (await anonymous.GetStringAsync("/Public")).ShouldContain("href=\"/Public/AuditSeals\"");
        var response = await anonymous.GetAsync("/Public/AuditSeals");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain($"data-sequence=\"{seal.Sequence}\"");
        html.ShouldContain(seal.HeadHash);
        html.ShouldContain(Key.KeyId);
        html.ShouldContain("BEGIN PUBLIC KEY");

        var pem = await anonymous.GetAsync("/Public/AuditSeals?handler=PublicKey");
        pem.StatusCode.ShouldBe(HttpStatusCode.OK);
        pem.Content.Headers.ContentDisposition!.FileName!.ShouldContain(".pem");
        using var published = AuditSealKey.FromPublicKeyPem(await pem.Content.ReadAsStringAsync());
        published.KeyId.ShouldBe(Key.KeyId);

        var download = await anonymous.GetAsync("/Public/AuditSeals?handler=File");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.FileName!.ShouldContain(".json");
        var file = SealFile.Read(await download.Content.ReadAsStreamAsync());
        file.KeyId.ShouldBe(Key.KeyId);
        var kept = file.Seals.Single(s => s.Sequence == seal.Sequence);
        kept.HeadHash.ShouldBe(seal.HeadHash);
        SealStatement.TryParseTime(kept.SealedAt, out var at).ShouldBeTrue();
        published.Verify(new SealStatement(kept.Sequence, kept.HeadHash, at, kept.KeyId), kept.Signature).ShouldBeTrue();
        kept.Statement.ShouldBe(seal.Statement.Text);
        // What anyone holding the file can do: verify it against the chain.
        (await app.WithDb(db => AuditVerifier.VerifyAllAsync(db, null, file))).Problems.Where(p => !p.StartsWith("guard:", StringComparison.Ordinal)).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_seals_list_pages_through_the_shared_pager_newest_first()
    {
        // Seals of 23 earlier heads, as a long-running installation has them.
        await app.WithDb(async db =>
        {
            var taken = (await db.Set<AuditSeal>().Select(s => s.Sequence).ToListAsync()).ToHashSet();
            var entries = await db.AuditEntries.OutsideArea(AreaReason.AuditVerification).Where(e => e.Sequence <= 200).OrderBy(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Hash }).ToListAsync();
            foreach (var e in entries.Where(e => !taken.Contains(e.Sequence)).Take(23))
            {
                var seal = new AuditSeal { Id = Guid.NewGuid(), Sequence = e.Sequence, HeadHash = e.Hash, SealedAt = AuditEntry.Truncate(DateTime.UtcNow), KeyId = Key.KeyId };
                seal.Signature = Key.Sign(seal.Statement);
                db.Add(seal);
            }
            await db.SaveChangesAsync();
        });
        var expected = await app.WithDb(async db => (await db.Set<AuditSeal>().Select(s => s.Sequence).ToListAsync()).OrderDescending().ToList());
        expected.Count.ShouldBeGreaterThan(20);

        var anonymous = app.Anonymous();
        var second = await anonymous.GetStringAsync("/Public/AuditSeals?per=10&page=2");
        Sequences(second).ShouldBe(expected.Skip(10).Take(10));
        var last = await anonymous.GetStringAsync("/Public/AuditSeals?per=10&page=last");
        Sequences(last).ShouldBe(expected.Skip((expected.Count - 1) / 10 * 10));
    }

    private static List<long> Sequences(string html) =>
        SequencePattern().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    [GeneratedRegex("data-sequence=\"(\\d+)\"")]
    private static partial Regex SequencePattern();
}

public sealed class SealedSqliteApp() : QualisApp(DatabaseProvider.Sqlite, AuditSealsPageTests.Settings);
public sealed class SealedPostgresApp() : QualisApp(DatabaseProvider.Postgres, AuditSealsPageTests.Settings);

public sealed class AuditSealsPageOnSqlite(SealedSqliteApp app) : AuditSealsPageTests(app), IClassFixture<SealedSqliteApp>;
public sealed class AuditSealsPageOnPostgres(SealedPostgresApp app) : AuditSealsPageTests(app), IClassFixture<SealedPostgresApp>;
