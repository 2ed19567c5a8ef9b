using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ledger.Internal;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>Turns a valid transaction's write sets into per-key updates (used by commit and by recovery).</summary>
internal static class UpdateBuilder
{
    public static List<KeyUpdate> ForTransaction(ParsedTransaction transaction, ulong blockNumber, int transactionIndex)
    {
        var version = new StateVersion(blockNumber, (ulong)transactionIndex);
        var timestamp = transaction.ChannelHeader?.Timestamp ?? new Timestamp();
        var updates = new List<KeyUpdate>();
        foreach (var (ns, rwSet) in transaction.StateRwSets)
        {
            var byKey = new Dictionary<string, KeyUpdate>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var write in rwSet.Writes)
            {
                if (!byKey.ContainsKey(write.Key))
                {
                    order.Add(write.Key);
                }

                byKey[write.Key] = new KeyUpdate(ns, write.Key, version, transaction.TxId, timestamp, true, write.IsDelete, write.Value, null);
            }

            foreach (var metadataWrite in rwSet.MetadataWrites)
            {
                var metadata = metadataWrite.Entries.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
                if (byKey.TryGetValue(metadataWrite.Key, out var existing))
                {
                    byKey[metadataWrite.Key] = existing with { Metadata = metadata };
                }
                else
                {
                    order.Add(metadataWrite.Key);
                    byKey[metadataWrite.Key] = new KeyUpdate(ns, metadataWrite.Key, version, transaction.TxId, timestamp, false, false, ByteString.Empty, metadata);
                }
            }

            updates.AddRange(order.Select(k => byKey[k]));
        }

        return updates;
    }
}
