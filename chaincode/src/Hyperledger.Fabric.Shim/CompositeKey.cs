using System.Text;

namespace Hyperledger.Fabric.Shim;

/// <summary>
/// Fabric's composite keys, encoded exactly as the official shims do: U+0000, the object type, then
/// each attribute, each followed by U+0000. Attributes must be valid UTF-16 (so valid UTF-8 on the
/// wire) and must not contain U+0000 or U+10FFFF, which bound partial-key range queries.
/// </summary>
public static class CompositeKey
{
    /// <summary>The first character of every composite key.</summary>
    public const char Namespace = '\u0000';

    /// <summary>The separator written after the object type and after every attribute.</summary>
    public const char Separator = '\u0000';

    /// <summary>U+10FFFF, appended to a partial key to make the end of its range.</summary>
    public const string MaxUnicodeRune = "\U0010FFFF";

    /// <summary>Replaces an empty range start key, as the official shims do.</summary>
    internal const string EmptyKeySubstitute = "\u0001";

    /// <summary>Builds a composite key.</summary>
    /// <exception cref="ArgumentException">A part contains U+0000, U+10FFFF or a lone surrogate.</exception>
    public static string Create(string objectType, IEnumerable<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(objectType);
        ArgumentNullException.ThrowIfNull(attributes);
        Validate(objectType, nameof(objectType));
        var builder = new StringBuilder().Append(Namespace).Append(objectType).Append(Separator);
        foreach (var attribute in attributes)
        {
            ArgumentNullException.ThrowIfNull(attribute, nameof(attributes));
            Validate(attribute, nameof(attributes));
            builder.Append(attribute).Append(Separator);
        }

        return builder.ToString();
    }

    /// <summary>Builds a composite key.</summary>
    public static string Create(string objectType, params string[] attributes) => Create(objectType, (IEnumerable<string>)attributes);

    /// <summary>Splits a composite key into its object type and attributes.</summary>
    /// <exception cref="ArgumentException">The key does not start with U+0000.</exception>
    public static (string ObjectType, IReadOnlyList<string> Attributes) Split(string compositeKey)
    {
        ArgumentNullException.ThrowIfNull(compositeKey);
        if (compositeKey.Length < 2 || compositeKey[0] != Namespace)
        {
            throw new ArgumentException("not a composite key: it must start with U+0000", nameof(compositeKey));
        }

        var parts = new List<string>();
        var start = 1;
        for (var i = 1; i < compositeKey.Length; i++)
        {
            if (compositeKey[i] == Separator)
            {
                parts.Add(compositeKey[start..i]);
                start = i + 1;
            }
        }

        if (parts.Count == 0)
        {
            throw new ArgumentException("not a composite key: no separator after the object type", nameof(compositeKey));
        }

        return (parts[0], parts.GetRange(1, parts.Count - 1));
    }

    /// <summary>The [start, end) range that holds every key beginning with the given partial key.</summary>
    public static (string StartKey, string EndKey) PartialKeyRange(string objectType, IEnumerable<string> attributes)
    {
        var start = Create(objectType, attributes);
        return (start, start + MaxUnicodeRune);
    }

    /// <summary>
    /// Checks the keys of a simple range query: they must not start with U+0000, the composite-key
    /// namespace, so that simple and composite keys never collide.
    /// </summary>
    internal static void ValidateSimpleKeys(string startKey, string endKey)
    {
        foreach (var key in new[] { startKey, endKey })
        {
            if (key.Length > 0 && key[0] == Namespace)
            {
                throw new ArgumentException($"first character of the key [{key}] contains a null character which is not allowed");
            }
        }
    }

    private static void Validate(string part, string parameterName)
    {
        for (var i = 0; i < part.Length; i++)
        {
            var c = part[i];
            if (c == '\u0000')
            {
                throw new ArgumentException($"input contains U+0000 at position {i}; U+0000 and U+10FFFF are not allowed in a composite key part", parameterName);
            }

            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= part.Length || !char.IsLowSurrogate(part[i + 1]))
                {
                    throw new ArgumentException($"input is not valid UTF-16 at position {i} (lone surrogate)", parameterName);
                }

                if (char.ConvertToUtf32(c, part[i + 1]) == 0x10FFFF)
                {
                    throw new ArgumentException($"input contains U+10FFFF at position {i}; U+0000 and U+10FFFF are not allowed in a composite key part", parameterName);
                }

                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                throw new ArgumentException($"input is not valid UTF-16 at position {i} (lone surrogate)", parameterName);
            }
        }
    }
}
