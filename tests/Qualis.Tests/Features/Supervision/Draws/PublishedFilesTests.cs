using System.Security.Cryptography;
using System.Text;
using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;
using Qualis.Features.Supervision.Plans;

namespace Qualis.Tests.Features.Supervision.Draws;

/// <summary>
/// The published files of the worked example, byte for byte, against the vectors of docs/draw-algorithm.md ("The published
/// files of the worked example"), which the document's Python reference produced: the parameters file, the commitment
/// record, seed.txt and result.tsv; and what a reader of the first two refuses.
/// </summary>
public sealed class PublishedFilesTests
{
    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The example's batch: a key item, strata by city and risk class, ratios B 15% and D 50%, one firm left out by hand.</summary>
    private static ParametersFile Example() => ParametersFile.Of("2026 示例计划 · 第一批（𠮷）", "340000", "安徽省", ["CJ-01"], new BatchSettings
    {
        ItemCodes = ["CJ-01"], ExcludeClosed = true, ExcludeInspectedWithinMonths = 12, ManualExclusions = [new ManualExclusion("91340100MA0000021X", "正在立案调查")],
        ByRegion = RegionStrata.City, ByCreditClass = true, RatioPercent = 5,
        RatioPercentByClass = new() { [CreditRiskClass.D] = 50, [CreditRiskClass.B] = 15 }, TeamSize = 2, ExcludeOwnCounty = true,
    }, capPercent: null,
    [
        new StratumLine("340200|B", 12, 2, 0, "芜湖市 · B类"), new StratumLine("340100|B", 20, 3, 0, "合肥市 · B类"), new StratumLine("340100|D", 8, 4, 0, "合肥市 · D类"),
    ]);

    private static readonly CommitmentRecord Record = new(2, "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd",
        "eba3a00196d26e82de8672729690e6bc3167d7d6f51ac77c7758836f9a386792", "3b77c2c6bb64df8ad3eec88ea2dacc571f8040f8b583864ac2d7aaf3f50c11e7",
        "fed4e199e32be59b00b158e549509ce329fcd851d47bea3ae9e4fc81fac031fa", new DateTime(2026, 12, 7, 4, 0, 0, DateTimeKind.Utc));

    [Fact]
    public void The_worked_examples_parameters_file_and_record_are_the_documents_bytes()
    {
        var file = Example().ToBytes();
        file.Length.ShouldBe(633);
        Sha(file).ShouldBe("fed4e199e32be59b00b158e549509ce329fcd851d47bea3ae9e4fc81fac031fa");
        Encoding.UTF8.GetString(file).ShouldStartWith("format\t2\nbatch\t2026 示例计划 · 第一批（𠮷）\nregion\t340000\t安徽省\n");
        file.AsSpan().IndexOf(new byte[] { 0xf0, 0xa0, 0xae, 0xb7 }).ShouldBeGreaterThan(0, "𠮷 in its four UTF-8 bytes, not as a surrogate pair");
        ParametersFile.Read(file).ToBytes().ShouldBe(file);
        Record.Hash().ShouldBe("87b095de933c3ca8c65364e15430997695c0b9d756c35bcf4fcd7b3963ca3cf5");
        CommitmentRecord.Read(Record.ToBytes()).ShouldBe(Record);

        // The draw runs from the file: its strata and targets, team size and own-county rule, with the record's hashes.
        var parameters = DrawService.FromFiles(file, Record);
        parameters.Strata.Select(s => (s.Key, s.Size, s.Target)).ShouldBe([("340100|B", 20, 3), ("340100|D", 8, 4), ("340200|B", 12, 2)]);
        (parameters.TeamSize, parameters.ExcludeOwnCounty, parameters.SnapshotHash).ShouldBe((2, true, Record.SnapshotHash));
    }

    [Fact]
    public void The_worked_examples_seed_and_result_files_are_the_documents_bytes()
    {
        Sha(Encoding.UTF8.GetBytes(DrawCommitment.ToHex(DrawTestData.VectorSeed) + "\n")).ShouldBe("46268c8f3e4d5291cfd71ffc476063a199beff7f3a5f87a5552a6e3985eccd90");
        var result = DoubleRandomDraw.Run(DrawTestData.VectorSeed, DrawExample.Strata, DrawExample.Inspectors, DrawExample.Facts, DrawExample.Conflicts, DrawExample.Options);
        var text = string.Concat(DrawService.ResultLines(result).Select(l => l + "\n"));
        text.ShouldContain("6\t340100|D\t91340100MB0000002Y\t\n");
        Sha(Encoding.UTF8.GetBytes(text)).ShouldBe("64dcf93c9c9730a431c2bf9bd3aca7472e048e91afbcfc82a713307966facf98");
    }

    [Fact]
    public void A_parameters_file_that_is_not_canonical_or_not_the_hashed_one_is_refused_with_the_reason()
    {
        var file = Encoding.UTF8.GetString(Example().ToBytes());
        Should.Throw<FormatException>(() => ParametersFile.Read(Encoding.UTF8.GetBytes(file.Replace("rate.class\tB\t15", "rate.class\tB\t15.0"))))
            .Message.ShouldContain("canonical");
        Should.Throw<FormatException>(() => ParametersFile.Read(Encoding.UTF8.GetBytes(file.Replace("rule.last_inspection\tyes", "rule.last_inspection\tno"))))
            .Message.ShouldContain("rule.last_inspection");
        Should.Throw<FormatException>(() => ParametersFile.Read(Encoding.UTF8.GetBytes(file.Replace("cap\t\n", ""))))
            .Message.ShouldContain("expected 'cap'");
        Should.Throw<FormatException>(() => ParametersFile.Read(Encoding.UTF8.GetBytes(file.TrimEnd('\n')))).Message.ShouldContain("line feed");

        // One target more, the file otherwise canonical: its hash is no longer the published parameters hash.
        var changed = Encoding.UTF8.GetBytes(file.Replace("340200|B\t12\t2", "340200|B\t12\t3"));
        var refused = Should.Throw<DrawRefusedException>(() => DrawService.FromFiles(changed, Record)).Problems.Single();
        refused.Key.ShouldBe("draw.parameters_changed");
        refused.Args.ShouldBe([Sha(changed), Record.ParametersHash!]);
        Should.Throw<DrawRefusedException>(() => DrawService.FromFiles(Example().ToBytes(), Record with { Format = 1, ParametersHash = null }))
            .Problems.Single().Key.ShouldBe("draw.record_without_parameters");
    }

    [Fact]
    public void A_record_that_is_not_canonical_is_refused_and_a_format_1_record_has_no_parameters_line()
    {
        var text = Encoding.UTF8.GetString(Record.ToBytes());
        Should.Throw<FormatException>(() => CommitmentRecord.Read(Encoding.UTF8.GetBytes(text.ToUpperInvariant().Replace("FORMAT", "format").Replace("COMMITTED_AT", "committed_at")
            .Replace("COMMITMENT", "commitment").Replace("SNAPSHOT", "snapshot").Replace("INPUTS", "inputs").Replace("PARAMETERS", "parameters"))));
        Should.Throw<FormatException>(() => CommitmentRecord.Read(Encoding.UTF8.GetBytes(text.Replace("2026-12-07T04:00:00Z", "2026-12-07 12:00")))).Message.ShouldContain("yyyy-MM-dd");
        var old = Record with { Format = 1, ParametersHash = null };
        Encoding.UTF8.GetString(old.ToBytes()).ShouldNotContain("parameters");
        CommitmentRecord.Read(old.ToBytes()).ShouldBe(old);
    }
}
