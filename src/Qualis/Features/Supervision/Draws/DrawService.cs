using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Qualis.Features.Registry;
using Qualis.Features.Supervision.Items;
using Qualis.Features.Supervision.Plans;
using Qualis.Features.Supervision.SpotChecks;

namespace Qualis.Features.Supervision.Draws;

/// <summary>Why a draw step was refused: a text key and its arguments, one per problem (e.g. per short stratum).</summary>
public sealed record DrawProblem(string Key, params object[] Args);

public sealed class DrawRefusedException(IReadOnlyList<DrawProblem> problems) : Exception(string.Join("; ", problems.Select(p => p.Key)))
{
    public IReadOnlyList<DrawProblem> Problems { get; } = problems;

    public DrawRefusedException(string key, params object[] args) : this([new DrawProblem(key, args)]) { }
}

/// <summary>The "Supervision" section of configuration.</summary>
public sealed record SupervisionSettings(decimal OrdinaryItemCapPercent)
{
    public static SupervisionSettings From(IConfiguration config)
    {
        var text = config["Supervision:OrdinaryItemCapPercent"];
        if (string.IsNullOrWhiteSpace(text)) return new(20m);
        return decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var v) && v is > 0 and <= 100
            ? new(v)
            : throw new SettingException("Supervision:OrdinaryItemCapPercent", text, "expected a percentage above 0 and at most 100");
    }

    /// <summary>The ordinary items' cap as officials read it in a message (20, 12.5).</summary>
    public string OrdinaryItemCap => OrdinaryItemCapPercent.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// The double-random draw of a batch, in three steps an official takes: commit (freeze and publish the eligible
/// directory, the inspector inputs, the parameters and the commitment to a secret seed), draw (reveal the seed and
/// run the draw from the published files, creating a spot check per drawn enterprise) and, when needed, annul
/// with a reason before a redraw. See docs/draw-algorithm.md.
/// </summary>
public sealed partial class DrawService(QualisDb db, IDataProtectionProvider protection, SupervisionSettings settings, ILogger<DrawService> logger)
{
    private IDataProtector Sealer => protection.CreateProtector("Qualis.Supervision.DrawSeed");

    /// <summary>The refusal of a second draw of a drawn draw (a double click): the caller shows the draw as it is.</summary>
    public const string AlreadyDrawn = "draw.already_drawn";

    /// <summary>The refusal of a second commit while a draw of the batch stands: the caller shows that draw.</summary>
    public const string AlreadyCommitted = "draw.exists";

    /// <summary>
    /// The draw of the batch that is not annulled, if any: what a second commit (a double click, another instance) answers with.
    /// The unique index on the batch's active draw makes it at most one.
    /// </summary>
    public Task<Draw?> ActiveOfBatchAsync(Guid batchId, CancellationToken ct = default) =>
        db.Set<Draw>().AsNoTracking().SingleOrDefaultAsync(d => d.BatchId == batchId && d.Status != DrawStatus.Annulled, ct);

    /// <summary>
    /// Commits without witnesses (format 2): the seed is the platform's alone. Officials commit through the batch page,
    /// which names witnesses (<see cref="CommitAsync(Guid, WitnessPanel?, CancellationToken)"/>); this is kept for the draws
    /// of format 2 the tests and the benchmark make.
    /// </summary>
    public Task<Draw> CommitAsync(Guid batchId, CancellationToken ct = default) => CommitAsync(batchId, null, ct);

    /// <summary>Commits the batch's draw; with witnesses (format 3) their names and deadline go into the commitment record.</summary>
    public async Task<Draw> CommitAsync(Guid batchId, WitnessPanel? witnesses, CancellationToken ct = default)
    {
        var batch = await db.Set<PlanBatch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct)
                    ?? throw new DrawRefusedException("draw.batch_unknown");
        var named = witnesses is null ? null : await NamedWitnessesAsync(witnesses, batch.RegionPath, ct);
        var plan = await db.Set<SamplingPlan>().AsNoTracking().SingleAsync(p => p.Id == batch.PlanId, ct);
        var earlier = await db.Set<Draw>().Where(d => d.BatchId == batchId).ToListAsync(ct);
        if (earlier.FirstOrDefault(d => d.Status != DrawStatus.Annulled) is { } active)
            throw new DrawRefusedException(AlreadyCommitted, active.Number);
        var s = batch.Settings;

