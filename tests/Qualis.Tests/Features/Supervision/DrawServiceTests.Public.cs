using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qualis.Features.Registry.Enterprises;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// What the public sees of a draw and checks without trusting the platform: the page (scope, ratios, cap, exclusions,
/// strata by name, the unstaffed report, the specification in Chinese and English), the one-file download, and the
/// Python reference of the specification the platform serves, run on that download.
/// </summary>
public abstract partial class DrawServiceTests
{
    /// <summary>A drawn draw of a Wuhu batch with one firm left out by hand, as the public downloads it.</summary>
    private async Task<(Draw Draw, string Reason, string Excluded)> PublicDrawAsync()
    {
        var excluded = await AsWuhuAsync((_, db) => db.Set<Enterprise>().Where(e => e.Status == Qualis.Features.Registry.EnterpriseStatus.Existing)
            .OrderByDescending(e => e.CreditCode).Select(e => e.CreditCode).FirstAsync());
        var reason = "正在立案调查\t（公示测试 " + Guid.NewGuid().ToString("N")[..6] + "）";
        var batch = await NewBatchAsync(Settings() with { ManualExclusions = [new ManualExclusion(excluded, reason)], ExcludeInspectedWithinMonths = 6 });
        var draw = await AsWuhuAsync(async (draws, _) => await draws.RunAsync((await draws.CommitAsync(batch.Id)).Id));
        return (draw, reason.Replace('\t', ' '), excluded);
    }

