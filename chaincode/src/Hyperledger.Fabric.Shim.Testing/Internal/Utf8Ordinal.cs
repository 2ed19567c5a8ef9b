namespace Hyperledger.Fabric.Shim.Testing.Internal;

/// <summary>
/// Orders strings by their UTF-8 bytes, as the peer's state database orders keys. UTF-8 keeps
/// code-point order, so comparing code points is enough; UTF-16 ordinal order would put U+10FFFF
/// (a surrogate pair) below U+FFFF and break partial composite key ranges.
/// </summary>
internal sealed class Utf8Ordinal : IComparer<string>
{
    public static Utf8Ordinal Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var i = 0;
        var j = 0;
        while (i < x.Length && j < y.Length)
        {
            var a = NextCodePoint(x, ref i);
            var b = NextCodePoint(y, ref j);
            if (a != b)
            {
                return a < b ? -1 : 1;
            }
        }

        return (x.Length - i).CompareTo(y.Length - j);
    }

    private static int NextCodePoint(string s, ref int index)
    {
        var c = s[index];
        if (char.IsHighSurrogate(c) && index + 1 < s.Length && char.IsLowSurrogate(s[index + 1]))
        {
            var value = char.ConvertToUtf32(c, s[index + 1]);
            index += 2;
            return value;
        }

        index++;
        return c;
    }
}
