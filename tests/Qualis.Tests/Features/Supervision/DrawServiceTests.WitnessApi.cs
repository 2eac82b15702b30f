using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qualis.Features.Supervision;
using Qualis.Features.Supervision.Draws;
using Qualis.Tests.Platform.Access;

namespace Qualis.Tests.Features.Supervision;

/// <summary>
/// The partner API's view of a draw's witnesses (见证人) on both databases: as the public page names them, whether each value
/// is given, the values and times once drawn, the deadline, the fallback, and the seed derivation with the file's hash.
/// </summary>
public abstract partial class DrawServiceTests
{
    [Fact]
    public async Task The_partner_api_shows_the_witnesses_as_published_and_their_values_once_drawn()
    {
        var deadline = WitnessFile.Seconds(DateTime.UtcNow.AddHours(2));
        var (draw, silent) = await CommitNotaryAndSilentAsync(deadline);
        var (_, key) = await RecordSamples.NewApiClientAsync(app, "340200", $"芜湖协作 {Guid.NewGuid():N}"[..12], [SupervisionModule.ReadScope]);
        var partner = app.Anonymous();
        partner.DefaultRequestHeaders.Add("X-Api-Key", key);
        async Task<(JsonElement Draw, string Body)> ShownAsync()
        {
            var body = await partner.GetStringAsync($"/api/supervision/draws/{draw.Id}");
            var listed = (await partner.GetFromJsonAsync<JsonElement>($"/api/supervision/draws?batch={draw.BatchId}")).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
            var shown = JsonDocument.Parse(body).RootElement.GetProperty("draw");
            listed.GetProperty("witnesses").ToString().ShouldBe(shown.GetProperty("witnesses").ToString(), "the list shows what the detail shows");
            body.ShouldNotContain(silent.UserName, Case.Insensitive, "the witness's account is not published");
            return (shown, body);
        }

        // Committed: the witnesses as the record names them, none given yet, the deadline in China time, the record hash.
        var (committed, _) = await ShownAsync();
        committed.GetProperty("recordHash").GetString().ShouldBe(CommitmentRecord.Of(draw).Hash());
        var witnesses = committed.GetProperty("witnesses");
        DateTimeOffset.Parse(witnesses.GetProperty("deadline").GetString()!).UtcDateTime.ShouldBe(deadline);
        witnesses.GetProperty("deadline").GetString()!.ShouldEndWith("+08:00");
        witnesses.GetProperty("witnesses").EnumerateArray().Select(w => (w.GetProperty("position").GetInt32(), w.GetProperty("role").GetString(),
                w.GetProperty("name").GetString(), w.GetProperty("organisation").GetString(), w.GetProperty("given").GetBoolean()))
            .ShouldBe([(1, "Notary", "赵宁 (公证员)", "安徽省合肥市公证处", false), (2, "Supervisor", silent.Name, "", false)]);
        witnesses.GetProperty("fallback").ValueKind.ShouldBe(JsonValueKind.Null);
        witnesses.GetProperty("derivation").GetString().ShouldBe(DrawsApi.SeedDerivation);
        witnesses.GetProperty("fileSha256").ValueKind.ShouldBe(JsonValueKind.Null);

        // The notary answers: given, the value itself only with the draw.
        var rows = await AsWuhuAsync((draws, _) => draws.WitnessesAsync(draw.Id));
        await Witnessing.AsAsync(app.Services, Witnessing.Notary, draws => draws.GiveAsync(rows[0].Id, "161803"));
        var (given, givenBody) = await ShownAsync();
        var notary = given.GetProperty("witnesses").GetProperty("witnesses")[0];
        (notary.GetProperty("given").GetBoolean(), notary.GetProperty("value").ValueKind, notary.GetProperty("givenAt").ValueKind).ShouldBe((true, JsonValueKind.Null, JsonValueKind.Null));
        givenBody.ShouldNotContain("161803");

        // Past the deadline the office applies the fallback for the silent supervisor; then the draw runs.
        await MoveDeadlineIntoThePastAsync(draw.Id, rows[0].Id, TimeSpan.FromMinutes(1));
        await AsWuhuAsync((draws, _) => draws.ApplyFallbackAsync(draw.Id, "3388.12", "上证综合指数截止后首个交易日收盘点位", "芜湖市市场监督管理局"));
        var fallback = (await ShownAsync()).Draw.GetProperty("witnesses").GetProperty("fallback");
        (fallback.GetProperty("source").GetString(), fallback.GetProperty("appliedBy").GetString(), fallback.GetProperty("value").ValueKind)
            .ShouldBe(("上证综合指数截止后首个交易日收盘点位", "芜湖市市场监督管理局", JsonValueKind.Null));

        var drawn = await AsWuhuAsync((draws, _) => draws.RunAsync(draw.Id));
        var (after, _) = await ShownAsync();
        var published = after.GetProperty("witnesses");
        var values = published.GetProperty("witnesses").EnumerateArray().ToList();
        values[0].GetProperty("value").GetString().ShouldBe("161803");
        DateTimeOffset.Parse(values[0].GetProperty("givenAt").GetString()!).UtcDateTime.ShouldBe(
            (await app.WithDb(db => db.Set<DrawWitness>().Where(w => w.Id == rows[0].Id).Select(w => w.GivenAt).SingleAsync()))!.Value);
        (values[1].GetProperty("given").GetBoolean(), values[1].GetProperty("value").ValueKind).ShouldBe((false, JsonValueKind.Null));
        published.GetProperty("fallback").GetProperty("value").GetString().ShouldBe("3388.12");
        var file = Encoding.UTF8.GetBytes(drawn.WitnessesFile!);
        published.GetProperty("fileSha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(file)));
        // The file the hash is of is the public one, and with the revealed seed and the record hash it derives the seed used.
        var url = published.GetProperty("fileUrl").GetString()!;
        (await app.Anonymous().GetByteArrayAsync(url)).ShouldBe(file);
        Convert.ToHexStringLower(WitnessFile.DeriveSeed(Convert.FromHexString(after.GetProperty("seed").GetString()!), after.GetProperty("recordHash").GetString()!, file))
            .ShouldBe(Convert.ToHexStringLower(DrawService.SeedUsed(DrawService.PublishedParameters(drawn), drawn.Seed!)));
    }
}