        // Who can be drawn and how many from each stratum: the same planning the batch page previews (DrawPreview.cs).
        var phases = new Phases();
        var planned = await PlanAsync(plan, s, phases, ct);
        var (items, directory, parameters) = (planned.Items, planned.Directory, planned.Strata);
        if (directory.Count == 0) throw new DrawRefusedException("draw.nobody_eligible");
        if (planned.Shortfalls is { Count: > 0 } shortfalls) throw new DrawRefusedException(shortfalls);

        // The snapshot's canonical text, hash and packing (the commit's largest piece of work) start at once, beside the
        // queries that follow: the directory is only read from here on.
        var snapshotTask = Task.Run(() =>
        {
            var (text, hash) = directory.Canonical();
            return (Hash: hash, Packed: PublishedDraw.Compress(text));
        }, ct);

        // The inspector directory and the 回避 facts, frozen with the snapshot.
        var inspectors = (await RegistryFace.InspectorPoolAsync(db, plan.RegionPath, ct)).Select(i => new PoolInspector(i.Id.ToString("N"), i.Unit, i.RegionCode)).ToList();
        if (inspectors.Count < s.TeamSize) throw new DrawRefusedException("draw.too_few_inspectors", inspectors.Count, s.TeamSize);
        var (conflicts, facts) = await AssignmentFactsAsync(plan, directory, ct);
        phases.Mark("assignment facts");
        var inputsTask = Task.Run(() =>
        {
            using var text = new MemoryStream();
            var hash = SnapshotHash.OfAssignmentInputs(inspectors, conflicts, facts, text);
            return (Hash: hash, Packed: PublishedDraw.Compress(text.ToArray()));
        }, ct);
        var regionNames = await db.Set<Platform.Regions.Region>().AsNoTracking().Where(RegionRange.Within<Platform.Regions.Region>(plan.RegionPath))
            .ToDictionaryAsync(r => r.Code, r => r.Name, ct);
        var industryNames = (await RegistryFace.IndustryHeadingsAsync(db, ct)).ToDictionary(i => i.Code, i => i.Name);
        var (snapshotHash, snapshotPacked) = await snapshotTask;
        var (inputsHash, inputsPacked) = await inputsTask;
        phases.Mark("published files");

