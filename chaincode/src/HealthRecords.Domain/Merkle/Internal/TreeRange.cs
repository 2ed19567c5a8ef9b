namespace HealthRecords.Domain.Merkle.Internal;

/// <summary>The leaves [Start, End) of a tree: the D[Start:End] of RFC 9162.</summary>
internal readonly record struct TreeRange(long Start, long End)
{
    public long Length => End - Start;
}
