using System.Security.Cryptography;
using System.Text;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

/// <summary>
/// The seed derivation with witnesses (format 3) against the vectors of docs/draw-algorithm.md ("The worked example with
/// witnesses"), which the document's Python reference produced: the record of format 3, witnesses.tsv, the seed used and
/// the draw it gives; and what a reader of witnesses.tsv and the check against the record refuse.
/// </summary>
public sealed class WitnessFileTests
{
    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
    private static DateTime Utc(int day, int hour) => new(2026, 12, day, hour, 0, 0, DateTimeKind.Utc);

    private static readonly WitnessLine Notary = new(1, WitnessRole.Notary, "赵宁", "安徽省合肥市公证处");
    private static readonly WitnessLine Association = new(2, WitnessRole.Association, "钱进", "安徽省质量协会");

    private static readonly CommitmentRecord Record = new(3, "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd",
        "eba3a00196d26e82de8672729690e6bc3167d7d6f51ac77c7758836f9a386792", "3b77c2c6bb64df8ad3eec88ea2dacc571f8040f8b583864ac2d7aaf3f50c11e7",
        "fed4e199e32be59b00b158e549509ce329fcd851d47bea3ae9e4fc81fac031fa", Utc(7, 4))
    {
        WitnessDeadline = Utc(8, 4), Witnesses = [Notary, Association],
    };

    private static readonly List<GivenValue> Values = [new(Notary, "370829", Utc(7, 7)), new(Association, null, null)];
    private static readonly FallbackValue Fallback = new("3412.55", "上证综合指数 2026-12-08 收盘点位", Utc(8, 8), "合肥市市场监督管理局");

    [Fact]
    public void The_worked_example_with_witnesses_derives_the_documents_seed_and_draw()
    {
        var record = Record.ToBytes();
        record.Length.ShouldBe(474);
        Record.Hash().ShouldBe("dcf7cb660f3271317d5f252341b223edc77e61f50abfd99f8d835a9df160ee55");
        var read = CommitmentRecord.Read(record);
        (read.Format, read.WitnessDeadline, read.Witnesses.Count).ShouldBe((3, Utc(8, 4), 2));
        read.ToBytes().ShouldBe(record);

        var file = WitnessFile.ToBytes(Values, Fallback);
        file.Length.ShouldBe(245);
        Sha(file).ShouldBe("3bbb515d84768e2d9f8c7b85842e5bcd39997687bdb3f70fe22e0670c66a4b2b");
        Encoding.UTF8.GetString(file).ShouldContain("witness\t2\tassociation\t钱进\t安徽省质量协会\t\t\n");
        var (values, fallback) = WitnessFile.Read(file);
        (values.Count, fallback).ShouldBe((2, Fallback));
        WitnessFile.Check(read, values, fallback).ShouldBeNull();

        var used = WitnessFile.DeriveSeed(DrawTestData.VectorSeed, Record.Hash(), file);
        Convert.ToHexStringLower(used).ShouldBe("dfcddb5b067a34efbbdacb6c5fb51fdfac30eb15624654887773c16f44eac67d");
        Convert.ToHexStringLower(SHA256.HashData([.. used, .. "inspectors"u8])).ShouldBe("27847499ad612c5e65c4d6d1cc07d14ff07283cb85b5f185384be04f2ba90cc2");
        var sample = StratifiedSampler.Draw(DrawExample.Strata, new DrawRandom(used));
        sample.Selected.SelectMany(s => s.Codes).ShouldBe([
            "91340100MA0000007X", "91340100MA0000015X", "91340100MA0000005X",
            "91340100MB0000007Y", "91340100MB0000003Y", "91340100MB0000008Y", "91340100MB0000005Y",
            "91340200MC0000008Z", "91340200MC0000007Z"]);
    }

    [Fact]
    public void A_witnesses_file_that_does_not_match_the_record_is_refused_naming_why()
    {
        WitnessFile.Check(Record, [Values[0], new(Association with { Name = "钱进进" }, null, null)], Fallback)!.Key.ShouldBe("draw.witnesses_differ");
        WitnessFile.Check(Record, [Values[1], Values[0]], Fallback)!.Key.ShouldBe("draw.witnesses_differ", "the record's order");
        WitnessFile.Check(Record, Values, null)!.Key.ShouldBe("draw.witnesses_missing");
        WitnessFile.Check(Record, [Values[0], new(Association, "1", Utc(7, 9))], Fallback)!.Key.ShouldBe("draw.fallback_without_need");
        WitnessFile.Check(Record, [new(Notary, "370829", Utc(8, 5)), Values[1]], Fallback)!.Key.ShouldBe("draw.witness_value_out_of_time", "after the deadline");
        WitnessFile.Check(Record, [new(Notary, "370829", Utc(7, 3)), Values[1]], Fallback)!.Key.ShouldBe("draw.witness_value_out_of_time", "before the commitment");
        WitnessFile.Check(Record, Values, Fallback with { AppliedAt = Utc(8, 3) })!.Key.ShouldBe("draw.fallback_before_deadline");
        WitnessFile.Check(Record, [new(Notary, "370829", null), Values[1]], Fallback)!.Key.ShouldBe("draw.witness_value_malformed");

        Should.Throw<FormatException>(() => WitnessFile.Read(Encoding.UTF8.GetBytes("witness\t1\tnotary\t赵宁\t公证处\t1\t2026-12-07T07:00:00Z")))
            .Message.ShouldContain("line feed");
        Should.Throw<FormatException>(() => WitnessFile.Read(Encoding.UTF8.GetBytes("witness\t1\tjudge\t赵宁\t公证处\t1\t2026-12-07T07:00:00Z\n")))
            .Message.ShouldContain("not a witness role");
        Should.Throw<FormatException>(() => WitnessFile.Read(Encoding.UTF8.GetBytes("witness\t1\tnotary\t赵宁\t公证处\t1\t2026-12-07 07:00\n")))
            .Message.ShouldContain("yyyy-MM-ddTHH:mm:ssZ");
        Should.Throw<FormatException>(() => CommitmentRecord.Read(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Record.ToBytes()).Replace("witness\t2\tassociation\t钱进\t安徽省质量协会\n", "").Replace("witness\t1\tnotary\t赵宁\t安徽省合肥市公证处\n", ""))))
            .Message.ShouldContain("names no witness");
    }
}
