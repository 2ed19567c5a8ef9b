using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>
/// The ECDSA signatures this process has already seen verify: the public key, the digest and the DER
/// signature of each, under a SHA-256 of the three. Within one dev network the same signature is checked
/// several times over (both endorsers check a proposal, the orderer and each peer's validation the
/// envelope, both peers each endorsement), and verification is most of a transaction's CPU; the same
/// three inputs always verify the same way, so a remembered success is the check's answer. Only successes
/// are kept, so a bad signature is verified (and refused) every time; every rule that is not the curve
/// arithmetic (DER form, low S, certificate validity, MSP membership, policies) still runs each time.
/// Bounded: when full it starts again empty.
/// </summary>
/// <param name="capacity">How many signatures it holds before it starts again empty.</param>
internal sealed class VerifiedSignatures(int capacity)
{
    private readonly ConcurrentDictionary<Fingerprint, byte> _verified = new();

    /// <summary>The process's memo: a few seconds of transactions at the dev network's rates (a miss only costs a verification).</summary>
    public static VerifiedSignatures Shared { get; } = new(16_384);

    /// <summary>Whether the signature <paramref name="fingerprint"/> names verified before.</summary>
    public bool Contains(Fingerprint fingerprint) => _verified.ContainsKey(fingerprint);

    /// <summary>Records that the signature <paramref name="fingerprint"/> names verified.</summary>
    public void Add(Fingerprint fingerprint)
    {
        if (_verified.Count >= capacity)
        {
            _verified.Clear();
        }

        _verified.TryAdd(fingerprint, 0);
    }

    /// <summary>SHA-256 over the length-prefixed key, digest and signature: distinct inputs never share one.</summary>
    internal readonly record struct Fingerprint(ulong A, ulong B, ulong C, ulong D)
    {
        /// <summary>The fingerprint of <paramref name="signature"/> over <paramref name="digest"/> under <paramref name="publicKey"/>.</summary>
        public static Fingerprint Of(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
        {
            var length = 12 + publicKey.Length + digest.Length + signature.Length;
            Span<byte> input = length <= 1024 ? stackalloc byte[length] : new byte[length];
            _ = Append(Append(Append(input, publicKey), digest), signature);

            Span<byte> value = stackalloc byte[32];
            SHA256.HashData(input, value);
            return new Fingerprint(
                BinaryPrimitives.ReadUInt64LittleEndian(value),
                BinaryPrimitives.ReadUInt64LittleEndian(value[8..]),
                BinaryPrimitives.ReadUInt64LittleEndian(value[16..]),
                BinaryPrimitives.ReadUInt64LittleEndian(value[24..]));
        }

        private static Span<byte> Append(Span<byte> to, ReadOnlySpan<byte> part)
        {
            BinaryPrimitives.WriteInt32BigEndian(to, part.Length);
            part.CopyTo(to[4..]);
            return to[(4 + part.Length)..];
        }
    }
}
