using Google.Protobuf;

namespace Fabric.DevNetwork.Ordering.Internal;

/// <summary>
/// Fabric's block-cutting rules without the timer: an envelope larger than PreferredMaxBytes goes
/// into a block of its own (after cutting what is pending); a pending batch is cut before it would
/// grow past PreferredMaxBytes; a batch is cut when it reaches MaxMessageCount.
/// </summary>
internal sealed class BlockCutter(BatchOptions options)
{
    private List<ByteString> _pending = [];
    private long _pendingBytes;

    public int PendingCount => _pending.Count;

    /// <summary>Adds an envelope; returns the batches (zero, one or two) that must be written now, in order.</summary>
    public List<IReadOnlyList<ByteString>> Ordered(ByteString envelope)
    {
        var batches = new List<IReadOnlyList<ByteString>>();
        if (envelope.Length > options.PreferredMaxBytes)
        {
            if (_pending.Count > 0)
            {
                batches.Add(Cut());
            }

            batches.Add([envelope]);
            return batches;
        }

        if (_pendingBytes + envelope.Length > options.PreferredMaxBytes && _pending.Count > 0)
        {
            batches.Add(Cut());
        }

        _pending.Add(envelope);
        _pendingBytes += envelope.Length;
        if (_pending.Count >= options.MaxMessageCount)
        {
            batches.Add(Cut());
        }

        return batches;
    }

    /// <summary>Takes the pending batch (possibly empty).</summary>
    public IReadOnlyList<ByteString> Cut()
    {
        var batch = _pending;
        _pending = [];
        _pendingBytes = 0;
        return batch;
    }
}
