using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Qualis.Platform.Access;
using Qualis.Platform.Audit;
using Qualis.Platform.Regions;

namespace Qualis.Tests.Platform.Audit;

/// <summary>
/// The signing rules of an audit seal (审计封签): what is signed, with which key, and what a verifier accepts.
/// </summary>
public sealed class AuditSealRulesTests
{
    private static readonly DateTime At = new DateTime(2026, 12, 6, 4, 10, 30, DateTimeKind.Utc).AddTicks(1234560);

    [Fact]
    public void The_statement_names_the_entry_its_hash_the_time_and_the_key_one_line_each()
    {
        new SealStatement(42, "ab12", new DateTime(2026, 12, 6, 4, 10, 30, DateTimeKind.Utc).AddTicks(1234560), "k1").Text
            .ShouldBe("qualis-audit-seal/1\nsequence=42\nhead-hash=ab12\nsealed-at=2026-12-06T04:10:30.123456Z\nkey-id=k1");
    }

    [Fact]
    public void A_seal_verifies_with_its_key_and_fails_on_any_change_of_what_it_signs()
    {
        using var key = AuditSealKey.Generate();
        var statement = new SealStatement(42, new string('a', 64), At, key.KeyId);
        var signature = key.Sign(statement);
        key.Verify(statement, signature).ShouldBeTrue();

        key.Verify(statement with { Sequence = 41 }, signature).ShouldBeFalse();
        key.Verify(statement with { HeadHash = new string('b', 64) }, signature).ShouldBeFalse();
        key.Verify(statement with { SealedAt = At.AddTicks(10) }, signature).ShouldBeFalse();
        key.Verify(statement with { KeyId = "other" }, signature).ShouldBeFalse();
        var bytes = Convert.FromBase64String(signature);
        bytes[^1] ^= 1;
        key.Verify(statement, Convert.ToBase64String(bytes)).ShouldBeFalse();
        key.Verify(statement, "not base64!").ShouldBeFalse();
    }

    [Fact]
    public void Another_key_does_not_verify_a_seal_and_the_public_key_verifies_but_cannot_sign()
    {
        using var key = AuditSealKey.Generate();
        using var other = AuditSealKey.Generate();
        var statement = new SealStatement(7, new string('c', 64), At, key.KeyId);
        var signature = key.Sign(statement);
        other.Verify(statement with { KeyId = other.KeyId }, signature).ShouldBeFalse();

        using var published = AuditSealKey.FromPublicKeyPem(key.PublicKeyPem);
        published.KeyId.ShouldBe(key.KeyId);
        published.CanSign.ShouldBeFalse();
        published.Verify(statement, signature).ShouldBeTrue();
        Should.Throw<InvalidOperationException>(() => published.Sign(statement));
    }

