using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <content>
/// Block-to-live, as Fabric's purge manager applies it: when block N + b + 1 commits, the hashes and the
/// values that a collection with block-to-live b holds since block N go from world state (on every peer)
/// unless that block writes the key again; the member's private data store drops those write sets. The
/// blocks keep the hashes. Recovery replays the same steps, so expiry survives a restart.
/// </content>
internal sealed partial class ChannelLedger
{
    private BlockToLive _blockToLive = BlockToLive.None;

    /// <summary>
    /// The deletes that expire data when block <paramref name="blockNumber"/> commits, given the state before
    /// it and the block's own updates (a key the block writes again does not expire).
    /// </summary>
    private List<KeyUpdate> ExpireAt(ulong blockNumber, StateSnapshot state, IReadOnlyList<KeyUpdate> blockUpdates)
    {
        var deletes = new List<KeyUpdate>();
        if (_blockToLive.IsEmpty)
        {
            return deletes;
        }

        var written = blockUpdates.Select(u => (u.Namespace, u.Key)).ToHashSet();
        foreach (var (ns, collection, _) in _blockToLive.Expiring)
        {
            foreach (var name in new[] { PrivateNamespaces.Hashed(ns, collection), PrivateNamespaces.Private(ns, collection) })
            {
                foreach (var entry in state.GetStateRange(name, string.Empty, string.Empty))
                {
                    if (_blockToLive.ExpiresBy(ns, collection, entry.Value.Version.BlockNumber, blockNumber) && !written.Contains((name, entry.Key)))
                    {
                        deletes.Add(new KeyUpdate(name, entry.Key, new StateVersion(blockNumber, 0), string.Empty, new Timestamp(), true, true, ByteString.Empty, null));
                    }
                }
            }
        }

        if (deletes.Count > 0)
        {
            LogExpired(_logger, ChannelId, blockNumber, deletes.Count);
        }

        return deletes;
    }

    [LoggerMessage(EventId = 6130, Level = LogLevel.Debug, Message = "Channel {ChannelId}: block {Number} expires {Count} private data keys and hashes (block-to-live).")]
    private static partial void LogExpired(ILogger logger, string channelId, ulong number, int count);
}
