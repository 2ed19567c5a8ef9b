namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>
/// Orders keys as Fabric's state databases do: by UTF-8 bytes, which is Unicode code point order.
/// Plain UTF-16 ordinal order differs for characters above U+E000 versus surrogate pairs (and
/// Fabric's composite-key range end U+10FFFF is a surrogate pair), so surrogates are moved above
/// the rest of the BMP before comparing.
/// </summary>
internal sealed class KeyOrder : IComparer<string>
{
    public static KeyOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a != b)
            {
                return Fix(a) - Fix(b);
            }
        }

        return x.Length - y.Length;
    }

    private static int Fix(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };
}