    private static async Task<Dictionary<string, byte[]>> UnzipAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/Public/Draws/{id}?handler=Zip");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            using var copy = new MemoryStream();
            await using (var stream = entry.Open()) await stream.CopyToAsync(copy);
            files[entry.FullName] = copy.ToArray();
        }
        return files;
    }

    [Fact]
    public async Task The_public_page_shows_scope_ratios_cap_exclusions_strata_by_name_the_unstaffed_report_and_the_specification()
    {
        var (draw, reason, excluded) = await PublicDrawAsync();
        var anonymous = app.Anonymous();
        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/Public/Draws/{draw.Id}"));
        var file = ParametersFile.Read(Encoding.UTF8.GetBytes(draw.ParametersFile!));

        page.ShouldContain(draw.ParametersHash!);
        page.ShouldContain(CommitmentRecord.Of(draw).Hash());
        page.ShouldContain("B 类 10%");
        page.ShouldContain("D 类 60%");
        page.ShouldContain(file.CapPercent is { } cap ? ParametersFile.Number(cap) + "%" : "无（含重点检查事项）");
        page.ShouldContain(excluded + "</code> · 理由：" + reason);
        page.ShouldContain("排除近 6 个月内已按同一事项抽查过的企业");
        page.ShouldContain("排除已注销、吊销企业");
        page.ShouldContain("芜湖市 (340200)");
        page.ShouldContain("所有抽中对象均已组成检查组。");
        // Strata by name: the table of targets names them, never by key.
        file.Strata.ShouldAllBe(s => s.Name.EndsWith("类") && !s.Name.Contains('|'));
        file.Strata.ShouldAllBe(s => page.Contains(s.Name));
        var targets = page[page.IndexOf("id=\"public-targets\"", StringComparison.Ordinal)..];
        targets.ShouldNotContain("|");
        page.ShouldContain("href=\"/Public/Draws/Algorithm?lang=zh\"");
        page.ShouldContain("href=\"/Public/Draws/Algorithm?lang=en\"");
        page.ShouldContain($"href=\"/Public/Draws/{draw.Id}?handler=Zip\"");

        // The unstaffed report the draw stored is public: how many each rule excluded, not who.
        await AsWuhuAsync(async (_, db) =>
        {
            var d = await db.Set<Draw>().SingleAsync(x => x.Id == draw.Id);
            d.Unstaffed = """[{"CreditCode":"91340200TEST00001X","Required":2,"Eligible":1,"PoolSize":9,"LinkedUnit":3,"DeclaredConflict":1,"LastInspection":2,"OwnCounty":4}]""";
            return await db.SaveChangesAsync();
        });
        page = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/Public/Draws/{draw.Id}"));
        page.ShouldContain("未能组成检查组的对象（1 家）");
        page.ShouldContain("91340200TEST00001X：需 2 人，仅 1 人可选（因关联单位回避 3 人，申报回避 1 人，上次检查人员 2 人，本县人员 4 人）");

        // The one-file download: the public files under their plain names and their SHA-256 sums, never the inputs.
        var files = await UnzipAsync(anonymous, draw.Id);
        files.Keys.ShouldBe([CommitmentRecord.Name, ParametersFile.Name, "snapshot.tsv", "seed.txt", "result.tsv", "SHA256SUMS"]);
        Convert.ToHexStringLower(SHA256.HashData(files[ParametersFile.Name])).ShouldBe(draw.ParametersHash);
        Convert.ToHexStringLower(SHA256.HashData(files["snapshot.tsv"])).ShouldBe(draw.SnapshotHash);
        files[CommitmentRecord.Name].ShouldBe(CommitmentRecord.Of(draw).ToBytes());
        Encoding.UTF8.GetString(files["SHA256SUMS"]).ShouldBe(string.Concat(files.Where(f => f.Key != "SHA256SUMS")
            .Select(f => $"{Convert.ToHexStringLower(SHA256.HashData(f.Value))}  {f.Key}\n")));
        (await anonymous.GetAsync($"/Public/Draws/{draw.Id}?handler=File&name={ParametersFile.Name}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync($"/Public/Draws/{draw.Id}?handler=File&name=parameters.json")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The specification, served by the platform in Chinese and English, the document's own bytes on request.
        var zh = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/Public/Draws/Algorithm?lang=zh"));
        zh.ShouldContain("双随机抽取：算法与复核方法");
        zh.ShouldContain("parameters.tsv");
        var en = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/Public/Draws/Algorithm?lang=en"));
        en.ShouldContain("# The double-random draw (双随机抽取): algorithm and how to verify it");
        (await anonymous.GetByteArrayAsync("/Public/Draws/Algorithm?handler=Text&lang=en"))
            .ShouldBe(await File.ReadAllBytesAsync(Path.Combine(Cli.RepositoryRoot, "docs", "draw-algorithm.md")));
        (await anonymous.GetByteArrayAsync("/Public/Draws/Algorithm?handler=Text&lang=zh"))
            .ShouldBe(await File.ReadAllBytesAsync(Path.Combine(Cli.RepositoryRoot, "docs", "draw-algorithm.zh.md")));
    }

    [Fact]
    public async Task The_python_reference_of_the_served_specification_reproduces_a_platform_draw_from_its_download()
    {
        var (draw, _, _) = await PublicDrawAsync();
        var anonymous = app.Anonymous();
        var spec = await anonymous.GetStringAsync("/Public/Draws/Algorithm?handler=Text&lang=en");
        var start = spec.IndexOf("```python\n", StringComparison.Ordinal) + "```python\n".Length;
        var reference = spec[start..spec.IndexOf("\n```", start, StringComparison.Ordinal)];
        reference.ShouldContain("def verify_public(");

        var folder = Directory.CreateTempSubdirectory("qualis-python-").FullName;
        try
        {
            var script = Path.Combine(folder, "verify.py");
            await File.WriteAllTextAsync(script, reference + "\n");
            var files = Path.Combine(folder, "draw");
            Directory.CreateDirectory(files);
            foreach (var (name, bytes) in await UnzipAsync(anonymous, draw.Id)) await File.WriteAllBytesAsync(Path.Combine(files, name), bytes);
            var record = CommitmentRecord.Of(draw);

            var (exit, output, error) = await PythonAsync(script, files, record.Hash());
            exit.ShouldBe(0, error);
            var answer = JsonDocument.Parse(output).RootElement;
            var published = await AsWuhuAsync((_, db) => DrawFiles.ResultAsync(db, draw));
            answer.GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ShouldBe(
                published.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => string.Join('\t', l.Split('\t').Take(3))));
            var hashes = answer.GetProperty("hashes");
            hashes.GetProperty("record").GetString().ShouldBe(record.Hash());
            hashes.GetProperty("parameters").GetString().ShouldBe(draw.ParametersHash);
            hashes.GetProperty("snapshot").GetString().ShouldBe(draw.SnapshotHash);
            hashes.GetProperty("commitment").GetString().ShouldBe(draw.Commitment);

            // A changed parameter with a recomputed result and a re-hashed record: refused against the record hash kept from before.
            var parameters = ParametersFile.Read(await File.ReadAllBytesAsync(Path.Combine(files, ParametersFile.Name)));
            var stratum = parameters.Strata.First(s => s.Target < s.Size);
            var forged = parameters with { Strata = parameters.Strata.Select(s => s == stratum ? s with { Target = s.Target + 1 } : s).ToList() };
            var forgedRecord = record with { ParametersHash = ParametersFile.Hash(forged.ToBytes()) };
            var lines = DrawService.ReproducePublicHalf(forged.ToDrawParameters(forgedRecord), await File.ReadAllBytesAsync(Path.Combine(files, "snapshot.tsv")), draw.Seed!);
            await File.WriteAllBytesAsync(Path.Combine(files, ParametersFile.Name), forged.ToBytes());
            await File.WriteAllBytesAsync(Path.Combine(files, CommitmentRecord.Name), forgedRecord.ToBytes());
            await File.WriteAllTextAsync(Path.Combine(files, "result.tsv"), string.Concat(lines.Select(l => l + "\t\n")));
            (await PythonAsync(script, files, null)).Exit.ShouldBe(0, "the folder alone is consistent");
            var refused = await PythonAsync(script, files, record.Hash());
            refused.Exit.ShouldNotBe(0);
            refused.Error.ShouldContain("the record hash differs");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output, string Error)> PythonAsync(string script, string folder, string? recordHash)
    {
        var psi = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.ArgumentList.Add(folder);
        if (recordHash is not null) psi.ArgumentList.Add(recordHash);
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        using var p = Process.Start(psi)!;
        var (output, error) = (p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (p.ExitCode, await output, await error);
    }
}
