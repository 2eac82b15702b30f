using System.Buffers.Binary;
using System.Security.Cryptography;
using Qualis.Features.Supervision.Draws;

namespace Qualis.Tests.Features.Supervision.Draws;

public sealed class DrawRandomTests
{
    // Known answers for the seed 000102…1f, computed independently with Python's hashlib from the spec
    // (docs/draw-algorithm.md, "Test vectors"); a change here is a change of the published algorithm.
    [Fact]
    public void Raw_stream_matches_the_published_vectors()
    {
        var rng = new DrawRandom(DrawTestData.VectorSeed);
        ulong[] expected = [0xa9d6e500293a88bd, 0x38cbe213d07ab71f, 0x8cb2258552072a01, 0xbdf1c40be527f4d0, 0x6061c4386d7a1788, 0xba52e2e8b2ee6fe6];
        expected.Select(_ => rng.NextUInt64()).ToArray().ShouldBe(expected);
    }

    [Fact]
    public void Bounded_values_match_the_published_vectors()
    {
        var ten = new DrawRandom(DrawTestData.VectorSeed);
        Enumerable.Range(0, 12).Select(_ => ten.Next(10)).ShouldBe([1, 3, 5, 2, 0, 8, 3, 3, 2, 1, 6, 5]);
        var thousand = new DrawRandom(DrawTestData.VectorSeed);
        Enumerable.Range(0, 8).Select(_ => thousand.Next(1000)).ShouldBe([221, 783, 105, 392, 120, 598, 663, 643]);
        // n = 3·2^62 = 0xc000000000000000: raw values below n come back unchanged; raw value 21 (0xe1405ab2f62f1b28)
        // is the first at or above n, so it is skipped and the 22nd result is raw value 22.
        var big = new DrawRandom(DrawTestData.VectorSeed);
        var results = Enumerable.Range(0, 22).Select(_ => big.Next(3UL << 62)).ToArray();
        results[..4].ShouldBe([12238220826280364221UL, 4092613261126186783UL, 10138206965701487105UL, 13686936297923933392UL]);
        results[20].ShouldBe(12704959869333817201UL);
        results[21].ShouldBe(0xb3e123f8697a942bUL);
        big.NextUInt64().ShouldBe(0x8d74e00af95b2b66UL); // raw value 23: 23 values consumed by 22 calls
    }

    [Fact]
    public void Derived_stream_is_seeded_by_the_hash_of_seed_and_label()
    {
        var derived = DrawRandom.Derive(DrawTestData.VectorSeed, "inspectors");
        derived.NextUInt64().ShouldBe(0x1b97a33fefc8a4b4UL);
        derived.NextUInt64().ShouldBe(0xf95295044f5536b3UL);
    }

    [Fact]
    public void The_stream_is_the_SHA256_of_seed_and_counter_block_after_block()
    {
        // 300 blocks: the counter's low byte carries into the next one at block 256.
        for (var s = 0; s < 4; s++)
        {
            var seed = DrawTestData.Seed("blocks", s);
            var rng = new DrawRandom(seed);
            for (var block = 0UL; block < 300; block++)
            {
                var message = new byte[40];
                seed.CopyTo(message, 0);
                BinaryPrimitives.WriteUInt64BigEndian(message.AsSpan(32), block);
                var digest = SHA256.HashData(message);
                for (var q = 0; q < 4; q++)
                    rng.NextUInt64().ShouldBe(BinaryPrimitives.ReadUInt64BigEndian(digest.AsSpan(8 * q)), $"block {block}, value {q}");
            }
        }
    }

    [Fact]
    public void Rejection_boundary_is_the_largest_multiple_of_n_not_above_two_to_the_64()
    {
        var n = 3UL << 62;                        // 2^64 mod n = 2^62, so L = 3·2^62 = n
        DrawRandom.TryReduce(n - 1, n, out var v).ShouldBeTrue();
        v.ShouldBe(n - 1);
        DrawRandom.TryReduce(n, n, out _).ShouldBeFalse();
        DrawRandom.TryReduce(ulong.MaxValue, n, out _).ShouldBeFalse();
        DrawRandom.TryReduce(0, n, out v).ShouldBeTrue();
        v.ShouldBe(0UL);

        const ulong ten = 10;                     // 2^64 mod 10 = 6: the last 6 values are rejected
        DrawRandom.TryReduce(ulong.MaxValue - 6, ten, out v).ShouldBeTrue();
        v.ShouldBe(9UL);                          // 18446744073709551609 mod 10
        for (var x = ulong.MaxValue - 5; x != 0; x++) DrawRandom.TryReduce(x, ten, out _).ShouldBeFalse();

        DrawRandom.TryReduce(ulong.MaxValue, 1UL << 63, out v).ShouldBeTrue(); // power of two: nothing rejected
        v.ShouldBe((1UL << 63) - 1);
        DrawRandom.TryReduce(ulong.MaxValue, 1, out v).ShouldBeTrue();
        v.ShouldBe(0UL);
    }

    [Fact]
    public void No_modulo_bias_for_a_range_that_does_not_divide_two_to_the_64()
    {
        // For n = 3·2^62, plain x mod n would land in the lowest third twice as often (1/2, 1/4, 1/4).
        // With rejection each third gets 1/3. 30,000 draws: chi-square, 2 degrees of freedom, 0.999 quantile 13.82.
        var rng = DrawTestData.Rng("modulo-bias");
        var n = 3UL << 62;
        var thirds = new long[3];
        for (var i = 0; i < 30_000; i++) thirds[(int)(rng.Next(n) >> 62)]++;
        DrawTestData.ChiSquare(thirds, 10_000).ShouldBeLessThan(13.82);
        thirds[0].ShouldBeLessThan(10_600); // the biased rule would give about 15,000
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(100)]
    public void Small_ranges_are_uniform(int n)
    {
        // 0.999 quantiles of chi-square for n − 1 degrees of freedom.
        var quantile = n switch { 3 => 13.82, 7 => 22.46, 10 => 27.88, _ => 148.23 };
        var rng = DrawTestData.Rng("small-range", n);
        var counts = new long[n];
        var draws = 2_000 * n;
        for (var i = 0; i < draws; i++) counts[rng.Next(n)]++;
        DrawTestData.ChiSquare(counts, 2_000).ShouldBeLessThan(quantile);
    }

    [Fact]
    public void Different_seeds_give_different_streams_and_the_same_seed_the_same()
    {
        var a = DrawTestData.Rng("streams", 1);
        var b = DrawTestData.Rng("streams", 1);
        var c = DrawTestData.Rng("streams", 2);
        var fromA = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToArray();
        Enumerable.Range(0, 100).Select(_ => b.NextUInt64()).ShouldBe(fromA);
        Enumerable.Range(0, 100).Select(_ => c.NextUInt64()).ShouldNotBe(fromA);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Should.Throw<ArgumentException>(() => new DrawRandom(new byte[31])).Message.ShouldContain("32 bytes");
        var rng = new DrawRandom(DrawTestData.VectorSeed);
        Should.Throw<ArgumentOutOfRangeException>(() => rng.Next(0));
        Should.Throw<ArgumentOutOfRangeException>(() => rng.Next(0UL));
    }
}
