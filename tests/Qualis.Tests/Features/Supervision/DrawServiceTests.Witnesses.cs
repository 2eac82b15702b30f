using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Publication;
using Qualis.Platform.Accounts;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// The witnesses of a draw (见证人, format 3) on both databases: who may be named, the values given in the witnesses' own
/// accounts once and in time, the draw waiting for them, the fallback after the deadline, and the published witnesses.tsv
/// checked by verify-draw and by the document's Python reference against a draw the platform made.
/// </summary>
public abstract partial class DrawServiceTests
{
    /// <summary>A witness account of the province (its area holds every batch), named for the test.</summary>
    private async Task<(string UserName, string Name)> NewWitnessAsync()
    {
        var userName = $"wit.{Guid.NewGuid():N}"[..16];
        var name = "见证人" + userName[4..10];
        await RecordSamples.NewUserAsync(app, userName, Roles.Witness, "340000", name);
        return (userName, name);
    }

    private async Task<Draw> CommitWitnessedAsync(WitnessPanel panel)
    {
        var batch = await NewBatchAsync(Settings() with { ManualExclusions = [] });
        return await AsWuhuAsync((draws, _) => draws.CommitAsync(batch.Id, panel));
    }

    [Fact]
    public async Task A_commit_without_a_witness_from_outside_the_office_is_refused_on_the_witness_field()
    {
        var batch = await NewBatchAsync(Settings() with { ManualExclusions = [] });
        var wuhu = await app.SignedInAs("wuhu");
        var page = $"/Supervision/Plans/Batch/{batch.Id}";
        var form = await wuhu.GetStringAsync(page);
        form.ShouldContain("id=\"commit-witnesses\"");
        form.ShouldContain($"<option value=\"{Witnessing.Notary}\"");
        form.ShouldContain("selected=\"selected\">", customMessage: "a witness account is proposed, so the form commits as it stands");

        async Task<string> Refused(Dictionary<string, string> fields)
        {
            var response = await wuhu.PostFormAsync(page + "?handler=Commit", fields, page);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            return Forms.ErrorsIn(await response.Content.ReadAsStringAsync());
        }
        (await Refused(new(Witnessing.CommitFields()) { ["Commit.Roles[0]"] = nameof(WitnessRole.Office) }))
            .ShouldContain("至少一位见证人须来自组织机关以外（公证员、企业协会代表或监督部门）");
        (await Refused(new(Witnessing.CommitFields()) { ["Commit.Accounts[0]"] = "" })).ShouldContain("请至少指定一位见证人");
        (await Refused(new(Witnessing.CommitFields()) { ["Commit.Accounts[1]"] = "wuhu" })).ShouldContain("“wuhu”不是可指定的见证人账户");
        (await Refused(Witnessing.CommitFields(DateTime.UtcNow.AddHours(-1)))).ShouldContain("截止时间须晚于现在");
        (await Refused(new(Witnessing.CommitFields()) { ["Commit.Deadline"] = "明天" })).ShouldContain("请按“年-月-日 时:分”填写截止时间");
        (await app.WithDb(db => db.Set<Draw>().CountAsync(d => d.BatchId == batch.Id))).ShouldBe(0, "nothing is committed");

        // The service refuses the same panel, whoever calls it.
        var refused = await Should.ThrowAsync<DrawRefusedException>(() => AsWuhuAsync((draws, _) =>
            draws.CommitAsync(batch.Id, new WitnessPanel([new(Witnessing.Notary, WitnessRole.Office)], DateTime.UtcNow.AddDays(1)))));
        refused.Problems.Single().Key.ShouldBe("draw.witness_none_outside");

        var commit = await wuhu.PostFormAsync(page + "?handler=Commit", Witnessing.CommitFields(), page);
        commit.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await commit.Content.ReadAsStringAsync()));
        var draw = await app.WithDb(db => db.Set<Draw>().SingleAsync(d => d.BatchId == batch.Id));
        var record = Encoding.UTF8.GetString(CommitmentRecord.Of(draw).ToBytes());
        record.ShouldStartWith("format\t3\n");
        record.ShouldContain("\nwitness\t1\tnotary\t赵宁 (公证员)\t安徽省合肥市公证处\n");
    }

    [Fact]
    public async Task Witnesses_give_one_value_each_in_their_own_account_by_the_deadline_and_the_draw_waits_for_them_or_the_fallback()
    {
        var silent = await NewWitnessAsync();
        var draw = await CommitWitnessedAsync(new WitnessPanel(
            [new(Witnessing.Notary, WitnessRole.Notary), new(silent.UserName, WitnessRole.Supervisor)], DateTime.UtcNow.AddHours(1)));
        var rows = await AsWuhuAsync((draws, _) => draws.WitnessesAsync(draw.Id));
        rows.Select(r => (r.Position, r.Role, r.Value)).ShouldBe([(1, WitnessRole.Notary, (string?)null), (2, WitnessRole.Supervisor, null)]);

        // Before the values: the draw refuses, naming who is awaited.
        var waiting = (await Should.ThrowAsync<DrawRefusedException>(() => AsWuhuAsync((draws, _) => draws.RunAsync(draw.Id)))).Problems.Single();
        waiting.Key.ShouldBe("draw.witnesses_missing");
        ((string)waiting.Args[0]).ShouldBe($"赵宁 (公证员)、{silent.Name}");
        var wuhu = await app.SignedInAs("wuhu");
        var drawPage = $"/Supervision/Draws/{draw.Id}";
        var refusedPage = await wuhu.PostFormAsync(drawPage + "?handler=Draw", [], drawPage);
        Forms.ErrorsIn(await refusedPage.Content.ReadAsStringAsync()).ShouldContain($"以下见证人尚未提交随机值：赵宁 (公证员)、{silent.Name}");

        // Only the witness gives their value, on their own page; a double click stores one value.
        (await Should.ThrowAsync<DrawRefusedException>(() => AsWuhuAsync((draws, _) => draws.GiveAsync(rows[0].Id, "1"))))
            .Problems.Single().Key.ShouldBe("draw.witness_unknown");
        var notary = await app.SignedInAs(Witnessing.Notary);
        (await notary.GetStringAsync("/Supervision/Witness")).ShouldContain($"data-draw=\"{draw.Id}\"");
        var token = await notary.TokenAsync("/Supervision/Witness");
        var clicks = await Task.WhenAll(new[] { "第一次 4711", "第二次 0815" }.Select(value => notary.PostAsync($"/Supervision/Witness?handler=Give&id={rows[0].Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["value"] = value, ["__RequestVerificationToken"] = token }))));
        clicks.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Redirect);
        var given = (await AsWuhuAsync((draws, _) => draws.WitnessesAsync(draw.Id)))[0];
        given.Value.ShouldBeOneOf("第一次 4711", "第二次 0815");
        (await Should.ThrowAsync<DrawRefusedException>(() => Witnessing.AsAsync(app.Services, Witnessing.Notary, draws => draws.GiveAsync(rows[0].Id, "again"))))
            .Problems.Single().Key.ShouldBe(DrawService.AlreadyGiven);
        (await app.WithDb(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(DrawWitness) && e.EntityKey == rows[0].Id.ToString() && e.Action == Qualis.Platform.Audit.AuditEntry.Update)))
            .ShouldBe(1, "the value is audited, once");

        // The fallback waits for the deadline; after it a late value is refused and the office applies the fallback.
        (await Should.ThrowAsync<DrawRefusedException>(() => AsWuhuAsync((draws, _) => draws.ApplyFallbackAsync(draw.Id, "3412.55", "上证综合指数收盘点位", "陈静"))))
            .Problems.Single().Key.ShouldBe("draw.fallback_too_early");
        // The clock moved on: the commitment two hours ago, the notary's value an hour ago, the deadline a minute ago.
        await app.WithDb(async db =>
        {
            var stored = await db.Set<Draw>().SingleAsync(d => d.Id == draw.Id);
            stored.CommittedAt = stored.CommittedAt.AddHours(-2);
            stored.WitnessDeadline = WitnessFile.Seconds(DateTime.UtcNow.AddMinutes(-1));
            var notaryRow = await db.Set<DrawWitness>().SingleAsync(w => w.Id == rows[0].Id);
            notaryRow.GivenAt = notaryRow.GivenAt!.Value.AddHours(-1);
            await db.SaveChangesAsync();
        });
        (await Should.ThrowAsync<DrawRefusedException>(() => Witnessing.AsAsync(app.Services, silent.UserName, draws => draws.GiveAsync(rows[1].Id, "迟到的值"))))
            .Problems.Single().Key.ShouldBe("draw.witness_late");
        (await Should.ThrowAsync<DrawRefusedException>(() => AsWuhuAsync((draws, _) => draws.RunAsync(draw.Id)))).Problems.Single().Key.ShouldBe("draw.witnesses_missing");
        var fallbackPage = await wuhu.GetStringAsync(drawPage);
        fallbackPage.ShouldContain("id=\"fallback-form\"");
        var noSource = await wuhu.PostFormAsync(drawPage + "?handler=Fallback", new() { ["fallbackValue"] = "3412.55", ["fallbackSource"] = "" }, drawPage);
        Forms.ErrorsIn(await noSource.Content.ReadAsStringAsync()).ShouldContain("请写明备用公开随机值的来源");
        var applied = await wuhu.PostFormAsync(drawPage + "?handler=Fallback", new() { ["fallbackValue"] = "3412.55", ["fallbackSource"] = "上证综合指数截止后首个交易日收盘点位" }, drawPage);
        applied.StatusCode.ShouldBe(HttpStatusCode.Redirect, Forms.ErrorsIn(await applied.Content.ReadAsStringAsync()));
        (await Should.ThrowAsync<DrawRefusedException>(() => AsWuhuAsync((draws, _) => draws.ApplyFallbackAsync(draw.Id, "1", "另一来源说明", "陈静"))))
            .Problems.Single().Key.ShouldBe("draw.fallback_applied_already");

        // The draw runs from the values and the fallback, and publishes them with who gave them.
        var drawn = await AsWuhuAsync((draws, _) => draws.RunAsync(draw.Id));
        drawn.Status.ShouldBe(DrawStatus.Drawn);
        drawn.WitnessesFile.ShouldNotBeNull().ShouldStartWith($"witness\t1\tnotary\t赵宁 (公证员)\t安徽省合肥市公证处\t{given.Value}\t");
        drawn.WitnessesFile.ShouldContain($"witness\t2\tsupervisor\t{silent.Name}\t\t\t\nfallback\t3412.55\t上证综合指数截止后首个交易日收盘点位\t");
        drawn.WitnessesFile.ShouldEndWith("\t芜湖市市场监督管理局\n", Case.Sensitive, "the office that applied it, not the official's name (the file is public)");
        (await app.WithDb(db => PublishedDraws.VerifyAsync(db, draw.Id))).ShouldNotBeNull().Reproduced.ShouldBeTrue();
        var publicPage = await app.Anonymous().GetStringAsync($"/Public/Draws/{draw.Id}");
        publicPage.ShouldContain("id=\"draw-witnesses\"");
        publicPage.ShouldContain(WebUtility.HtmlEncode(given.Value!));
        publicPage.ShouldContain("未提交，已适用备用公开随机源");
        publicPage.ShouldContain("上证综合指数截止后首个交易日收盘点位");
        publicPage.ShouldContain(WitnessFile.Name);
    }

    [Fact]
    public async Task Verify_draw_and_the_python_reference_check_the_witnesses_file_and_the_seed_derivation_of_a_platform_draw()
    {
        var committed = await CommitWitnessedAsync(Witnessing.Panel());
        var anonymous = app.Anonymous();
        (await anonymous.GetStringAsync($"/Public/Draws/{committed.Id}")).ShouldContain("等待提交");
        await Witnessing.GiveAllAsync(app.Services, committed.Id);
        var draw = await AsWuhuAsync((draws, _) => draws.RunAsync(committed.Id));
        var record = CommitmentRecord.Of(draw);
        record.Format.ShouldBe(3);

        var spec = await anonymous.GetStringAsync("/Public/Draws/Algorithm?handler=Text&lang=en");
        var start = spec.IndexOf("```python\n", StringComparison.Ordinal) + "```python\n".Length;
        var folder = Directory.CreateTempSubdirectory("qualis-witness-").FullName;
        try
        {
            var script = Path.Combine(folder, "verify.py");
            await File.WriteAllTextAsync(script, spec[start..spec.IndexOf("\n```", start, StringComparison.Ordinal)] + "\n");
            var files = Path.Combine(folder, "draw");
            Directory.CreateDirectory(files);
            var zip = await UnzipAsync(anonymous, draw.Id);
            zip.Keys.ShouldContain(WitnessFile.Name);
            zip[WitnessFile.Name].ShouldBe(Encoding.UTF8.GetBytes(draw.WitnessesFile!));
            foreach (var (name, bytes) in zip) await File.WriteAllBytesAsync(Path.Combine(files, name), bytes);

            var (exit, output, error) = await PythonAsync(script, files, record.Hash());
            exit.ShouldBe(0, error);
            var answer = JsonDocument.Parse(output).RootElement;
            answer.GetProperty("hashes").GetProperty("seed_used").GetString()
                .ShouldBe(Convert.ToHexStringLower(DrawService.SeedUsed(DrawService.PublishedParameters(draw), draw.Seed!)));
            var published = await AsWuhuAsync((_, db) => DrawFiles.ResultAsync(db, draw));
            answer.GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ShouldBe(
                published.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join('\t', l.Split('\t').Take(3))));
            var verified = await Cli.RunAsync(app.Database, "verify-draw", "--lang", "en", "--record-hash", record.Hash(), files);
            verified.ExitCode.ShouldBe(0, verified.All);

            // A witness's value changed after the draw: the derivation gives another seed, and both verifiers refuse it.
            var witnesses = Path.Combine(files, WitnessFile.Name);
            var original = await File.ReadAllTextAsync(witnesses);
            var value = original.Split('\t')[5];
            await File.WriteAllTextAsync(witnesses, original.Replace("\t" + value + "\t", "\t" + value + "0\t"));
            var tampered = await Cli.RunAsync(app.Database, "verify-draw", "--lang", "en", "--record-hash", record.Hash(), files);
            tampered.ExitCode.ShouldBe(1, tampered.All);
            tampered.All.ShouldContain("The seed the draw used is derived from the revealed seed, the commitment record and witnesses.tsv");
            (await PythonAsync(script, files, record.Hash())).Exit.ShouldNotBe(0);

            // A witness who was not named before the draw: refused against the record, naming both.
            await File.WriteAllTextAsync(witnesses, original.Replace("赵宁 (公证员)", "赵宁 (替补)"));
            var renamed = await Cli.RunAsync(app.Database, "verify-draw", "--lang", "en", "--record-hash", record.Hash(), files);
            renamed.ExitCode.ShouldBe(1, renamed.All);
            renamed.All.ShouldContain("The witnesses of witnesses.tsv are not those of the commitment record published before the draw");
            (await PythonAsync(script, files, record.Hash())).Error.ShouldContain("witnesses.tsv names the record's witnesses");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        // The printed notice carries the verification data: the parameters hash, the record hash and the witnesses' values.
        var wuhu = await app.SignedInAs("wuhu");
        var notice = await wuhu.GetStringAsync(PrintModel.UrlOf(draw.Id));
        notice.ShouldContain("参数哈希（parameters.tsv）");
        notice.ShouldContain(draw.ParametersHash!);
        notice.ShouldContain("承诺记录哈希（commitment.txt）");
        notice.ShouldContain(record.Hash());
        var witness = (await AsWuhuAsync((draws, _) => draws.WitnessesAsync(draw.Id))).Single();
        notice.ShouldContain(WebUtility.HtmlEncode(witness.Value!));
        notice.ShouldContain("公证员");
    }
}
