using System.Collections;

namespace Fabric.Grpc;

/// <summary>
/// gRPC metadata: ordered key/value pairs carried as HTTP/2 headers or trailers. Keys are
/// lower-case ASCII; a key ending in <c>-bin</c> carries binary values (base64 on the wire).
/// </summary>
public sealed class Metadata : IEnumerable<Metadata.Entry>
{
    /// <summary>The suffix that marks binary keys.</summary>
    public const string BinarySuffix = "-bin";

    private readonly List<Entry> _entries = [];

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>Adds a text entry.</summary>
    /// <param name="key">The key; upper-case letters are lowered. Must not end in <c>-bin</c>.</param>
    /// <param name="value">Printable ASCII.</param>
    public void Add(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = NormalizeKey(key);
        if (IsBinaryKey(normalized))
        {
            throw new ArgumentException($"Key '{normalized}' is binary: add a byte[] value.", nameof(key));
        }

        foreach (var c in value)
        {
            if (c < 0x20 || c > 0x7E)
            {
                throw new ArgumentException("Text metadata values must be printable ASCII.", nameof(value));
            }
        }

        _entries.Add(new Entry(normalized, value, null));
    }

    /// <summary>Adds a binary entry.</summary>
    /// <param name="key">The key; must end in <c>-bin</c>.</param>
    /// <param name="value">The bytes (not copied).</param>
    public void Add(string key, byte[] value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalized = NormalizeKey(key);
        if (!IsBinaryKey(normalized))
        {
            throw new ArgumentException($"Binary values need a key ending in '{BinarySuffix}': '{normalized}'.", nameof(key));
        }

        _entries.Add(new Entry(normalized, null, value));
    }

    /// <summary>The last text value for <paramref name="key"/>, or null.</summary>
    /// <param name="key">The key (case-insensitive).</param>
    /// <returns>The value, or null when absent or binary.</returns>
    public string? GetValue(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase) && !_entries[i].IsBinary)
            {
                return _entries[i].Value;
            }
        }

        return null;
    }

    /// <summary>The last binary value for <paramref name="key"/>, or null.</summary>
    /// <param name="key">The key (case-insensitive).</param>
    /// <returns>The bytes, or null when absent or text.</returns>
    public byte[]? GetValueBytes(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase) && _entries[i].IsBinary)
            {
                return _entries[i].ValueBytes;
            }
        }

        return null;
    }

    /// <inheritdoc />
    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal static bool IsBinaryKey(string key) => key.EndsWith(BinarySuffix, StringComparison.OrdinalIgnoreCase);

    private static string NormalizeKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var lower = key.ToLowerInvariant();
        foreach (var c in lower)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.';
            if (!ok)
            {
                throw new ArgumentException($"Metadata key '{key}' may only hold a-z, 0-9, '-', '_' and '.'.", nameof(key));
            }
        }

        if (lower.StartsWith("grpc-", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Metadata key '{key}' is reserved for the gRPC protocol.", nameof(key));
        }

        return lower;
    }

    /// <summary>One metadata entry.</summary>
    public sealed class Entry
    {
        internal Entry(string key, string? value, byte[]? valueBytes)
        {
            Key = key;
            Value = value;
            ValueBytes = valueBytes;
        }

        /// <summary>The lower-case key.</summary>
        public string Key { get; }

        /// <summary>The text value; null for binary entries.</summary>
        public string? Value { get; }

        /// <summary>The binary value; null for text entries.</summary>
        public byte[]? ValueBytes { get; }

        /// <summary>True when the key ends in <c>-bin</c> and the value is bytes.</summary>
        public bool IsBinary => ValueBytes is not null;
    }
}
