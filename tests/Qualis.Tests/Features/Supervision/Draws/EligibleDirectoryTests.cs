using System.Text;
using Qualis.Features.Registry;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

/// <summary>The commit's columnar directory: strata from the batch's key, and the canonical snapshot whatever the order read.</summary>
public sealed class EligibleDirectoryTests
{
    [Fact]
    public void Strata_keyed_by_the_batch_give_the_snapshot_of_the_same_entries_keyed_by_hand()
    {
        var random = new Random(11);
        string[] counties = ["340102", "340103", "340104", "341182"];
        var rows = Enumerable.Range(0, 5_000).Select(i => (
            Code: $"9134{random.Next(100_000_000):D8}{(char)('A' + random.Next(26))}{i:D5}",
            County: counties[random.Next(counties.Length)],
            Industry: random.Next(5) == 0 ? null : $"{13 + random.Next(3)}{random.Next(10)}{random.Next(10)}",
            Class: (CreditRiskClass)(1 + random.Next(4)))).ToList();
        // Keys as a batch by county and industry division and credit class would have them; "中" checks non-ASCII keys.
        static string Key(string county, string? division, CreditRiskClass c) => $"{county}|{division ?? "-"}|中{c}";
        var directory = new EligibleDirectory(Key);
        foreach (var r in rows) directory.Add(Encoding.UTF8.GetBytes(r.Code), r.County, r.Industry, r.Class);

        var (text, hash) = directory.Canonical();
        using var expected = new MemoryStream();
        var expectedHash = SnapshotHash.WriteCanonical(rows.Select(r => (Key(r.County, r.Industry?[..2], r.Class), r.Code, r.County)), expected);
        Encoding.UTF8.GetString(text).ShouldBe(Encoding.UTF8.GetString(expected.ToArray()));
        hash.ShouldBe(expectedHash);
        directory.Count.ShouldBe(rows.Count);
        directory.Strata.Sum(s => s.Size).ShouldBe(rows.Count);
        directory.Among([rows[7].Code, "not a code"]).ShouldBe([rows[7].Code]);
    }

    [Theory]
    [InlineData("short codes, each a prefix of the next")]
    [InlineData("codes of 24 bytes and longer, outside the BMP")]
    [InlineData("a code with a zero byte")]
    public void Codes_of_any_length_are_ordered_by_their_bytes(string kind)
    {
        // The sort compares a code's first 24 bytes as numbers; these are the codes where that alone would not do.
        List<string> codes = kind switch
        {
            "short codes, each a prefix of the next" => ["9", "91", "913", "9134", "91340102", "913401020", "9134010200000000", "91340102000000000", "A", "0"],
            "codes of 24 bytes and longer, outside the BMP" => ["𠮷𠮷𠮷𠮷𠮷𠮷", "𠮷𠮷𠮷𠮷𠮷𠮷𠮷", "𠮷𠮷𠮷𠮷𠮷𠮷A", "𠮷𠮷𠮷𠮷𠮷", "𠮷𠮷𠮷𠮷𠮷𠮷\uFFFF", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ABCDEFGHIJKLMNOPQRSTUVWX", "ABCDEFGHIJKLMNOPQRSTUVWY"],
            _ => ["AB", "AB\0", "AB\0\0", "A\0B", "ABC"],
        };
        var shuffled = codes.OrderBy(c => c.GetHashCode()).ToList();
        var directory = new EligibleDirectory((county, _, _) => county);
        foreach (var code in shuffled) directory.Add(Encoding.UTF8.GetBytes(code), "340102", null, CreditRiskClass.B);

        var (text, hash) = directory.Canonical();
        using var expected = new MemoryStream();
        SnapshotHash.WriteCanonical(shuffled.Select(c => ("340102", c, "340102")), expected).ShouldBe(hash);
        text.ShouldBe(expected.ToArray());
        var lines = Encoding.UTF8.GetString(text).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')[1]).ToList();
        lines.ShouldBe(codes.OrderBy(c => Encoding.UTF8.GetBytes(c), Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))).ToList());
    }

    [Fact]
    public void A_code_the_canonical_form_cannot_hold_is_refused()
    {
        var directory = new EligibleDirectory((county, _, _) => county);
        Should.Throw<ArgumentException>(() => directory.Add("91340102\tX"u8, "340102", null, CreditRiskClass.B)).Message.ShouldContain("tab or line break");
        Should.Throw<ArgumentException>(() => directory.Add(""u8, "340102", null, CreditRiskClass.B)).Message.ShouldContain("empty");
    }
}
