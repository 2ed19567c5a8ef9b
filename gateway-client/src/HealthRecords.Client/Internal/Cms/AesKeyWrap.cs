using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HealthRecords.Client.Internal.Cms;

/// <summary>The AES key wrap of RFC 3394 (section 2.2.1 and 2.2.2, index form, default IV).</summary>
internal static class AesKeyWrap
{
    private const ulong DefaultIv = 0xA6A6A6A6A6A6A6A6;

    public static byte[] Wrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> key)
    {
        if (key.Length < 16 || key.Length % 8 != 0)
        {
            throw new ArgumentException("RFC 3394 wraps keys of at least 16 bytes, in multiples of 8.", nameof(key));
        }

        using var aes = Aes.Create();
        aes.Key = kek.ToArray();
        var n = key.Length / 8;
        var r = key.ToArray();
        var a = DefaultIv;
        Span<byte> block = stackalloc byte[16];
        Span<byte> output = stackalloc byte[16];
        for (var j = 0; j < 6; j++)
        {
            for (var i = 0; i < n; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(block, a);
                r.AsSpan(i * 8, 8).CopyTo(block[8..]);
                aes.EncryptEcb(block, output, PaddingMode.None);
                a = BinaryPrimitives.ReadUInt64BigEndian(output) ^ (ulong)((n * j) + i + 1);
                output[8..].CopyTo(r.AsSpan(i * 8, 8));
            }
        }

        var result = new byte[8 + r.Length];
        BinaryPrimitives.WriteUInt64BigEndian(result, a);
        r.CopyTo(result, 8);
        return result;
    }

    public static byte[] Unwrap(ReadOnlySpan<byte> kek, ReadOnlySpan<byte> wrapped)
    {
        if (wrapped.Length < 24 || wrapped.Length % 8 != 0)
        {
            throw new CryptographicException("The wrapped key has an invalid length.");
        }

        using var aes = Aes.Create();
        aes.Key = kek.ToArray();
        var n = (wrapped.Length / 8) - 1;
        var a = BinaryPrimitives.ReadUInt64BigEndian(wrapped);
        var r = wrapped[8..].ToArray();
        Span<byte> block = stackalloc byte[16];
        Span<byte> output = stackalloc byte[16];
        for (var j = 5; j >= 0; j--)
        {
            for (var i = n - 1; i >= 0; i--)
            {
                BinaryPrimitives.WriteUInt64BigEndian(block, a ^ (ulong)((n * j) + i + 1));
                r.AsSpan(i * 8, 8).CopyTo(block[8..]);
                aes.DecryptEcb(block, output, PaddingMode.None);
                a = BinaryPrimitives.ReadUInt64BigEndian(output);
                output[8..].CopyTo(r.AsSpan(i * 8, 8));
            }
        }

        Span<byte> expected = stackalloc byte[8];
        Span<byte> actual = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(expected, DefaultIv);
        BinaryPrimitives.WriteUInt64BigEndian(actual, a);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            CryptographicOperations.ZeroMemory(r);
            throw new CryptographicException("The key does not unwrap: wrong recipient key or a tampered envelope.");
        }

        return r;
    }
}
