using Microsoft.Extensions.DependencyInjection;
using Qualis.Features.Registry;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;
using Qualis.Features.Supervision.SpotChecks;
using Qualis.Platform.Access;

namespace Qualis.Tests.Features.Supervision;

/// <summary>The double-random draw on a real database: commit, draw, reproduce from the published files, annul and redraw.</summary>
public abstract partial class DrawServiceTests(QualisApp app)
{
    private const string Wuhu = "/340000/340200/";

    /// <summary>Runs work as an official of Wuhu (芜湖) with the draw service of a fresh scope.</summary>
    private async Task<T> AsWuhuAsync<T>(Func<DrawService, QualisDb, Task<T>> work)
    {
        using var scope = app.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<Actor>().Set("wuhu-id", "wuhu", "test", "127.0.0.1", Wuhu);
        return await work(scope.ServiceProvider.GetRequiredService<DrawService>(), scope.ServiceProvider.GetRequiredService<QualisDb>());
    }

    private Task<PlanBatch> NewBatchAsync(BatchSettings settings) => AsWuhuAsync(async (_, db) =>
    {
        var plan = new SamplingPlan { Year = 2026, Name = "芜湖测试计划 " + Guid.NewGuid().ToString("N")[..6], RegionCode = "340200", RegionPath = Wuhu, CreatedAt = DateTime.UtcNow };
        var batch = new PlanBatch { PlanId = plan.Id, Number = 1, Name = "测试批次", RegionPath = Wuhu, Settings = settings, CreatedAt = DateTime.UtcNow };
        db.AddRange(plan, batch);
        await db.SaveChangesAsync();
        return batch;
    });

    private static BatchSettings Settings(string item = "CJ-05") => new()
    {
        ItemCodes = [item], ByRegion = RegionStrata.County, ByCreditClass = true, ExcludeInspectedWithinMonths = null,
        RatioPercentByClass = new() { [CreditRiskClass.A] = 5, [CreditRiskClass.B] = 10, [CreditRiskClass.C] = 30, [CreditRiskClass.D] = 60 },
    };

