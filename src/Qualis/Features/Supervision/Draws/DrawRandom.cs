using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Qualis.Features.Supervision.Draws;

/// <summary>
/// The draw's random generator (双随机抽取随机数): deterministic from a 32-byte secret seed, so that anyone
/// holding the revealed seed can reproduce a draw in any language. Specified in docs/draw-algorithm.md.
/// </summary>
/// <remarks>
/// <para>Stream: block_i = SHA-256(seed ‖ uint64_be(i)) for i = 0, 1, 2, … (a 40-byte message). Each 32-byte
/// block is read as four big-endian unsigned 64-bit values, in order; the stream is those values, block 0 first.</para>
/// <para><see cref="Next(ulong)"/>: an unbiased integer in [0, n) by rejection sampling. Let L = 2^64 − (2^64 mod n),
/// the largest multiple of n not above 2^64. Take the next stream value x; if x ≥ L, discard it and take the next;
/// otherwise return x mod n. Every call takes at least one value; n = 1 takes one value and returns 0.</para>
/// <para>Not thread-safe: one instance per draw, used in the documented order.</para>
/// </remarks>
public sealed class DrawRandom
{
    public const int SeedLength = 32;
    private const int ValuesPerBlock = 4;

    // The message of the next block: the seed, then the block's counter as a big-endian uint64.
    private readonly byte[] _message = new byte[SeedLength + sizeof(ulong)];
    private readonly ulong[] _values = new ulong[ValuesPerBlock];
    private int _position = ValuesPerBlock;
    private ulong _nextBlock;
    private bool _exhausted;

    public DrawRandom(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != SeedLength)
            throw new ArgumentException($"The seed must be {SeedLength} bytes; got {seed.Length}.", nameof(seed));
        seed.CopyTo(_message);
    }

    /// <summary>
    /// A generator for a separate purpose of the same draw, with seed SHA-256(seed ‖ UTF-8(label)); the
    /// inspector assignment uses the label "inspectors", so it does not depend on how many values sampling took.
    /// </summary>
    public static DrawRandom Derive(ReadOnlySpan<byte> seed, string label)
    {
        if (seed.Length != SeedLength)
            throw new ArgumentException($"The seed must be {SeedLength} bytes; got {seed.Length}.", nameof(seed));
        var labelBytes = Encoding.UTF8.GetBytes(label);
        var message = new byte[seed.Length + labelBytes.Length];
        seed.CopyTo(message);
        labelBytes.CopyTo(message, seed.Length);
        return new DrawRandom(SHA256.HashData(message));
    }

    /// <summary>The next raw 64-bit value of the stream.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        if (_position == ValuesPerBlock) Refill();
        return _values[_position++];
    }

    /// <summary>An unbiased integer in [0, n), n ≥ 1, by rejection sampling (see the class remarks).</summary>
    public ulong Next(ulong n)
    {
        if (n == 0) throw new ArgumentOutOfRangeException(nameof(n), "The range must hold at least one value.");
        while (true)
        {
            if (TryReduce(NextUInt64(), n, out var value)) return value;
        }
    }

    /// <summary>An unbiased integer in [0, n), n ≥ 1; the same arithmetic as <see cref="Next(ulong)"/>.</summary>
    public int Next(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        return (int)Next((ulong)n);
    }

    /// <summary>
    /// Accepts x when x &lt; L = 2^64 − (2^64 mod n) and gives x mod n. Values below 2^64 − n are always below L,
    /// which spares the second division in all but a 1 in 2^64/n case.
    /// </summary>
    internal static bool TryReduce(ulong x, ulong n, out ulong value)
    {
        var lowestNeverRejected = unchecked(0UL - n); // 2^64 − n
        if (x < lowestNeverRejected)
        {
            value = x % n;
            return true;
        }
        var remainder = unchecked(0UL - n) % n;       // 2^64 mod n, computed as (2^64 − n) mod n
        if (remainder == 0 || x < unchecked(0UL - remainder))
        {
            value = x % n;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>
    /// Computes the next block with the library's SHA-256. A hand-written SHA-256 (eight blocks side by side in 256-bit
    /// vectors) did this until 2026-12. `Qualis.Bench hash` timed a benchmark draw's hashing (9,211 drawn of 922,584,
    /// teams of two: 6,909 blocks) with each, alternately, 20 times each in one process; over five runs on the 2-core
    /// benchmark machine (busy) the medians were 10.4–16.4 ms with SHA256.HashData (1.5–2.4 µs a block: OpenSSL 3 sets
    /// up a context per call) and 0.56–0.72 ms hand-written. The 10–16 ms saved are 0.7–1.1% of the 1.4 s draw, under
    /// the 2% that would have paid for keeping our own SHA-256.
    /// </summary>
    private void Refill()
    {
        if (_exhausted) throw new InvalidOperationException("The draw stream is exhausted (2^64 blocks).");
        BinaryPrimitives.WriteUInt64BigEndian(_message.AsSpan(SeedLength), _nextBlock);
        Span<byte> block = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(_message, block);
        for (var q = 0; q < ValuesPerBlock; q++) _values[q] = BinaryPrimitives.ReadUInt64BigEndian(block[(8 * q)..]);
        _exhausted = ++_nextBlock == 0;
        _position = 0;
    }
}
