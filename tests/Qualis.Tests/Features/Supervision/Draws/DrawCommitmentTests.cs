using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

public sealed class DrawCommitmentTests
{
    private const string VectorSeedHex = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private const string VectorCommitment = "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd";

    [Fact]
    public void Commitment_is_the_lowercase_hex_SHA256_of_the_seed_bytes() =>
        DrawCommitment.Commit(DrawTestData.VectorSeed).ShouldBe(VectorCommitment);

    [Fact]
    public void The_matching_seed_is_accepted_in_either_case_and_with_stray_spaces()
    {
        DrawCommitment.Verify(VectorSeedHex, VectorCommitment).ShouldBe(CommitmentCheck.Match);
        DrawCommitment.Verify(" " + VectorSeedHex.ToUpperInvariant() + "\n", VectorCommitment.ToUpperInvariant()).Matches.ShouldBeTrue();
    }

    [Fact]
    public void Any_other_seed_is_rejected()
    {
        for (var i = 0; i < VectorSeedHex.Length; i++)
        {
            var changed = VectorSeedHex[..i] + (VectorSeedHex[i] == '0' ? '1' : '0') + VectorSeedHex[(i + 1)..];
            var check = DrawCommitment.Verify(changed, VectorCommitment);
            check.Matches.ShouldBeFalse();
            check.Problem!.ShouldContain("does not match the commitment");
        }
    }

    [Fact]
    public void A_fresh_seed_verifies_against_its_own_commitment_only()
    {
        var seed = DrawCommitment.NewSeed();
        seed.Length.ShouldBe(32);
        var commitment = DrawCommitment.Commit(seed);
        DrawCommitment.Verify(DrawCommitment.ToHex(seed), commitment).Matches.ShouldBeTrue();
        DrawCommitment.Verify(DrawCommitment.ToHex(DrawCommitment.NewSeed()), commitment).Matches.ShouldBeFalse();
        DrawCommitment.ParseSeed(DrawCommitment.ToHex(seed)).ShouldBe(seed);
    }

    [Theory]
    [InlineData(null, "The seed is missing")]
    [InlineData("", "The seed is missing")]
    [InlineData("00010203", "the seed must be 64 hexadecimal characters; got 8")]
    [InlineData("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1g", "character 64 is 'g'")]
    [InlineData("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "character 2 is 'x'")]
    public void A_malformed_seed_is_rejected_with_the_reason(string? seedHex, string message)
    {
        var check = DrawCommitment.Verify(seedHex, VectorCommitment);
        check.Matches.ShouldBeFalse();
        check.Problem!.ShouldContain(message, Case.Insensitive);
        Should.Throw<FormatException>(() => DrawCommitment.ParseSeed(seedHex)).Message.ShouldContain(message, Case.Insensitive);
    }

    [Fact]
    public void A_malformed_commitment_is_rejected_with_the_reason() =>
        DrawCommitment.Verify(VectorSeedHex, VectorCommitment[..63]).Problem!.ShouldContain("The commitment must be 64 hexadecimal characters; got 63");
}