    [Fact]
    public async Task A_draw_commits_then_draws_and_anyone_reproduces_it_from_the_published_files()
    {
        var batch = await NewBatchAsync(Settings() with { ManualExclusions = [] });
        var committed = await AsWuhuAsync((draws, _) => draws.CommitAsync(batch.Id));
        committed.Status.ShouldBe(DrawStatus.Committed);
        committed.Seed.ShouldBeNull("the seed stays secret until the draw");
        committed.Commitment.Length.ShouldBe(64);
        var parameters = DrawParameters.FromJson(committed.Parameters);
        parameters.Strata.ShouldAllBe(s => s.Key.StartsWith("3402") && s.Target >= 1 && s.Target <= s.Size);
        committed.Eligible.ShouldBe(parameters.Strata.Sum(s => s.Size));

        var drawn = await AsWuhuAsync((draws, _) => draws.RunAsync(committed.Id));
        drawn.Status.ShouldBe(DrawStatus.Drawn);
        DrawCommitment.Verify(drawn.Seed, drawn.Commitment).Matches.ShouldBeTrue();

        var (targets, checks, archive) = await AsWuhuAsync(async (_, db) => (
            await db.Set<DrawTarget>().Where(t => t.DrawId == drawn.Id).OrderBy(t => t.Order).ToListAsync(),
            await db.Set<SpotCheck>().Where(c => c.DrawId == drawn.Id).ToListAsync(),
            await db.Set<DrawArchive>().SingleAsync(a => a.DrawId == drawn.Id)));
        targets.Count.ShouldBe(drawn.TargetCount);
        targets.Select(t => t.CreditCode).Distinct().Count().ShouldBe(targets.Count);
        targets.ShouldAllBe(t => t.RegionPath.StartsWith(Wuhu) && t.InspectorIds.Split(',', StringSplitOptions.None).Length >= 2);
        checks.Count.ShouldBe(targets.Count);
        checks.ShouldAllBe(c => c.Status == SpotCheckStatus.ToSample);

        // From the published data alone: parameters, the two files and the revealed seed.
        var again = DrawService.Reproduce(drawn.Parameters, archive, drawn.Seed!);
        DrawService.ResultLines(again).ShouldBe(targets.Select(t => $"{t.Order}\t{t.StratumKey}\t{t.CreditCode}\t{t.InspectorIds}"));
        var wrongSeed = new string(drawn.Seed!.Select((c, i) => i == 0 ? (c == '0' ? '1' : '0') : c).ToArray());
        var refused = Should.Throw<DrawRefusedException>(() => DrawService.Reproduce(drawn.Parameters, archive, wrongSeed)).Problems.Single();
        refused.Key.ShouldBe("draw.seed_not_committed");
        refused.Args.ShouldBe([DrawCommitment.ToHex(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(wrongSeed))), drawn.Commitment]);
        Should.Throw<DrawRefusedException>(() => DrawService.Reproduce(drawn.Parameters, archive, "xyz")).Problems.Single().Key.ShouldBe("draw.seed_mismatch");
    }

    [Fact]
    public async Task Closed_and_manually_excluded_enterprises_are_not_in_the_snapshot()
    {
        var (closed, manual) = await AsWuhuAsync(async (_, db) => (
            await db.Set<Enterprise>().Where(e => e.Status == EnterpriseStatus.Deregistered || e.Status == EnterpriseStatus.Revoked).Select(e => e.CreditCode).ToListAsync(),
            await db.Set<Enterprise>().Where(e => e.Status == EnterpriseStatus.Existing).OrderBy(e => e.CreditCode).Select(e => e.CreditCode).FirstAsync()));
        closed.ShouldNotBeEmpty();
        var batch = await NewBatchAsync(Settings() with { ManualExclusions = [new ManualExclusion(manual, "正在立案调查")] });
        var draw = await AsWuhuAsync((draws, _) => draws.CommitAsync(batch.Id));
        var snapshot = await AsWuhuAsync(async (_, db) => System.Text.Encoding.UTF8.GetString(
            PublishedDraw.Decompress((await db.Set<DrawArchive>().SingleAsync(a => a.DrawId == draw.Id)).Snapshot)));
        snapshot.ShouldNotContain(manual);
        closed.ShouldAllBe(c => !snapshot.Contains(c));
        var eligible = await AsWuhuAsync((_, db) => db.Set<Enterprise>().Where(e => e.Status != EnterpriseStatus.Deregistered && e.Status != EnterpriseStatus.Revoked)
            .Select(e => e.CreditCode).ToListAsync());
        draw.Eligible.ShouldBe(eligible.Count - 1);
        // The snapshot holds every open firm but the one excluded by hand, each once.
        var codes = snapshot.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')[1]).ToList();
        codes.Order(StringComparer.Ordinal).ShouldBe(eligible.Where(c => c != manual).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_scope_filters_of_a_batch_choose_exactly_the_enterprises_they_name()
    {
        var all = await AsWuhuAsync((_, db) => db.Set<Enterprise>().AsNoTracking().ToListAsync());
        var open = all.Where(e => e.Status != EnterpriseStatus.Deregistered && e.Status != EnterpriseStatus.Revoked).ToList();
        var size = open.Where(e => e.Size != null).GroupBy(e => e.Size!.Value).OrderByDescending(g => g.Count()).First().Key;
        var division = open.Where(e => e.IndustryCode is { Length: >= 2 }).GroupBy(e => e.IndustryCode![..2]).OrderByDescending(g => g.Count()).First().Key;
        var settings = Settings() with
        {
            ManualExclusions = [], Sizes = [size, EnterpriseSize.Micro], Industries = [division], Statuses = [EnterpriseStatus.Existing, EnterpriseStatus.Operating],
            CreditClasses = [CreditRiskClass.B, CreditRiskClass.C], RatioPercentByClass = new() { [CreditRiskClass.B] = 100, [CreditRiskClass.C] = 100 },
        };
        var bySize = open.Where(e => e.Size is { } s && settings.Sizes.Contains(s) && e.IndustryCode?.StartsWith(division) == true
                                     && settings.Statuses.Contains(e.Status) && settings.CreditClasses.Contains(e.CreditClass)).ToList();
        bySize.ShouldNotBeEmpty("the demo directory should hold firms of the most common size and division");

        var draw = await AsWuhuAsync(async (draws, _) => await draws.CommitAsync((await NewBatchAsync(settings)).Id));
        draw.Eligible.ShouldBe(bySize.Count);
        var product = bySize.Where(e => !string.IsNullOrEmpty(e.ProductCategories)).Select(e => e.ProductCategories!.Split('；')[0]).First();
        var withProduct = bySize.Where(e => e.ProductCategories?.Split('；', StringSplitOptions.RemoveEmptyEntries).Any(p => p.StartsWith(product, StringComparison.Ordinal)) == true).ToList();
        withProduct.ShouldNotBeEmpty();
        var narrowed = await AsWuhuAsync(async (draws, _) => await draws.CommitAsync((await NewBatchAsync(settings with { ProductCategories = [product] })).Id));
        var snapshot = await AsWuhuAsync(async (_, db) => System.Text.Encoding.UTF8.GetString(
            PublishedDraw.Decompress((await db.Set<DrawArchive>().SingleAsync(a => a.DrawId == narrowed.Id)).Snapshot)));
        snapshot.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[1]).Order(StringComparer.Ordinal)
            .ShouldBe(withProduct.Select(e => e.CreditCode).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Verify_draw_reproduces_a_draw_from_its_five_files_and_from_its_id_and_names_what_differs()
    {
        var batch = await NewBatchAsync(Settings() with { ManualExclusions = [] });
        var draw = await AsWuhuAsync(async (draws, _) => await draws.RunAsync((await draws.CommitAsync(batch.Id)).Id));
        var folder = await DrawFolderAsync(draw);
        try
        {
            var command = new VerifyDrawCommand();
            (await command.RunAsync(app.Services, [folder])).ShouldBe(0);
            (await command.RunAsync(app.Services, [draw.Id.ToString()])).ShouldBe(0);

            // The public's folder has no inputs.tsv (the 回避 facts are not published): the seed, the snapshot and the
            // drawn enterprises in their order are still checked, and a moved target is still caught.
            var inputs = await File.ReadAllBytesAsync(Path.Combine(folder, "inputs.tsv"));
            File.Delete(Path.Combine(folder, "inputs.tsv"));
            (await command.RunAsync(app.Services, [folder])).ShouldBe(0);
            var publicResult = Path.Combine(folder, "result.tsv");
            var publicLines = await File.ReadAllLinesAsync(publicResult);
            await File.WriteAllLinesAsync(publicResult, publicLines.Reverse());
            (await command.RunAsync(app.Services, [folder])).ShouldBe(1);
            await File.WriteAllLinesAsync(publicResult, publicLines);
            await File.WriteAllBytesAsync(Path.Combine(folder, "inputs.tsv"), inputs);

            var result = Path.Combine(folder, "result.tsv");
            var lines = await File.ReadAllLinesAsync(result);
            await File.WriteAllLinesAsync(result, lines.Take(lines.Length - 1)); // a target left out of the published result
            (await command.RunAsync(app.Services, [folder])).ShouldBe(1);
            await File.WriteAllLinesAsync(result, lines);

            var snapshot = Path.Combine(folder, "snapshot.tsv");
            var text = await File.ReadAllTextAsync(snapshot);
            await File.WriteAllTextAsync(snapshot, text.Replace("\t3402", "\t3403")); // candidates moved after the commitment
            (await command.RunAsync(app.Services, [folder])).ShouldBe(1);
            File.Delete(snapshot);
            (await command.RunAsync(app.Services, [folder])).ShouldBe(2);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A folder with the five files of a drawn draw, as an auditing official downloads them.</summary>
    private async Task<string> DrawFolderAsync(Draw draw)
    {
        var folder = Directory.CreateTempSubdirectory("qualis-verify-").FullName;
        await AsWuhuAsync(async (_, db) =>
        {
            var archive = await db.Set<DrawArchive>().SingleAsync(a => a.DrawId == draw.Id);
            await File.WriteAllBytesAsync(Path.Combine(folder, "snapshot.tsv"), PublishedDraw.Decompress(archive.Snapshot));
            await File.WriteAllBytesAsync(Path.Combine(folder, "inputs.tsv"), PublishedDraw.Decompress(archive.Inputs));
            await File.WriteAllBytesAsync(Path.Combine(folder, CommitmentRecord.Name), CommitmentRecord.Of(draw).ToBytes());
            await File.WriteAllTextAsync(Path.Combine(folder, ParametersFile.Name), draw.ParametersFile);
            await File.WriteAllTextAsync(Path.Combine(folder, "seed.txt"), draw.Seed + "\n");
            await File.WriteAllTextAsync(Path.Combine(folder, "result.tsv"), await DrawFiles.ResultAsync(db, draw));
            return 0;
        });
        return folder;
    }

    [Fact]
    public async Task Verify_draw_as_a_process_answers_help_bad_folders_and_forged_files_in_the_shells_language_never_with_a_stack_trace()
    {
        var batch = await NewBatchAsync(Settings() with { ManualExclusions = [] });
        var draw = await AsWuhuAsync(async (draws, _) => await draws.RunAsync((await draws.CommitAsync(batch.Id)).Id));
        var folder = await DrawFolderAsync(draw);
        var english = new Dictionary<string, string?>(Cli.SettingsFor(app.Database)) { ["LANG"] = "en_US.UTF-8", ["LC_ALL"] = "en_US.UTF-8" };
        var chinese = new Dictionary<string, string?>(Cli.SettingsFor(app.Database)) { ["LANG"] = "zh_CN.UTF-8", ["LC_ALL"] = "zh_CN.UTF-8" };
        async Task<Cli.Result> Verify(Dictionary<string, string?> shell, params string[] arguments)
        {
            var run = await Cli.RunAsync(shell, ["verify-draw", .. arguments]);
            run.All.ShouldNotContain("   at ", customMessage: "no stack trace");
            run.All.ShouldNotContain("draw.", customMessage: "no text keys");
            run.All.ShouldNotContain("verify.", customMessage: "no text keys");
            return run;
        }
        try
        {
            var help = await Verify(english, "--help");
            help.ExitCode.ShouldBe(0);
            help.Output.ShouldContain("Usage: Qualis verify-draw [--lang zh|en] [--record commitment.txt | --record-hash HASH] FOLDER");
            help.Output.ShouldContain("Exit code: 0 reproduced; 1 not reproduced");
            (await Verify(chinese, "--help")).Output.ShouldContain("退出码：0 复现一致");

            var missing = await Verify(chinese, Path.Combine(folder, "none"));
            missing.ExitCode.ShouldBe(2);
            missing.Error.ShouldContain("找不到文件夹 " + Path.Combine(folder, "none"));

            (await Verify(chinese, folder)).Output.ShouldContain("复现一致");

            // A team of one, the record re-hashed to match (a consistent forgery): the folder alone reads, and is refused by name.
            var parameters = Path.Combine(folder, ParametersFile.Name);
            var record = Path.Combine(folder, CommitmentRecord.Name);
            var (text, recordText) = (await File.ReadAllTextAsync(parameters), await File.ReadAllTextAsync(record));
            text.ShouldContain("team_size\t2\n");
            var forged = text.Replace("team_size\t2\n", "team_size\t1\n");
            await File.WriteAllTextAsync(parameters, forged);
            await File.WriteAllTextAsync(record, recordText.Replace(draw.ParametersHash!, ParametersFile.Hash(System.Text.Encoding.UTF8.GetBytes(forged))));
            var single = await Verify(english, folder);
            single.ExitCode.ShouldBe(1);
            single.Error.ShouldContain("team size of 1");
            await File.WriteAllTextAsync(parameters, text);
            await File.WriteAllTextAsync(record, recordText);

            var snapshot = Path.Combine(folder, "snapshot.tsv");
            var bytes = await File.ReadAllBytesAsync(snapshot);
            await File.WriteAllBytesAsync(snapshot, bytes.Concat("x"u8.ToArray()).ToArray());
            var changed = await Verify(english, folder);
            changed.ExitCode.ShouldBe(1);
            var published = draw.SnapshotHash;
            changed.Error.ShouldContain("the published one is " + published);
            changed.Error.ShouldContain("the file's SHA-256 is " + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(snapshot))));
            await File.WriteAllBytesAsync(snapshot, bytes);

            var seed = Path.Combine(folder, "seed.txt");
            await File.WriteAllTextAsync(seed, new string('0', 64) + "\n");
            var wrong = await Verify(chinese, folder);
            wrong.ExitCode.ShouldBe(1);
            wrong.Error.ShouldContain("随机种子与承诺值不符：种子的 SHA-256 为 " + DrawCommitment.ToHex(System.Security.Cryptography.SHA256.HashData(new byte[32])));
            wrong.Error.ShouldContain("公布的承诺值为 " + draw.Commitment);
            await File.WriteAllTextAsync(seed, draw.Seed + "\n");

            // Arguments: a bad one is named, with the usage; --lang wins over the shell's language.
            var unknown = await Verify(chinese, "--quick", folder);
            unknown.ExitCode.ShouldBe(2);
            unknown.Error.ShouldContain("未知选项 --quick。");
            var badHash = await Cli.RunAsync(chinese, "verify-draw", "--lang", "en", "--record-hash", "abc", folder);
            badHash.ExitCode.ShouldBe(2);
            badHash.Error.ShouldContain("--record-hash is a SHA-256 in 64 hexadecimal characters, not abc.");
            var two_targets = await Verify(english, folder, folder + "x");
            two_targets.ExitCode.ShouldBe(2);
            two_targets.Error.ShouldContain("Give one folder or draw id, not both");
            (await Cli.RunAsync(english, "verify-draw", "--lang", "zh", folder)).Output.ShouldContain("复现一致");
            (await Cli.RunAsync(english, "verify-draw", "--lang", "fr", folder)).Error.ShouldContain("--lang is zh or en, not fr.");

            // Two draws' files in one folder are refused by name, never mixed.
            File.Copy(parameters, Path.Combine(folder, "draw-2-" + ParametersFile.Name));
            var two = await Verify(chinese, folder);
            two.ExitCode.ShouldBe(2);
            two.Error.ShouldContain("draw-2-parameters.tsv, parameters.tsv");
            File.Delete(Path.Combine(folder, "draw-2-" + ParametersFile.Name));

            // Downloads named after two different draws: refused, the draws named.
            var other = Guid.NewGuid();
            File.Move(seed, Path.Combine(folder, $"draw-{draw.Id:N}-seed.txt"));
            File.Move(Path.Combine(folder, "result.tsv"), Path.Combine(folder, $"draw-{other:N}-result.tsv"));
            var mixed = await Verify(english, folder);
            mixed.ExitCode.ShouldBe(2);
            mixed.Error.ShouldContain("The folder holds the files of more than one draw (draws ");
            mixed.Error.ShouldContain(draw.Id.ToString("N"));
            mixed.Error.ShouldContain(other.ToString("N"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_changed_parameter_with_a_recomputed_result_passes_the_folder_alone_but_not_the_record_published_before_the_draw()
    {
        var batch = await NewBatchAsync(Settings() with { ManualExclusions = [] });
        var draw = await AsWuhuAsync(async (draws, _) => await draws.RunAsync((await draws.CommitAsync(batch.Id)).Id));
        var folder = await DrawFolderAsync(draw);
        File.Delete(Path.Combine(folder, DrawFiles.InputsName)); // the public's folder
        var published = CommitmentRecord.Of(draw);
        var kept = Path.Combine(Path.GetTempPath(), $"qualis-record-{draw.Id:N}.txt"); // the record, kept apart since before the draw
        await File.WriteAllBytesAsync(kept, published.ToBytes());
        var shell = new Dictionary<string, string?>(Cli.SettingsFor(app.Database)) { ["LANG"] = "zh_CN.UTF-8", ["LC_ALL"] = "zh_CN.UTF-8" };
        var (parametersPath, recordPath, resultPath) = (Path.Combine(folder, ParametersFile.Name), Path.Combine(folder, CommitmentRecord.Name), Path.Combine(folder, "result.tsv"));
        var (genuineParameters, genuineResult) = (await File.ReadAllBytesAsync(parametersPath), await File.ReadAllBytesAsync(resultPath));
        try
        {
            // One target more where the stratum has room, the result drawn again with the seed, the record re-hashed.
            var file = ParametersFile.Read(genuineParameters);
            var stratum = file.Strata.First(s => s.Target < s.Size);
            var forged = file with { Strata = file.Strata.Select(s => s == stratum ? s with { Target = s.Target + 1 } : s).ToList() };
            var forgedBytes = forged.ToBytes();
            var forgedRecord = published with { ParametersHash = ParametersFile.Hash(forgedBytes) };
            var snapshot = await File.ReadAllBytesAsync(Path.Combine(folder, "snapshot.tsv"));
            var lines = DrawService.ReproducePublicHalf(forged.ToDrawParameters(forgedRecord), snapshot, draw.Seed!).ToList();
            lines.Count.ShouldBe(draw.TargetCount + 1);
            await File.WriteAllBytesAsync(parametersPath, forgedBytes);
            await File.WriteAllBytesAsync(recordPath, forgedRecord.ToBytes());
            await File.WriteAllTextAsync(resultPath, string.Concat(lines.Select(l => l + "\t\n")));

            var alone = await Cli.RunAsync(shell, "verify-draw", folder);
            alone.ExitCode.ShouldBe(0, alone.All);
            alone.Output.ShouldContain("未给出抽取前公布的承诺记录");

            var againstRecord = await Cli.RunAsync(shell, "verify-draw", "--lang", "en", "--record", kept, folder);
            againstRecord.ExitCode.ShouldBe(1, againstRecord.All);
            againstRecord.Error.ShouldContain($"the folder's parameters hash is not what was published before the draw: expected {draw.ParametersHash}, found {forgedRecord.ParametersHash}.");
            var againstHash = await Cli.RunAsync(shell, "verify-draw", "--record-hash", published.Hash(), folder);
            againstHash.ExitCode.ShouldBe(1, againstHash.All);
            againstHash.Error.ShouldContain($"期望其 SHA-256 为 {published.Hash()}，实际为 {forgedRecord.Hash()}");

            // The record left as published, only the parameters changed: the parameters hash names the file.
            await File.WriteAllBytesAsync(recordPath, published.ToBytes());
            var fileOnly = await Cli.RunAsync(shell, "verify-draw", "--record", kept, folder);
            fileOnly.ExitCode.ShouldBe(1, fileOnly.All);
            fileOnly.Error.ShouldContain($"参数文件 parameters.tsv 与公布的参数哈希不符：文件的 SHA-256 为 {forgedRecord.ParametersHash}，公布的是 {draw.ParametersHash}");

            // The genuine folder against the record kept apart: reproduced; the platform's own check agrees.
            await File.WriteAllBytesAsync(parametersPath, genuineParameters);
            await File.WriteAllBytesAsync(resultPath, genuineResult);
            var genuine = await Cli.RunAsync(shell, "verify-draw", "--record", kept, folder);
            genuine.ExitCode.ShouldBe(0, genuine.All);
            genuine.Output.ShouldContain("复现一致");
            genuine.Output.ShouldNotContain("未给出");
            (await Cli.RunAsync(shell, "verify-draw", "--record-hash", published.Hash(), draw.Id.ToString())).ExitCode.ShouldBe(0);
            (await Cli.RunAsync(shell, "verify-draw", "--record", kept, draw.Id.ToString())).ExitCode.ShouldBe(0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
            File.Delete(kept);
        }
    }

    [Fact]
    public async Task A_draw_committed_before_the_parameters_file_still_draws_and_verifies_from_its_parameters_json()
    {
        var batch = await NewBatchAsync(Settings() with { ManualExclusions = [] });
        var committed = await AsWuhuAsync((draws, _) => draws.CommitAsync(batch.Id));
        // As a format 1 draw was stored: the JSON parameters with the hashes, no parameters file, no parameters hash.
        await AsWuhuAsync(async (_, db) =>
        {
            var d = await db.Set<Draw>().SingleAsync(x => x.Id == committed.Id);
            d.Parameters = DrawParameters.FromJson(d.Parameters) with { Format = 0, ParametersHash = null } is var p ? p.ToJson() : "";
            (d.ParametersFile, d.ParametersHash) = (null, null);
            await db.SaveChangesAsync();
            return 0;
        });
        var draw = await AsWuhuAsync((draws, _) => draws.RunAsync(committed.Id));
        draw.Parameters.ShouldNotContain("format");
        var record = CommitmentRecord.Of(draw);
        record.Format.ShouldBe(1);
        System.Text.Encoding.UTF8.GetString(record.ToBytes()).ShouldNotContain("parameters");

        var folder = await AsWuhuAsync(async (_, db) =>
        {
            var f = Directory.CreateTempSubdirectory("qualis-verify-v1-").FullName;
            foreach (var name in DrawFiles.Available(formatTwo: false, drawn: true))
            {
                var file = (Microsoft.AspNetCore.Mvc.FileContentResult)await DrawFiles.DownloadAsync(db, draw, name, mayReadInputs: false);
                await File.WriteAllBytesAsync(Path.Combine(f, file.FileDownloadName), file.FileContents);
            }
            return f;
        });
        try
        {
            File.Exists(Path.Combine(folder, $"draw-{draw.Id:N}-parameters.json")).ShouldBeTrue();
            var kept = Path.Combine(folder, "..", $"qualis-v1-record-{draw.Id:N}.txt");
            await File.WriteAllBytesAsync(kept, record.ToBytes());
            var run = await Cli.RunAsync(Cli.SettingsFor(app.Database), "verify-draw", "--lang", "en", "--record", kept, folder);
            File.Delete(kept);
            run.ExitCode.ShouldBe(0, run.All);
            run.Output.ShouldContain("Reproduced");
            (await AsWuhuAsync((_, db) => DrawFiles.VerifyAsync(db, draw))).Reproduced.ShouldBeTrue();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_draw_is_not_repeated_quietly_an_annulment_needs_a_reason_and_both_stay()
    {
        var batch = await NewBatchAsync(Settings());
        var first = await AsWuhuAsync((draws, _) => draws.CommitAsync(batch.Id));
        await AsWuhuAsync((draws, _) => draws.RunAsync(first.Id));
        (await Should.ThrowAsync<DrawRefusedException>(() => AsWuhuAsync((draws, _) => draws.CommitAsync(batch.Id)))).Problems[0].Key.ShouldBe("draw.exists");
        (await Should.ThrowAsync<DrawRefusedException>(() => AsWuhuAsync(async (draws, _) => { await draws.AnnulAsync(first.Id, " "); return 0; })))
            .Problems[0].Key.ShouldBe("draw.annul_reason");

        await AsWuhuAsync(async (draws, _) => { await draws.AnnulAsync(first.Id, "抽取范围漏列了新登记企业"); return 0; });
        var second = await AsWuhuAsync((draws, _) => draws.CommitAsync(batch.Id));
        second.Number.ShouldBe(2);
        var all = await AsWuhuAsync((_, db) => db.Set<Draw>().Where(d => d.BatchId == batch.Id).OrderBy(d => d.Number).ToListAsync());
        all.Select(d => d.Status).ShouldBe([DrawStatus.Annulled, DrawStatus.Committed]);
        all[0].AnnulReason.ShouldBe("抽取范围漏列了新登记企业");
        (await AsWuhuAsync((_, db) => db.Set<SpotCheck>().CountAsync(c => c.DrawId == first.Id))).ShouldBe(0);
        (await AsWuhuAsync((_, db) => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Draw) && e.EntityKey == first.Id.ToString() && e.Action == "update")))
            .ShouldBeGreaterThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_count_the_directory_cannot_meet_is_refused_stratum_by_stratum()
    {
        var batch = await NewBatchAsync(new BatchSettings { ItemCodes = ["CJ-01"], ByRegion = RegionStrata.County, CountPerStratum = 500, ExcludeInspectedWithinMonths = null });
        var refused = await Should.ThrowAsync<DrawRefusedException>(() => AsWuhuAsync((draws, _) => draws.CommitAsync(batch.Id)));
        refused.Problems.ShouldNotBeEmpty();
        refused.Problems.ShouldAllBe(p => p.Key == "draw.shortfall");
        refused.Problems.Select(p => (string)p.Args[0]).ShouldAllBe(k => k.StartsWith("3402"));
        (await AsWuhuAsync((_, db) => db.Set<Draw>().CountAsync(d => d.BatchId == batch.Id))).ShouldBe(0);
    }

    [Fact]
    public async Task Enterprises_drawn_for_the_same_item_lately_are_left_out_of_the_next_batch()
    {
        var first = await NewBatchAsync(Settings("CJ-06"));
        var d1 = await AsWuhuAsync((draws, _) => draws.CommitAsync(first.Id));
        await AsWuhuAsync((draws, _) => draws.RunAsync(d1.Id));
        var drawnCodes = await AsWuhuAsync((_, db) => db.Set<DrawTarget>().Where(t => t.DrawId == d1.Id).Select(t => t.CreditCode).ToListAsync());

        var second = await NewBatchAsync(Settings("CJ-06") with { ExcludeInspectedWithinMonths = 12 });
        var d2 = await AsWuhuAsync((draws, _) => draws.CommitAsync(second.Id));
        d2.Eligible.ShouldBe(d1.Eligible - drawnCodes.Count);
    }
}

public sealed class DrawServiceOnSqlite(SqliteApp app) : DrawServiceTests(app), IClassFixture<SqliteApp>;
public sealed class DrawServiceOnPostgres(PostgresApp app) : DrawServiceTests(app), IClassFixture<PostgresApp>;