        var seed = DrawCommitment.NewSeed();
        var commitment = DrawCommitment.Commit(seed);
        // The canonical parameters file: what decides the result besides the files and the seed; its hash is published with the commitment.
        var title = $"{plan.Year} {plan.Name} · {batch.Name}";
        var itemCodes = items.Select(i => i.Code).Order(CanonicalText.Comparer).ToList();
        var parametersFile = ParametersFile.Of(title, plan.RegionCode, regionNames.GetValueOrDefault(plan.RegionCode, plan.RegionCode), itemCodes, s,
            planned.CapPercent,
            parameters.Select(p => new StratumLine(p.Key, p.Size, p.Target, p.Uncapped, StratumNames.Canonical(p.Key, s, regionNames, industryNames)))).ToBytes();
        var parametersHash = ParametersFile.Hash(parametersFile);
        var published = new DrawParameters
        {
            Format = ParametersFile.Format,
            Batch = title,
            Items = itemCodes,
            Strata = parameters,
            TeamSize = s.TeamSize,
            ExcludeOwnCounty = s.ExcludeOwnCounty,
            SnapshotHash = snapshotHash,
            InputsHash = inputsHash,
            Commitment = commitment,
            ParametersHash = parametersHash,
        };
        var draw = new Draw
        {
            BatchId = batch.Id, PlanId = plan.Id, Number = earlier.Count + 1, RegionPath = batch.RegionPath, Status = DrawStatus.Committed,
            Commitment = commitment, SnapshotHash = snapshotHash, InputsHash = inputsHash, Parameters = published.ToJson(),
            ParametersFile = System.Text.Encoding.UTF8.GetString(parametersFile), ParametersHash = parametersHash,
            ItemCodes = string.Join(',', published.Items),
            Eligible = directory.Count, StrataCount = parameters.Count, TargetCount = parameters.Sum(p => p.Target),
            SealedSeed = Sealer.Protect(DrawCommitment.ToHex(seed)),
            CommittedAt = DateTime.UtcNow, CommittedBy = db.Actor.UserName ?? "",
        };
        if (named is not null)
        {
            draw.WitnessDeadline = witnesses!.Deadline;
            draw.WitnessList = CommitmentRecord.WitnessLines(named.Select(n => n.Line));
            db.Set<DrawWitness>().AddRange(named.Select(n => new DrawWitness
            {
                DrawId = draw.Id, RegionPath = draw.RegionPath, Position = n.Line.Position, Role = n.Line.Role, Name = n.Line.Name,
                Organisation = n.Line.Organisation, UserName = n.UserName,
            }));
        }
        db.Set<Draw>().Add(draw);
        db.Set<DrawArchive>().Add(new DrawArchive { DrawId = draw.Id, Snapshot = snapshotPacked, Inputs = inputsPacked });
        await db.SaveChangesAsync(ct);
        phases.Mark("saved");
        logger.LogInformation("Draw {Id} committed ({Eligible} eligible, {Strata} strata): {Phases}", draw.Id, draw.Eligible, draw.StrataCount, phases);
        return draw;
    }

    /// <summary>Reveals the seed and runs the draw from the published files; every drawn enterprise becomes a spot check.</summary>
    public async Task<Draw> RunAsync(Guid drawId, CancellationToken ct = default)
    {
        var draw = await db.Set<Draw>().SingleOrDefaultAsync(d => d.Id == drawId, ct) ?? throw new DrawRefusedException("draw.unknown");
        if (draw.Status == DrawStatus.Drawn) throw new DrawRefusedException(AlreadyDrawn);
        if (draw.Status != DrawStatus.Committed) throw new DrawRefusedException("draw.not_committed");
        var phases = new Phases();
        if (draw.WitnessList is not null) draw.WitnessesFile = System.Text.Encoding.UTF8.GetString(await WitnessesFileAsync(draw, ct));
        var archive = await db.Set<DrawArchive>().AsNoTracking().SingleAsync(a => a.DrawId == drawId, ct);
        var seedHex = Sealer.Unprotect(draw.SealedSeed!);
        phases.Mark("archive");
        // The reproduction (CPU) runs on another core while what the checks need is read: first what does not depend on
        // the result, then the drawn firms, as soon as the sample is drawn and while the teams are being assigned.
        var sampled = new TaskCompletionSource<DrawResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reproduced = Task.Run(() => Reproduce(PublishedParameters(draw), archive, seedHex, sampled.SetResult), ct);
        var names = (await RegistryFace.InspectorNamesOfAnyAreaAsync(db, ct)).ToDictionary(i => i.Key.ToString("N"), i => i.Value);
        var items = draw.ItemCodes.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var itemCategory = await db.Set<InspectionItem>().AsNoTracking().Where(i => items.Contains(i.Code) && i.ProductCategoryCode != null)
            .Select(i => i.ProductCategoryCode).FirstOrDefaultAsync(ct);
        var samples = (await RegistryFace.ProductCategoriesAsync(db, ct)).ToDictionary(c => c.Code, c => (c.TestSamples, c.ReserveSamples));
        // A reproduction refused before its sample (a seed or file that does not match) ends here with its refusal.
        if (await Task.WhenAny(sampled.Task, reproduced) == reproduced) await reproduced;
        var codes = (await sampled.Task).AllCodes.ToList();
        phases.Mark("sample");
        var enterprises = (await RegistryFace.EnterprisesOfAnyAreaAsync(db, codes, ct)).ToDictionary(e => e.CreditCode, StringComparer.Ordinal);
        phases.Mark("drawn firms read");
        var result = await reproduced;
        var teams = result.Assignment.Teams.ToDictionary(t => t.CreditCode, t => t.InspectorIds, StringComparer.Ordinal);
        phases.Mark("teams");
        var targets = new List<DrawTarget>(codes.Count);
        var checks = new List<SpotCheck>(codes.Count);
        var order = 0;
        foreach (var selection in result.Sample.Selected)
            foreach (var code in selection.Codes)
            {
                var e = enterprises.TryGetValue(code, out var found) ? found : throw new DrawRefusedException("draw.enterprise_gone", code);
                var team = teams.GetValueOrDefault(code) ?? [];
                var target = new DrawTarget
                {
                    DrawId = draw.Id, Order = ++order, StratumKey = selection.Key, CreditCode = code, EnterpriseId = e.Id, EnterpriseName = e.Name,
                    RegionPath = e.RegionPath, InspectorIds = string.Join(',', team), InspectorNames = string.Join('、', team.Select(id => names.GetValueOrDefault(id, id))),
                };
                targets.Add(target);
                // The product the check samples: the item's category, or the enterprise's own (产品类别) when the item names none.
                var category = itemCategory ?? e.ProductCategories?.Split('；', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
                var rule = category is not null && samples.TryGetValue(category, out var r) ? r : default;
                checks.Add(new SpotCheck
                {
                    DrawId = draw.Id, DrawTargetId = target.Id, EnterpriseId = e.Id, CreditCode = code, EnterpriseName = e.Name, RegionPath = e.RegionPath,
                    RegionCode = e.RegionCode, IndustryCode = e.IndustryCode, ItemCodes = draw.ItemCodes, Status = SpotCheckStatus.ToSample,
                    ProductCategoryCode = category, TestQuantity = rule.TestSamples == 0 ? null : rule.TestSamples,
                    ReserveQuantity = rule.TestSamples == 0 ? null : rule.ReserveSamples,
                });
            }

        draw.Status = DrawStatus.Drawn;
        draw.Seed = seedHex;
        draw.SealedSeed = null;
        draw.DrawnAt = DateTime.UtcNow;
        draw.DrawnBy = db.Actor.UserName;
        draw.Unstaffed = result.Assignment.Unstaffed.Count == 0 ? null : JsonSerializer.Serialize(result.Assignment.Unstaffed.Select(u => new
            { u.CreditCode, u.Required, u.Eligible, u.PoolSize, u.ExcludedBy.LinkedUnit, u.ExcludedBy.DeclaredConflict, u.ExcludedBy.LastInspection, u.ExcludedBy.OwnCounty }));

        // The targets and checks are written as a whole, with their audit entries, in one transaction with the reveal.
        phases.Mark("checks built");
        await using var pageCache = await BulkPageCache.EnlargeAsync(db, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // The audit entries' values (a JSON record per row, the costly part) are built on another core while the rows are written.
        var targetsAudit = await db.CreationEntriesAsync(targets, ct);
        var checksAudit = await db.CreationEntriesAsync(checks, ct);
        var audit = Task.Run(() => targetsAudit().Concat(checksAudit()).ToList(), ct);
        await BulkInsert.InsertAsync(db, targets, ct);
        phases.Mark("targets written");
        await BulkInsert.InsertAsync(db, checks, ct);
        phases.Mark("checks written");
        await db.AppendAuditAsync(await audit, ct);
        phases.Mark("their audit");
        await tx.CommitAsync(ct);
        phases.Mark("committed");
        logger.LogInformation("Draw {Id} drawn ({Targets} targets): {Phases}", draw.Id, targets.Count, phases);
        return draw;
    }

    /// <summary>Annuls a draw with a reason (作废), so the batch can be drawn again; both draws stay visible.</summary>
    public async Task AnnulAsync(Guid drawId, string? reason, CancellationToken ct = default)
    {
        var draw = await db.Set<Draw>().SingleOrDefaultAsync(d => d.Id == drawId, ct) ?? throw new DrawRefusedException("draw.unknown");
        if (draw.Status == DrawStatus.Annulled) throw new DrawRefusedException("draw.already_annulled");
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 4) throw new DrawRefusedException("draw.annul_reason");
        var checks = await db.Set<SpotCheck>().OutsideArea(AreaReason.WholeDraw).Where(c => c.DrawId == drawId).ToListAsync(ct);
        if (checks.Any(c => c.Status != SpotCheckStatus.ToSample)) throw new DrawRefusedException("draw.annul_started");
        db.Set<SpotCheck>().RemoveRange(checks);
        draw.Status = DrawStatus.Annulled;
        draw.AnnulledAt = DateTime.UtcNow;
        draw.AnnulledBy = db.Actor.UserName;
        draw.AnnulReason = reason.Trim();
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Runs a draw from its published data alone: the parameters, the two files and the seed. Refuses a seed that
    /// does not match the commitment and files whose hashes are not the published ones. The platform's own draw
    /// and every verification go through here.
    /// </summary>
    public static DoubleRandomResult Reproduce(string parametersJson, byte[] snapshot, byte[] inputs, string seedHex) =>
        Reproduce(ReadParameters(parametersJson), snapshot, inputs, seedHex);

    /// <summary>The same from parameters already read (a format 2 draw's parameters.tsv with its commitment record).</summary>
    public static DoubleRandomResult Reproduce(DrawParameters given, byte[] snapshot, byte[] inputs, string seedHex, Action<DrawResult>? sampled = null)
    {
        var parameters = CheckPublished(given, snapshot, seedHex);
        if (Convert.ToHexStringLower(SHA256.HashData(inputs)) is var inputsHash && inputsHash != parameters.InputsHash)
            throw new DrawRefusedException("draw.inputs_changed", inputsHash, parameters.InputsHash ?? "");
        var published = PublishedDraw.Strata(snapshot, parameters);
        var read = PublishedDraw.ReadInputs(inputs);
        return DoubleRandomDraw.Run(SeedUsed(parameters, seedHex), published.Strata, read.Inspectors,
            code => read.FactsOf(code, published.CountyOf(code)), read.Conflicts,
            new AssignmentOptions { MinTeamSize = parameters.TeamSize, ExcludeOwnCounty = parameters.ExcludeOwnCounty }, sampled);
    }

    /// <summary>
    /// The half of a draw anyone can check from the published files (the inputs with the 回避 facts are not published):
    /// the seed against the commitment, the snapshot against its hash, and the sampling. Its lines are the first three
    /// columns of result.tsv (order, stratum, credit code).
    /// </summary>
    public static IEnumerable<string> ReproducePublicHalf(string parametersJson, byte[] snapshot, string seedHex) =>
        ReproducePublicHalf(ReadParameters(parametersJson), snapshot, seedHex);

    public static IEnumerable<string> ReproducePublicHalf(DrawParameters published, byte[] snapshot, string seedHex)
    {
        var parameters = CheckPublished(published, snapshot, seedHex);
        var sample = StratifiedSampler.Draw(PublishedDraw.Strata(snapshot, parameters).Strata, new DrawRandom(SeedUsed(parameters, seedHex)));
        var order = 0;
        foreach (var s in sample.Selected)
            foreach (var code in s.Codes)
                yield return $"{++order}\t{s.Key}\t{code}";
    }

    /// <summary>
    /// The checks every reproduction starts with: parameters that read and allow a draw (a team of at least two), the seed
    /// against the commitment, the snapshot against its hash. A refusal names what was expected and what was found.
    /// </summary>
    private static DrawParameters CheckPublished(DrawParameters parameters, byte[] snapshot, string seedHex)
    {
        if (parameters.TeamSize < 2) throw new DrawRefusedException("draw.parameters_team_size", parameters.TeamSize);
        var check = DrawCommitment.Verify(seedHex, parameters.Commitment);
        if (check is { Matches: false, SeedHash: { } seedHash }) throw new DrawRefusedException("draw.seed_not_committed", seedHash, parameters.Commitment.Trim().ToLowerInvariant());
        if (!check.Matches) throw new DrawRefusedException("draw.seed_mismatch", check.Problem ?? "");
        if (Convert.ToHexStringLower(SHA256.HashData(snapshot)) is var snapshotHash && snapshotHash != parameters.SnapshotHash)
            throw new DrawRefusedException("draw.snapshot_changed", snapshotHash, parameters.SnapshotHash ?? "");
        return parameters;
    }

    /// <summary>The same from the platform's archive of a draw, where the two files are kept packed.</summary>
    public static DoubleRandomResult Reproduce(string parametersJson, DrawArchive archive, string seedHex) =>
        Reproduce(ReadParameters(parametersJson), archive, seedHex);

    public static DoubleRandomResult Reproduce(DrawParameters parameters, DrawArchive archive, string seedHex, Action<DrawResult>? sampled = null) =>
        Reproduce(parameters, PublishedDraw.Decompress(archive.Snapshot), PublishedDraw.Decompress(archive.Inputs), seedHex, sampled);

    /// <summary>Format 1 parameters: the JSON that holds the commitment and the hashes too.</summary>
    public static DrawParameters ReadParameters(string parametersJson)
    {
        try { return DrawParameters.FromJson(parametersJson); }
        catch (JsonException e) { throw new DrawRefusedException("draw.parameters_unreadable", e.Message); }
    }

    /// <summary>
    /// What a stored draw runs from. Format 2: its parameters file, checked against the parameters hash stored (and
    /// published) with the commitment, read with that commitment record; format 1: its parameters JSON.
    /// </summary>
    public static DrawParameters PublishedParameters(Draw draw) =>
        draw.ParametersFile is null ? ReadParameters(draw.Parameters) : FromFiles(System.Text.Encoding.UTF8.GetBytes(draw.ParametersFile), CommitmentRecord.Of(draw),
            draw.WitnessesFile is null ? null : System.Text.Encoding.UTF8.GetBytes(draw.WitnessesFile));

    /// <summary>The seed the draw uses: the revealed secret itself (formats 1 and 2), or derived from it, the record hash and witnesses.tsv (format 3).</summary>
    public static byte[] SeedUsed(DrawParameters parameters, string seedHex)
    {
        var secret = DrawCommitment.ParseSeed(seedHex);
        return parameters.WitnessesFile is null ? secret : WitnessFile.DeriveSeed(secret, parameters.RecordHash!, parameters.WitnessesFile);
    }

    /// <summary>
    /// Format 2 parameters from the two files published before the draw: the parameters file, refused unless its SHA-256
    /// is the record's parameters hash, and the record with the commitment and the other hashes.
    /// </summary>
    public static DrawParameters FromFiles(byte[] parametersFile, CommitmentRecord record, byte[]? witnessesFile = null)
    {
        if (record.ParametersHash is null) throw new DrawRefusedException("draw.record_without_parameters");
        var hash = ParametersFile.Hash(parametersFile);
        if (hash != record.ParametersHash) throw new DrawRefusedException("draw.parameters_changed", hash, record.ParametersHash);
        DrawParameters parameters;
        try { parameters = ParametersFile.Read(parametersFile).ToDrawParameters(record); }
        catch (FormatException e) { throw new DrawRefusedException("draw.parameters_unreadable", e.Message); }
        if (record.Format < 3) return parameters;
        // Format 3: witnesses.tsv must name the record's witnesses, with values in time (or the fallback); it derives the seed.
        if (witnessesFile is null) throw new DrawRefusedException("draw.witnesses_file_missing");
        List<GivenValue> values;
        FallbackValue? fallback;
        try { (values, fallback) = WitnessFile.Read(witnessesFile); }
        catch (FormatException e) { throw new DrawRefusedException("draw.witnesses_unreadable", e.Message); }
        if (WitnessFile.Check(record, values, fallback) is { } problem) throw new DrawRefusedException([problem]);
        return parameters with { RecordHash = record.Hash(), WitnessesFile = witnessesFile };
    }

    /// <summary>The published result as lines: order, stratum, credit code and the team's inspector ids.</summary>
    public static IEnumerable<string> ResultLines(DoubleRandomResult result)
    {
        var teams = result.Assignment.Teams.ToDictionary(t => t.CreditCode, t => t.InspectorIds, StringComparer.Ordinal);
        var order = 0;
        foreach (var s in result.Sample.Selected)
            foreach (var code in s.Codes)
                yield return $"{++order}\t{s.Key}\t{code}\t{string.Join(',', teams.GetValueOrDefault(code) ?? [])}";
    }

    /// <summary>Declared conflicts, and for the candidates their linked units and last inspection's team.</summary>
    private async Task<(List<(string, string)> Conflicts, List<AssignmentTarget> Facts)> AssignmentFactsAsync(
        SamplingPlan plan, EligibleDirectory candidates, CancellationToken ct)
    {
        var recusals = await db.Set<Recusal>().AsNoTracking().Where(RegionRange.Within<Recusal>(plan.RegionPath))
            .Select(r => new { r.CreditCode, r.InspectorId, r.Unit }).ToListAsync(ct);
        // The drawn draws first, then their targets by id: as a join, SQLite's planner took the region index for the targets
        // once per draw (every target read again for each draw: 2.1 s after 50 draws on the bench's directory, 0.13 s so).
        var drawnAt = await db.Set<Draw>().AsNoTracking().Where(d => d.Status == DrawStatus.Drawn).Select(d => new { d.Id, d.DrawnAt })
            .ToDictionaryAsync(d => d.Id, d => d.DrawnAt, ct);
        var drawnIds = drawnAt.Keys.ToList();
        var lastDrawn = (await db.Set<DrawTarget>().AsNoTracking().Where(RegionRange.Within<DrawTarget>(plan.RegionPath)).Where(t => drawnIds.Contains(t.DrawId))
            .Select(t => new { t.CreditCode, t.InspectorIds, t.DrawId }).ToListAsync(ct))
            .Select(t => new { t.CreditCode, t.InspectorIds, DrawnAt = drawnAt[t.DrawId] }).ToList();
        // The candidates these facts concern: a few thousand of the directory, found without a set of the whole of it.
        var concerned = recusals.Select(r => r.CreditCode).Concat(lastDrawn.Select(t => t.CreditCode)).ToHashSet(StringComparer.Ordinal);
        var codes = candidates.Among(concerned).ToHashSet(StringComparer.Ordinal);
        var conflicts = recusals.Where(r => r.InspectorId is not null && codes.Contains(r.CreditCode))
            .Select(r => (r.InspectorId!.Value.ToString("N"), r.CreditCode)).ToList();
        var linked = recusals.Where(r => r.Unit is not null && codes.Contains(r.CreditCode)).ToLookup(r => r.CreditCode, r => r.Unit!);
        var lastTeams = lastDrawn
            .Where(t => codes.Contains(t.CreditCode) && t.InspectorIds.Length > 0)
            .GroupBy(t => t.CreditCode).ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.DrawnAt).First().InspectorIds.Split(','), StringComparer.Ordinal);
        // Only facts that can matter go into the inputs; the county is in the snapshot.
        var facts = new List<AssignmentTarget>();
        foreach (var code in codes)
        {
            var hasLinked = linked.Contains(code);
            var hasLast = lastTeams.TryGetValue(code, out var last);
            if (!hasLinked && !hasLast) continue;
            facts.Add(new AssignmentTarget(code)
            {
                LinkedUnits = hasLinked ? linked[code].ToList() : [],
                LastInspectors = hasLast ? last! : [],
            });
        }
        return (conflicts, facts);
    }

    /// <summary>How long each step of a commit or a draw took, for the log: where a slow draw spends its time.</summary>
    private sealed class Phases
    {
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private readonly List<string> _parts = [];
        private TimeSpan _last;

        public void Mark(string step)
        {
            var now = _watch.Elapsed;
            _parts.Add($"{step} {(now - _last).TotalMilliseconds:F0} ms");
            _last = now;
        }

        public override string ToString() => $"{string.Join(", ", _parts)}; {_watch.Elapsed.TotalMilliseconds:F0} ms in all";
    }
}
