namespace Fabric.DevNetwork.Ordering;

/// <summary>
/// When the ordering service cuts a block. Defaults are those of Fabric's test network
/// (configtx.yaml: BatchTimeout 2s, MaxMessageCount 10, AbsoluteMaxBytes 99 MB, PreferredMaxBytes 512 KB).
/// </summary>
public sealed record BatchOptions
{
    /// <summary>A block is cut when it holds this many envelopes. Default 10.</summary>
    public int MaxMessageCount { get; init; } = 10;

    /// <summary>An envelope larger than this is rejected at submit. Default 99 MB.</summary>
    public int AbsoluteMaxBytes { get; init; } = 99 * 1024 * 1024;

    /// <summary>
    /// A block is cut before it would grow past this many envelope bytes; an envelope larger than this
    /// on its own goes into a block by itself. Default 512 KB.
    /// </summary>
    public int PreferredMaxBytes { get; init; } = 512 * 1024;

    /// <summary>A pending, non-empty batch is cut this long after its first envelope arrived. Default 2 s.</summary>
    public TimeSpan BatchTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Throws <see cref="ArgumentException"/> when a value is out of range.</summary>
    public void Validate()
    {
        if (MaxMessageCount < 1)
        {
            throw new ArgumentException("MaxMessageCount must be at least 1.", nameof(MaxMessageCount));
        }

        if (PreferredMaxBytes < 1 || AbsoluteMaxBytes < PreferredMaxBytes)
        {
            throw new ArgumentException("Need 0 < PreferredMaxBytes <= AbsoluteMaxBytes.", nameof(PreferredMaxBytes));
        }

        if (BatchTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("BatchTimeout must be positive.", nameof(BatchTimeout));
        }
    }
}
