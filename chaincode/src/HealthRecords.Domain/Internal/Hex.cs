namespace HealthRecords.Domain.Internal;

/// <summary>Lowercase hex, the one hash spelling of the contracts.</summary>
internal static class Hex
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static List<string> Of(IReadOnlyList<ReadOnlyMemory<byte>> nodes) => nodes.Select(n => Of(n.Span)).ToList();
}