    [Fact]
    public void The_key_id_is_the_SHA256_of_the_public_key_as_openssl_computes_it()
    {
        using var key = AuditSealKey.Generate();
        var spki = PemEncoding.Find(key.PublicKeyPem) is var pem ? Convert.FromBase64String(key.PublicKeyPem[pem.Base64Data]) : [];
        key.KeyId.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(spki)));
    }

    [Fact]
    public void A_signature_is_DER_that_a_plain_ECDSA_verifier_of_the_statement_text_accepts()
    {
        using var key = AuditSealKey.Generate();
        var statement = new SealStatement(3, new string('d', 64), At, key.KeyId);
        var signature = Convert.FromBase64String(key.Sign(statement));
        using var plain = ECDsa.Create();
        plain.ImportFromPem(key.PublicKeyPem);
        plain.VerifyData(Encoding.UTF8.GetBytes(statement.Text), signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence).ShouldBeTrue();
    }

    [Fact]
    public void Only_a_P256_private_key_in_PEM_is_taken_as_the_sealing_key()
    {
        using var key = AuditSealKey.Generate();
        using var again = AuditSealKey.FromPrivateKeyPem(key.ExportPrivateKeyPem());
        again.KeyId.ShouldBe(key.KeyId);
        using (var sec1 = ECDsa.Create(ECCurve.NamedCurves.nistP256))
            AuditSealKey.FromPrivateKeyPem(sec1.ExportECPrivateKeyPem()).CanSign.ShouldBeTrue(); // openssl's "EC PRIVATE KEY"

        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Should.Throw<FormatException>(() => AuditSealKey.FromPrivateKeyPem(p384.ExportPkcs8PrivateKeyPem())).Message.ShouldContain("P-256");
        Should.Throw<FormatException>(() => AuditSealKey.FromPrivateKeyPem(key.PublicKeyPem)).Message.ShouldContain("public key");
        Should.Throw<FormatException>(() => AuditSealKey.FromPrivateKeyPem("not a key"));
        using var rsa = RSA.Create(2048);
        Should.Throw<FormatException>(() => AuditSealKey.FromPrivateKeyPem(rsa.ExportPkcs8PrivateKeyPem()));
    }

    [Fact]
    public void A_bad_key_setting_stops_start_up_naming_the_setting()
    {
        static IConfiguration Config(params (string Key, string Value)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

        Should.Throw<SettingException>(() => AuditSealSettings.From(Config(("Audit:Seal:PrivateKey", "garbage")))).Key.ShouldBe("Audit:Seal:PrivateKey");
        Should.Throw<SettingException>(() => AuditSealSettings.From(Config(("Audit:Seal:PrivateKeyFile", "/nonexistent/key.pem")))).Key.ShouldBe("Audit:Seal:PrivateKeyFile");
        Should.Throw<SettingException>(() => AuditSealSettings.From(Config(("Audit:Seal:IntervalMinutes", "0")))).Key.ShouldBe("Audit:Seal:IntervalMinutes");
        using var key = AuditSealKey.Generate();
        var settings = AuditSealSettings.From(Config(("Audit:Seal:PrivateKey", key.ExportPrivateKeyPem())));
        settings.ConfiguredKey!.KeyId.ShouldBe(key.KeyId);
        settings.Interval.ShouldBe(TimeSpan.FromMinutes(60));
    }

    [Fact]
    public void Without_a_configured_key_a_development_or_demo_run_makes_one_in_a_file_and_production_seals_nothing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "qualis-seal-" + Guid.NewGuid().ToString("N"));
        try
        {
            var file = Path.Combine(folder, "data", "audit-seal-key.pem");
            var settings = new AuditSealSettings(TimeSpan.FromHours(1), null, file);
            AuditSealKeyring Keyring(string environment, bool demo) => new(settings,
                new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment, ContentRootPath = folder },
                new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=x", false, demo), NullLogger<AuditSealKeyring>.Instance);

            Keyring("Production", demo: false).Key.ShouldBeNull();
            File.Exists(file).ShouldBeFalse();
            var development = Keyring("Development", demo: false);
            development.Generated.ShouldBeTrue();
            development.Key!.CanSign.ShouldBeTrue();
            File.ReadAllText(file).ShouldContain("PRIVATE KEY");
            // The next start, and a demo run in another environment, seal with the same key.
            Keyring("Production", demo: true).Key!.KeyId.ShouldBe(development.Key.KeyId);

            using var configured = AuditSealKey.Generate();
            new AuditSealKeyring(settings with { ConfiguredKey = configured },
                new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development", ContentRootPath = folder },
                new DatabaseSettings(DatabaseProvider.Sqlite, "Data Source=x", false, true), NullLogger<AuditSealKeyring>.Instance).Key!.KeyId.ShouldBe(configured.KeyId);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_seal_file_reads_back_what_was_written_and_refuses_what_is_not_one()
    {
        using var key = AuditSealKey.Generate();
        var seal = new AuditSeal { Id = Guid.NewGuid(), Sequence = 9, HeadHash = new string('e', 64), SealedAt = At, KeyId = key.KeyId };
        seal.Signature = key.Sign(seal.Statement);
        var file = new SealFile(SealFile.FormatName, key.PublicKeyPem, key.KeyId, [SealFile.Seal.Of(seal)]);
        var read = SealFile.Read(new MemoryStream(file.ToJson()));
        read.Seals.Single().ShouldBe(SealFile.Seal.Of(seal));
        read.Seals.Single().Statement.ShouldBe(seal.Statement.Text);
        read.PublicKey.ShouldBe(key.PublicKeyPem);
        Should.Throw<FormatException>(() => SealFile.Read(new MemoryStream("{\"format\":\"other\",\"seals\":[]}"u8.ToArray())));
        Should.Throw<FormatException>(() => SealFile.Read(new MemoryStream("not json"u8.ToArray())));
    }
}

