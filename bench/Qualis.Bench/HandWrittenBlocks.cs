using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Qualis.Bench;

/// <summary>
/// The hand-written SHA-256 the draw's generator used until 2026-12, kept here only as what `hash` measures the
/// library against (see DrawRandom.Refill): the generator's blocks, block_i = SHA-256(seed ‖ uint64_be(i)), eight
/// consecutive blocks at a time, the eight messages going through the rounds side by side in 256-bit vectors and
/// the first 8 rounds, which read only the seed, done once per seed. `hash` checks that it gives the same stream.
/// </summary>
internal sealed class HandWrittenBlocks
{
    public const int BlocksPerBatch = 8;
    public const int ValuesPerBatch = BlocksPerBatch * 4;

    private static readonly uint[] K =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] H0 =
        [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    // The padded single-block message: seed words W0..W7, counter W8 (high) and W9 (low), then the 0x80
    // padding byte, zeros and the bit length 40 × 8 = 320 in the last word.
    private const uint PaddingWord = 0x8000_0000;
    private const uint LengthWord = 320;

    private readonly uint[] _seedWords = new uint[8];
    private readonly uint[] _stateAfterSeed = new uint[8];

    public HandWrittenBlocks(ReadOnlySpan<byte> seed)
    {
        for (var t = 0; t < 8; t++) _seedWords[t] = BinaryPrimitives.ReadUInt32BigEndian(seed[(4 * t)..]);
        uint a = H0[0], b = H0[1], c = H0[2], d = H0[3], e = H0[4], f = H0[5], g = H0[6], h = H0[7];
        for (var t = 0; t < 8; t++) Round(ref a, ref b, ref c, ref d, ref e, ref f, ref g, ref h, K[t] + _seedWords[t]);
        _stateAfterSeed[0] = a; _stateAfterSeed[1] = b; _stateAfterSeed[2] = c; _stateAfterSeed[3] = d;
        _stateAfterSeed[4] = e; _stateAfterSeed[5] = f; _stateAfterSeed[6] = g; _stateAfterSeed[7] = h;
    }

    /// <summary>Writes blocks first … first+7 as 32 big-endian uint64 values, block by block, into <paramref name="values"/>.</summary>
    public void Compute(ulong first, Span<ulong> values)
    {
        if (Vector256.IsHardwareAccelerated) ComputeVector(first, values);
        else ComputeScalar(first, values);
    }

    private void ComputeScalar(ulong first, Span<ulong> values)
    {
        Span<uint> w = stackalloc uint[64];
        for (var lane = 0; lane < BlocksPerBatch; lane++)
        {
            var index = unchecked(first + (ulong)lane);
            _seedWords.CopyTo(w);
            w[8] = (uint)(index >> 32);
            w[9] = (uint)index;
            w[10] = PaddingWord;
            w[11] = w[12] = w[13] = w[14] = 0;
            w[15] = LengthWord;
            for (var t = 16; t < 64; t++)
                w[t] = unchecked(SmallSigma1(w[t - 2]) + w[t - 7] + SmallSigma0(w[t - 15]) + w[t - 16]);

            uint a = _stateAfterSeed[0], b = _stateAfterSeed[1], c = _stateAfterSeed[2], d = _stateAfterSeed[3];
            uint e = _stateAfterSeed[4], f = _stateAfterSeed[5], g = _stateAfterSeed[6], h = _stateAfterSeed[7];
            for (var t = 8; t < 64; t++) Round(ref a, ref b, ref c, ref d, ref e, ref f, ref g, ref h, unchecked(K[t] + w[t]));

            var o = values.Slice(lane * 4, 4);
            o[0] = Pack(H0[0] + a, H0[1] + b);
            o[1] = Pack(H0[2] + c, H0[3] + d);
            o[2] = Pack(H0[4] + e, H0[5] + f);
            o[3] = Pack(H0[6] + g, H0[7] + h);
        }
    }

    private void ComputeVector(ulong first, Span<ulong> values)
    {
        Span<uint> hi = stackalloc uint[8];
        Span<uint> lo = stackalloc uint[8];
        for (var lane = 0; lane < 8; lane++)
        {
            var index = unchecked(first + (ulong)lane);
            hi[lane] = (uint)(index >> 32);
            lo[lane] = (uint)index;
        }

        Span<Vector256<uint>> w = stackalloc Vector256<uint>[64];
        for (var t = 0; t < 8; t++) w[t] = Vector256.Create(_seedWords[t]);
        w[8] = Vector256.Create<uint>(hi);
        w[9] = Vector256.Create<uint>(lo);
        w[10] = Vector256.Create(PaddingWord);
        w[11] = w[12] = w[13] = w[14] = Vector256<uint>.Zero;
        w[15] = Vector256.Create(LengthWord);
        for (var t = 16; t < 64; t++)
            w[t] = SmallSigma1(w[t - 2]) + w[t - 7] + SmallSigma0(w[t - 15]) + w[t - 16];

        var a = Vector256.Create(_stateAfterSeed[0]); var b = Vector256.Create(_stateAfterSeed[1]);
        var c = Vector256.Create(_stateAfterSeed[2]); var d = Vector256.Create(_stateAfterSeed[3]);
        var e = Vector256.Create(_stateAfterSeed[4]); var f = Vector256.Create(_stateAfterSeed[5]);
        var g = Vector256.Create(_stateAfterSeed[6]); var h = Vector256.Create(_stateAfterSeed[7]);
        for (var t = 8; t < 64; t++)
        {
            var t1 = h + BigSigma1(e) + Choose(e, f, g) + Vector256.Create(K[t]) + w[t];
            var t2 = BigSigma0(a) + Majority(a, b, c);
            h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }

        Span<uint> state = stackalloc uint[64];
        (a + Vector256.Create(H0[0])).CopyTo(state[0..]);
        (b + Vector256.Create(H0[1])).CopyTo(state[8..]);
        (c + Vector256.Create(H0[2])).CopyTo(state[16..]);
        (d + Vector256.Create(H0[3])).CopyTo(state[24..]);
        (e + Vector256.Create(H0[4])).CopyTo(state[32..]);
        (f + Vector256.Create(H0[5])).CopyTo(state[40..]);
        (g + Vector256.Create(H0[6])).CopyTo(state[48..]);
        (h + Vector256.Create(H0[7])).CopyTo(state[56..]);
        for (var lane = 0; lane < 8; lane++)
            for (var q = 0; q < 4; q++)
                values[lane * 4 + q] = Pack(state[16 * q + lane], state[16 * q + 8 + lane]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Pack(uint high, uint low) => ((ulong)high << 32) | low;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref uint a, ref uint b, ref uint c, ref uint d, ref uint e, ref uint f, ref uint g, ref uint h, uint kw)
    {
        unchecked
        {
            var t1 = h + (uint.RotateRight(e, 6) ^ uint.RotateRight(e, 11) ^ uint.RotateRight(e, 25)) + ((e & f) ^ (~e & g)) + kw;
            var t2 = (uint.RotateRight(a, 2) ^ uint.RotateRight(a, 13) ^ uint.RotateRight(a, 22)) + ((a & b) | (c & (a | b)));
            h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
        }
    }

    private static uint SmallSigma0(uint x) => uint.RotateRight(x, 7) ^ uint.RotateRight(x, 18) ^ (x >> 3);
    private static uint SmallSigma1(uint x) => uint.RotateRight(x, 17) ^ uint.RotateRight(x, 19) ^ (x >> 10);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Rotr(Vector256<uint> x, int n) =>
        Vector256.ShiftRightLogical(x, n) | Vector256.ShiftLeft(x, 32 - n);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> SmallSigma0(Vector256<uint> x) => Rotr(x, 7) ^ Rotr(x, 18) ^ Vector256.ShiftRightLogical(x, 3);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> SmallSigma1(Vector256<uint> x) => Rotr(x, 17) ^ Rotr(x, 19) ^ Vector256.ShiftRightLogical(x, 10);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> BigSigma0(Vector256<uint> x) => Rotr(x, 2) ^ Rotr(x, 13) ^ Rotr(x, 22);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> BigSigma1(Vector256<uint> x) => Rotr(x, 6) ^ Rotr(x, 11) ^ Rotr(x, 25);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Choose(Vector256<uint> e, Vector256<uint> f, Vector256<uint> g) => (e & f) ^ Vector256.AndNot(g, e);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Majority(Vector256<uint> a, Vector256<uint> b, Vector256<uint> c) => (a & b) | (c & (a | b));
}
