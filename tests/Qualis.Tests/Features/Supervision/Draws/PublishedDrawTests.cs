using System.Text;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

/// <summary>Reading a published snapshot: what the draw and every verifier accept, and what they refuse, with the line.</summary>
public sealed class PublishedDrawTests
{
    private static DrawParameters Parameters(params (string Key, int Size, int Target)[] strata) =>
        new() { Strata = strata.Select(s => new StratumParameter(s.Key, s.Size, s.Target)).ToList() };

    private static byte[] Text(params string[] lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\n")));

    [Fact]
    public void A_canonical_snapshot_gives_its_strata_and_the_county_of_each_drawn_code()
    {
        var snapshot = PublishedDraw.Strata(
            Text("340102|A\t91340102AAAAAAAA01\t340102", "340102|A\t91340102AAAAAAAA02\t340102", "340104|B\t91340104BBBBBBBB01\t340104"),
            Parameters(("340102|A", 2, 1), ("340104|B", 1, 1)));

        snapshot.Strata.Select(s => (s.Key, s.Candidates.Count, s.Target)).ShouldBe([("340102|A", 2, 1), ("340104|B", 1, 1)]);
        snapshot.CountyOf("91340104BBBBBBBB01").ShouldBeNull(); // not taken yet
        snapshot.Strata[1].Candidates[0].ShouldBe("91340104BBBBBBBB01");
        snapshot.CountyOf("91340104BBBBBBBB01").ShouldBe("340104");
        snapshot.Strata[0].Candidates.ShouldBe(["91340102AAAAAAAA01", "91340102AAAAAAAA02"]);
    }

    [Fact]
    public void Drawing_from_a_read_snapshot_gives_what_drawing_from_the_same_codes_as_strings_gives()
    {
        var lines = Enumerable.Range(0, 300).Select(i => ($"k{i % 3}", $"9134{i:D14}")).OrderBy(l => l.Item1, StringComparer.Ordinal).ThenBy(l => l.Item2, StringComparer.Ordinal).ToList();
        var parameters = Parameters(lines.GroupBy(l => l.Item1).Select(g => (g.Key, g.Count(), 7)).ToArray());
        var read = PublishedDraw.Strata(Text(lines.Select(l => $"{l.Item1}\t{l.Item2}\t340102").ToArray()), parameters);
        var asStrings = lines.GroupBy(l => l.Item1).Select(g => new Stratum(g.Key, g.Select(l => l.Item2).Reverse().ToList(), 7)).ToList();

        StratifiedSampler.Draw(read.Strata, DrawTestData.Rng("snapshot"))
            .AllCodes.ShouldBe(StratifiedSampler.Draw(asStrings, DrawTestData.Rng("snapshot")).AllCodes);
    }

    [Theory]
    [InlineData("a\tX2\t1|a\tX1\t1", "line 2: X1 is out of canonical order or listed twice")]
    [InlineData("a\tX1\t1|a\tX1\t1", "line 2: X1 is out of canonical order or listed twice")]
    [InlineData("b\tX1\t1|a\tX2\t1", "line 2: stratum a is out of canonical order")]
    [InlineData("a\tX1\t1|a\tX3\t1|b\tX2\t1|b\tX3\t1", "line 4: X3 is listed twice")]
    [InlineData("a\tX1|a\tX2\t1", "line 1: expected stratum key TAB credit code TAB county code")]
    [InlineData("a\tX1\t1\t2", "line 1: expected stratum key TAB credit code TAB county code")]
    [InlineData("a\t\t1", "line 1: the credit code or the county is empty")]
    [InlineData("a\tX1\t1|c\tX2\t1", "The snapshot has stratum c, which the parameters do not list")]
    public void A_snapshot_that_is_not_canonical_or_not_the_published_one_is_refused_with_its_line(string lines, string message)
    {
        var text = Text(lines.Split('|'));
        var keys = lines.Split('|').Select(l => l.Split('\t')[0]).Where(k => k != "c").GroupBy(k => k).Select(g => (g.Key, g.Count(), 1)).ToArray();
        Should.Throw<FormatException>(() => PublishedDraw.Strata(text, Parameters(keys))).Message.ShouldContain(message);
    }

    [Fact]
    public void Sizes_that_differ_from_the_parameters_and_malformed_bytes_are_refused()
    {
        Should.Throw<FormatException>(() => PublishedDraw.Strata(Text("a\tX1\t1", "a\tX2\t1"), Parameters(("a", 3, 1))))
            .Message.ShouldContain("Stratum a: the parameters give 3 candidates, the snapshot 2");
        Should.Throw<FormatException>(() => PublishedDraw.Strata(Encoding.UTF8.GetBytes("a\tX1\t1"), Parameters(("a", 1, 1))))
            .Message.ShouldContain("does not end with a line feed");
        Should.Throw<FormatException>(() => PublishedDraw.Strata([(byte)'a', (byte)'\t', 0xC3, (byte)'\t', (byte)'1', (byte)'\n'], Parameters(("a", 1, 1))))
            .Message.ShouldContain("not valid UTF-8");
        Should.Throw<FormatException>(() => PublishedDraw.Strata(Text("a\tX1\t1\r"), Parameters(("a", 1, 1))))
            .Message.ShouldContain("carriage return");
    }

    [Fact]
    public void Packed_files_unpack_to_what_was_packed_whatever_their_size()
    {
        foreach (var size in new[] { 0, 1, 4095, 100_000 })
        {
            var text = Enumerable.Range(0, size).Select(i => (byte)(i * 31 % 251)).ToArray();
            PublishedDraw.Decompress(PublishedDraw.Compress(text)).ShouldBe(text);
        }
    }
}