/// <summary>
/// The attacks the chain alone cannot see, because the attacker recomputes the hashes: a rewritten entry with every hash
/// after it recomputed, and a cut tail with the head moved back. The old check (<see cref="AuditVerifier.VerifyAsync"/>)
/// passes both — each test shows that first — and the seals catch them, even when the seals table is rewritten too,
/// through a seal file kept outside. Dropped guards and forged seals are named.
/// </summary>
public sealed class AuditSealTamperTests
{
    private static AuditSealer Sealer(QualisDb db, AuditSealKey key) =>
        new(db, new AuditSealKeyring(key), TimeProvider.System, NullLogger<AuditSealer>.Instance);

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_rewrite_with_every_later_hash_recomputed_fails_against_the_stored_seals_and_an_outside_seal_file(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        using var key = AuditSealKey.Generate();
        await using var db = scratch.Open();
        var sealing = await Sealer(db, key).SealAsync();
        sealing.Outcome.ShouldBe(SealOutcome.Sealed);
        var sealedAt = sealing.Seal!.Sequence;
        sealedAt.ShouldBeGreaterThan(20);
        var kept = await SealFileAsync(db, key); // what someone downloaded from the public page
        (await AuditVerifier.VerifyAllAsync(db, key, kept)).Problems.ShouldBeEmpty();

        await AuditGuards.DropAsync(db);
        var sealedHash = sealing.Seal.HeadHash;
        await RewriteAsync(db, 10);
        (await AuditVerifier.VerifyAsync(db)).Intact.ShouldBeTrue("the chain alone cannot see a rewrite whose hashes were recomputed");

        var report = await AuditVerifier.VerifyAllAsync(db, key, outside: null);
        var found = await db.AuditEntries.OutsideArea(AreaReason.AuditVerification).Where(e => e.Sequence == sealedAt).Select(e => e.Hash).SingleAsync();
        report.Problems.ShouldContain($"stored seal at entry {sealedAt}: expected hash {sealedHash}, found {found}: the chain up to entry {sealedAt} was rewritten");

        // The intruder rewrites the seals too: the seal file kept outside still proves the rewrite.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditSeals\"");
        var withoutSeals = await AuditVerifier.VerifyAllAsync(db, key, outside: null);
        withoutSeals.StoredSeals.ShouldBe(0);
        withoutSeals.Problems.Where(p => !p.StartsWith("guard:", StringComparison.Ordinal)).ShouldBeEmpty();
        var outside = await AuditVerifier.VerifyAllAsync(db, key, kept);
        outside.Problems.ShouldContain(p => p.StartsWith($"seal file at entry {sealedAt}: expected hash {sealedHash}, found {found}", StringComparison.Ordinal));
        // Without the key configured, the file's own public key checks its signatures.
        var byFileKey = await AuditVerifier.VerifyAllAsync(db, key: null, kept);
        byFileKey.Notes.ShouldContain(n => n.Contains(key.KeyId, StringComparison.Ordinal));
        byFileKey.Problems.ShouldContain(p => p.StartsWith($"seal file at entry {sealedAt}: expected hash", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_cut_tail_with_the_head_moved_back_fails_because_the_seal_names_an_entry_that_no_longer_exists(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        using var key = AuditSealKey.Generate();
        await using var db = scratch.Open();
        var seal = (await Sealer(db, key).SealAsync()).Seal!;
        var kept = await SealFileAsync(db, key);

        await AuditGuards.DropAsync(db);
        var newEnd = seal.Sequence - 3;
        await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\" WHERE \"Sequence\" > {0}", newEnd);
        var endHash = await db.AuditEntries.OutsideArea(AreaReason.AuditVerification).Where(e => e.Sequence == newEnd).Select(e => e.Hash).SingleAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditHead\" SET \"Sequence\" = {0}, \"Hash\" = {1} WHERE \"Id\" = 1", newEnd, endHash);
        (await AuditVerifier.VerifyAsync(db)).Intact.ShouldBeTrue("the chain alone cannot see a cut tail whose head was moved back");

        var report = await AuditVerifier.VerifyAllAsync(db, key, kept);
        report.Problems.ShouldContain($"stored seal at entry {seal.Sequence}: entry {seal.Sequence} no longer exists (the chain now ends at entry {newEnd}): entries were cut from the end or removed");
        report.Problems.ShouldContain(p => p.StartsWith($"seal file at entry {seal.Sequence}: entry {seal.Sequence} no longer exists", StringComparison.Ordinal));
        // Nor is the cut chain sealed over: the sealer checks the stretch since the last seal first.
        (await Sealer(db, key).SealAsync()).Outcome.ShouldBe(SealOutcome.Refused);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Each_missing_or_disabled_append_only_trigger_is_reported_by_name(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        await using var db = scratch.Open();
        (await AuditVerifier.MissingGuardsAsync(db)).ShouldBeEmpty();
        (await AuditVerifier.VerifyAllAsync(db, null, null)).Intact.ShouldBeTrue();

        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEntries_append_only\" ON \"AuditEntries\"");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE \"AuditSeals\" DISABLE TRIGGER \"AuditSeals_append_only\"");
            (await AuditVerifier.MissingGuardsAsync(db)).ShouldBe([
                "the append-only trigger AuditEntries_append_only on AuditEntries is missing",
                "the append-only trigger AuditSeals_append_only on AuditSeals is disabled",
            ]);
            // A trigger put back whose function no longer refuses is no guard either.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE FUNCTION pass_through() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$;
                CREATE TRIGGER "AuditEntries_append_only" BEFORE UPDATE OR DELETE ON "AuditEntries" FOR EACH ROW EXECUTE FUNCTION pass_through();
                """);
            (await AuditVerifier.MissingGuardsAsync(db)).ShouldContain("the append-only trigger AuditEntries_append_only on AuditEntries no longer refuses updates and deletions");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEntries_no_delete\"");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditSeals_no_update\"");
            (await AuditVerifier.MissingGuardsAsync(db)).ShouldBe([
                "the append-only trigger AuditEntries_no_delete on AuditEntries is missing",
                "the append-only trigger AuditSeals_no_update on AuditSeals is missing",
            ]);
        }
        var report = await AuditVerifier.VerifyAllAsync(db, null, null);
        report.Chain.Intact.ShouldBeTrue();
        report.Intact.ShouldBeFalse();
        report.Problems.ShouldAllBe(p => p.StartsWith("guard: the append-only trigger ", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_seal_with_a_bad_signature_or_another_key_is_reported(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        using var key = AuditSealKey.Generate();
        using var stranger = AuditSealKey.Generate();
        await using var db = scratch.Open();
        var seal = (await Sealer(db, key).SealAsync()).Seal!;
        (await AuditVerifier.VerifyAllAsync(db, key, null)).Intact.ShouldBeTrue();

        await AuditGuards.DropAsync(db);
        // A forger moves the seal's time (or anything it signs) without the private key: the old signature no longer matches.
        await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditSeals\" SET \"SealedAt\" = {0} WHERE \"Sequence\" = {1}", seal.SealedAt.AddHours(-1), seal.Sequence);
        (await AuditVerifier.VerifyAllAsync(db, key, null)).Problems.Where(p => !p.StartsWith("guard:", StringComparison.Ordinal))
            .ShouldBe([$"stored seal at entry {seal.Sequence}: the signature does not match the seal (the seal was altered or forged)"]);

        // A seal made with the forger's own key names that key, which is not the configured one.
        var forged = new AuditSeal { Id = Guid.NewGuid(), Sequence = seal.Sequence - 1, SealedAt = seal.SealedAt, KeyId = stranger.KeyId,
            HeadHash = await db.AuditEntries.OutsideArea(AreaReason.AuditVerification).Where(e => e.Sequence == seal.Sequence - 1).Select(e => e.Hash).SingleAsync() };
        forged.Signature = stranger.Sign(forged.Statement);
        db.Add(forged);
        await db.SaveChangesAsync();
        (await AuditVerifier.VerifyAllAsync(db, key, null)).Problems
            .ShouldContain($"stored seal at entry {forged.Sequence}: signed with key id {stranger.KeyId}, not the configured key (key id {key.KeyId})");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Sealing_twice_at_once_makes_one_seal_and_both_get_it_and_a_quiet_chain_is_not_sealed_again(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        using var key = AuditSealKey.Generate();
        for (var round = 0; round < 3; round++)
        {
            await using (var change = scratch.Open())
            {
                change.Set<Region>().Add(new Region { Code = $"34019{round}", Name = $"封签测试区{round}", ParentCode = "340100", Level = RegionLevel.County, RegionPath = $"/340000/340100/34019{round}/" });
                await change.SaveChangesAsync();
            }
            await using var one = scratch.Open();
            await using var two = scratch.Open();
            var results = await Task.WhenAll(Task.Run(() => Sealer(one, key).SealAsync()), Task.Run(() => Sealer(two, key).SealAsync()));
            results.Select(r => r.Outcome).Order().ShouldBe([SealOutcome.Sealed, SealOutcome.AlreadySealed]);
            results[0].Seal!.Id.ShouldBe(results[1].Seal!.Id);
        }
        await using var db = scratch.Open();
        (await db.Set<AuditSeal>().CountAsync()).ShouldBe(3);
        var again = await Sealer(db, key).SealAsync();
        again.Outcome.ShouldBe(SealOutcome.AlreadySealed);
        (await db.Set<AuditSeal>().CountAsync()).ShouldBe(3);
        (await AuditVerifier.VerifyAllAsync(db, key, null)).Intact.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_chain_changed_since_the_last_seal_is_not_sealed_over_and_seals_are_append_only(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        using var key = AuditSealKey.Generate();
        await using var db = scratch.Open();
        (await Sealer(db, key).SealAsync()).Outcome.ShouldBe(SealOutcome.Sealed);
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditSeals\" SET \"HeadHash\" = 'x'"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditSeals\""));

        db.Set<Region>().Add(new Region { Code = "340198", Name = "封签测试区", ParentCode = "340100", Level = RegionLevel.County, RegionPath = "/340000/340100/340198/" });
        await db.SaveChangesAsync();
        var last = await db.Set<AuditHead>().Select(h => h.Sequence).SingleAsync();
        await AuditGuards.DropAsync(db);
        await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"After\" = REPLACE(\"After\", '封签', '改写') WHERE \"Sequence\" = {0}", last);
        var refused = await Sealer(db, key).SealAsync();
        refused.Outcome.ShouldBe(SealOutcome.Refused);
        refused.Problem.ShouldBe($"entry {last} was changed after it was written: its content does not match its hash");
        (await db.Set<AuditSeal>().CountAsync()).ShouldBe(1);
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_scheduled_pass_seals_on_one_instance_per_interval_and_skips_a_chain_with_nothing_new(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        using var key = AuditSealKey.Generate();
        var settings = new AuditSealSettings(TimeSpan.FromMinutes(60), key, null);
        var keyring = new AuditSealKeyring(key);
        await using var services = new ServiceCollection()
            .AddScoped(_ => scratch.Open())
            .AddScoped(sp => new AuditSealer(sp.GetRequiredService<QualisDb>(), keyring, TimeProvider.System, NullLogger<AuditSealer>.Instance))
            .BuildServiceProvider();
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        AuditSealWorker Instance() => new(scopes, settings, keyring, TimeProvider.System, NullLogger<AuditSealWorker>.Instance);

        // Two instances' passes at the same moment: one takes the lease and seals, the other does nothing.
        var passes = await Task.WhenAll(Task.Run(() => Instance().RunScheduledAsync("instance-1")), Task.Run(() => Instance().RunScheduledAsync("instance-2")));
        passes.Count(p => p is not null).ShouldBe(1);
        passes.Single(p => p is not null)!.Outcome.ShouldBe(SealOutcome.Sealed);
        // The lease holder's next pass finds nothing new since its seal and seals nothing more.
        var holder = passes[0] is not null ? "instance-1" : "instance-2";
        (await Instance().RunScheduledAsync(holder))!.Outcome.ShouldBe(SealOutcome.AlreadySealed);
        await using var db = scratch.Open();
        (await db.Set<AuditSeal>().CountAsync()).ShouldBe(1);
    }

    /// <summary>The public page's download, as someone outside keeps it.</summary>
    internal static async Task<SealFile> SealFileAsync(QualisDb db, AuditSealKey key) =>
        new(SealFile.FormatName, key.PublicKeyPem, key.KeyId, (await db.Set<AuditSeal>().AsNoTracking().OrderBy(s => s.Sequence).ToListAsync()).Select(SealFile.Seal.Of).ToList());

    /// <summary>An intruder's rewrite: changes what entry <paramref name="sequence"/> says, recomputes its hash and every later one, and moves the head.</summary>
    internal static async Task RewriteAsync(QualisDb db, long sequence)
    {
        var entries = await db.AuditEntries.OutsideArea(AreaReason.AuditVerification).Where(e => e.Sequence >= sequence).OrderBy(e => e.Sequence).ToListAsync();
        var previous = await db.AuditEntries.OutsideArea(AreaReason.AuditVerification).Where(e => e.Sequence == sequence - 1).Select(e => e.Hash).SingleAsync();
        entries[0].After = (entries[0].After ?? "{}").Replace("省", "市", StringComparison.Ordinal) + " ";
        foreach (var e in entries)
        {
            e.PreviousHash = previous;
            e.Hash = e.ComputeHash();
            previous = e.Hash;
        }
        await db.SaveChangesAsync();
        var head = await db.Set<AuditHead>().SingleAsync();
        head.Hash = previous;
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }
}

/// <summary>What an intruder with database access does first: remove the append-only triggers of the trail and its seals.</summary>
internal static class AuditGuards
{
    public static async Task DropAsync(QualisDb db)
    {
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditEntries_append_only\" ON \"AuditEntries\"");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditSeals_append_only\" ON \"AuditSeals\"");
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditEntries_no_update\"");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditEntries_no_delete\"");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditSeals_no_update\"");
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER IF EXISTS \"AuditSeals_no_delete\"");
        }
    }
}

/// <summary>The operator's verbs: seal-audit, and verify-audit with a seal file from outside, as processes with their exit codes.</summary>
public sealed partial class AuditSealCommandTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Verify_audit_with_an_outside_seal_file_names_the_rewritten_entry_after_the_seals_table_was_emptied(DatabaseProvider provider)
    {
        using var scratch = await ScratchDb.CreateAsync(provider);
        using var key = AuditSealKey.Generate();
        var keyFile = Path.Combine(scratch.Database.Folder, "audit-seal.pem");
        await File.WriteAllTextAsync(keyFile, key.ExportPrivateKeyPem());
        var withKey = Cli.SettingsFor(scratch.Database);
        withKey["Audit__Seal__PrivateKeyFile"] = keyFile;

        // A production run without a key: sealing is off, and verify-audit says so without failing the intact chain.
        var off = await Cli.RunAsync(scratch.Database, "seal-audit");
        off.ExitCode.ShouldBe(1, off.All);
        off.Error.ShouldContain("Sealing is off");
        var unsealed = await Cli.RunAsync(scratch.Database, "verify-audit");
        unsealed.ExitCode.ShouldBe(0, unsealed.All);
        unsealed.Output.ShouldContain("sealing is off");

        var sealing = await Cli.RunAsync(withKey, "seal-audit");
        sealing.ExitCode.ShouldBe(0, sealing.All);
        var sequence = long.Parse(SealedAt().Match(sealing.Output).Groups[1].Value, CultureInfo.InvariantCulture);
        var again = await Cli.RunAsync(withKey, "seal-audit");
        again.Output.ShouldContain($"already sealed at entry {sequence}");
        var intact = await Cli.RunAsync(withKey, "verify-audit");
        intact.ExitCode.ShouldBe(0, intact.All);
        intact.Output.ShouldContain("1 stored seal(s)");

        string sealedHash, found;
        var sealFile = Path.Combine(scratch.Database.Folder, "seals.json");
        await using (var db = scratch.Open())
        {
            await File.WriteAllBytesAsync(sealFile, (await AuditSealTamperTests.SealFileAsync(db, key)).ToJson());
            sealedHash = await db.Set<AuditSeal>().Where(s => s.Sequence == sequence).Select(s => s.HeadHash).SingleAsync();
            await AuditGuards.DropAsync(db);
            await AuditSealTamperTests.RewriteAsync(db, 12);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditSeals\"");
            found = await db.AuditEntries.OutsideArea(AreaReason.AuditVerification).Where(e => e.Sequence == sequence).Select(e => e.Hash).SingleAsync();
        }

        var broken = await Cli.RunAsync(withKey, "verify-audit", "--seals", sealFile);
        broken.ExitCode.ShouldBe(1, broken.All);
        broken.Error.ShouldContain($"FAILED seal file at entry {sequence}: expected hash {sealedHash}, found {found}");
        broken.Error.ShouldContain(provider == DatabaseProvider.Postgres ? "AuditEntries_append_only" : "AuditEntries_no_update");
        broken.Error.ShouldNotContain("FAILED chain");

        var unreadable = await Cli.RunAsync(withKey, "verify-audit", "--seals", Path.Combine(scratch.Database.Folder, "missing.json"));
        unreadable.ExitCode.ShouldBe(2, unreadable.All);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"sealed at entry (\d+)")]
    private static partial System.Text.RegularExpressions.Regex SealedAt();
}
