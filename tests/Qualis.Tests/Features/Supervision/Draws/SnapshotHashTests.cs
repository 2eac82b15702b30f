using System.Security.Cryptography;
using System.Text;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

public sealed class SnapshotHashTests
{
    [Fact]
    public void Hash_is_SHA256_of_sorted_tab_separated_lines()
    {
        (string, string, string)[] entries = [("340200|B", "B2", "340202"), ("340100|D", "A9", "340102"), ("340100|D", "A10", "340104"), ("340100|B", "Z1", "340102")];
        const string canonical = "340100|B\tZ1\t340102\n340100|D\tA10\t340104\n340100|D\tA9\t340102\n340200|B\tB2\t340202\n"; // ordinal: "A10" < "A9"
        SnapshotHash.Of(entries).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));

        using var published = new MemoryStream();
        SnapshotHash.WriteCanonical(entries, published);
        Encoding.UTF8.GetString(published.ToArray()).ShouldBe(canonical);
    }

    [Fact]
    public void Order_of_input_does_not_matter_but_every_entry_does()
    {
        var entries = Enumerable.Range(0, 500).Select(i => ($"S{i % 7}", DrawTestData.Code(i), i % 2 == 0 ? "340102" : "340104")).ToList();
        var hash = SnapshotHash.Of(entries);
        SnapshotHash.Of(Enumerable.Reverse(entries)).ShouldBe(hash);
        SnapshotHash.Of(entries.Skip(1)).ShouldNotBe(hash);
        SnapshotHash.Of(entries.Select((e, i) => i == 3 ? ("S0", e.Item2, e.Item3) : e)).ShouldNotBe(hash); // moved to another stratum
        SnapshotHash.Of(entries.Select((e, i) => i == 3 ? (e.Item1, e.Item2, "340111") : e)).ShouldNotBe(hash); // moved to another county
    }

    [Fact]
    public void Chinese_stratum_keys_are_hashed_as_UTF8()
    {
        var canonical = "合肥市|D\t91340100MA0000001X\t340102\n";
        SnapshotHash.Of([("合肥市|D", "91340100MA0000001X", "340102")]).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
    }

    [Fact]
    public void The_published_example_snapshot_has_the_documented_hash() =>
        SnapshotHash.Of(DrawExample.Entries).ShouldBe("eba3a00196d26e82de8672729690e6bc3167d7d6f51ac77c7758836f9a386792");

    [Theory]
    [InlineData("a\tb", "91340100MA0000001X")]
    [InlineData("a", "91340100MA0000001X\n")]
    [InlineData("a", "")]
    [InlineData("a", "91340100MA0000001X", "3401\t02")]
    [InlineData("a", "91340100MA0000001X", "")]
    public void Texts_the_canonical_form_cannot_hold_are_refused(string key, string code, string county = "340102") =>
        Should.Throw<ArgumentException>(() => SnapshotHash.Of([(key, code, county)]));
}

public sealed class AssignmentInputsHashTests
{
    [Fact]
    public void Hash_is_SHA256_of_sorted_deduplicated_records()
    {
        var hash = SnapshotHash.OfAssignmentInputs(
            [new("I02", "U1", "340102"), new("I01", "U2", "340103")],
            [("I02", "C1"), ("I02", "C1")],
            [new("C1", "340104") { LinkedUnits = ["U2", "U2"], LastInspectors = ["I01"] }, new("C0")]);
        const string canonical =
            "conflict\tI02\tC1\n" +
            "inspector\tI01\tU2\t340103\n" +
            "inspector\tI02\tU1\t340102\n" +
            "last\tC1\tI01\n" +
            "linked\tC1\tU2\n";
        hash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))));
    }

    [Fact]
    public void Order_does_not_matter_but_a_new_conflict_does()
    {
        var facts = DrawExample.Strata.SelectMany(s => s.Candidates).Select(DrawExample.Facts).ToList();
        var hash = SnapshotHash.OfAssignmentInputs(DrawExample.Inspectors, DrawExample.Conflicts, facts);
        hash.ShouldBe("3b77c2c6bb64df8ad3eec88ea2dacc571f8040f8b583864ac2d7aaf3f50c11e7"); // docs/draw-algorithm.md, worked example
        SnapshotHash.OfAssignmentInputs(DrawExample.Inspectors.Reverse(), DrawExample.Conflicts, Enumerable.Reverse(facts)).ShouldBe(hash);
        SnapshotHash.OfAssignmentInputs(DrawExample.Inspectors, [.. DrawExample.Conflicts, ("I06", "91340100MB0000002Y")], facts).ShouldNotBe(hash);
        SnapshotHash.OfAssignmentInputs(DrawExample.Inspectors.Skip(1), DrawExample.Conflicts, facts).ShouldNotBe(hash);
    }
}
