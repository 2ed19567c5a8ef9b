using Fabric.DevNetwork.Ledger;
using Fabric.DevNetwork.Ledger.Internal;
using Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset;
using Hyperledger.Fabric.Protos.Peer;

namespace Fabric.DevNetwork.Validation.Internal;

/// <summary>
/// Fabric's MVCC checks: every point read must see the version that is committed now and must not
/// have been written by an earlier valid transaction of the same block; every range read is
/// re-executed over committed state plus those earlier writes and must give the same keys and
/// versions (otherwise a phantom).
/// </summary>
internal static class MvccValidator
{
    public static TxValidationCode Check(ParsedTransaction transaction, ILedgerSnapshot state, PendingUpdates pending)
    {
        foreach (var (ns, rwSet) in transaction.StateRwSets)
        {
            foreach (var read in rwSet.Reads)
            {
                if (!ReadIsCurrent(ns, read, state, pending))
                {
                    return TxValidationCode.MvccReadConflict;
                }
            }

            foreach (var range in rwSet.RangeQueriesInfo)
            {
                if (range.ReadsInfoCase == RangeQueryInfo.ReadsInfoOneofCase.ReadsMerkleHashes)
                {
                    // the dev network's peers always record raw reads; a summary cannot be re-checked here
                    return TxValidationCode.InvalidOtherReason;
                }

                if (!RangeIsUnchanged(ns, range, state, pending))
                {
                    return TxValidationCode.PhantomReadConflict;
                }
            }
        }

        return TxValidationCode.Valid;
    }

    private static bool ReadIsCurrent(string ns, KVRead read, ILedgerSnapshot state, PendingUpdates pending)
    {
        if (pending.TryGet(ns, read.Key, out _))
        {
            return false;
        }

        var committed = state.GetState(ns, read.Key);
        if (committed is null || read.Version is null)
        {
            return committed is null && read.Version is null;
        }

        return committed.Version == ToVersion(read.Version);
    }

    private static bool RangeIsUnchanged(string ns, RangeQueryInfo range, ILedgerSnapshot state, PendingUpdates pending)
    {
        var reads = range.RawReads?.KvReads ?? [];
        var endKey = range.EndKey;
        var includeEnd = false;
        if (!range.ItrExhausted)
        {
            if (reads.Count == 0)
            {
                return true;
            }

            // the chaincode stopped early: only the part of the range it saw must be unchanged
            endKey = reads[^1].Key;
            includeEnd = true;
        }

        using var current = Merge(ns, range.StartKey, endKey, includeEnd, state, pending).GetEnumerator();
        foreach (var read in reads)
        {
            if (!current.MoveNext()
                || current.Current.Key != read.Key
                || read.Version is null
                || current.Current.Version != ToVersion(read.Version))
            {
                return false;
            }
        }

        return !current.MoveNext();
    }

    private static IEnumerable<(string Key, StateVersion Version)> Merge(
        string ns, string startKey, string endKey, bool includeEnd, ILedgerSnapshot state, PendingUpdates pending)
    {
        var order = KeyOrder.Instance;
        var updates = pending.InRange(ns, startKey, endKey, includeEnd);
        var committed = state.GetStateRange(ns, startKey, includeEnd ? string.Empty : endKey)
            .TakeWhile(e => !includeEnd || order.Compare(e.Key, endKey) <= 0);
        var u = 0;
        foreach (var entry in committed)
        {
            while (u < updates.Count && order.Compare(updates[u].Key, entry.Key) < 0)
            {
                if (Present(updates[u]))
                {
                    yield return (updates[u].Key, updates[u].Version);
                }

                u++;
            }

            if (u < updates.Count && updates[u].Key == entry.Key)
            {
                if (Present(updates[u]))
                {
                    yield return (entry.Key, updates[u].Version);
                }

                u++;
                continue;
            }

            yield return (entry.Key, entry.Value.Version);
        }

        for (; u < updates.Count; u++)
        {
            if (Present(updates[u]))
            {
                yield return (updates[u].Key, updates[u].Version);
            }
        }
    }

    private static bool Present(KeyUpdate update) => !(update.HasValueWrite && update.IsDelete);

    private static StateVersion ToVersion(Hyperledger.Fabric.Protos.Ledger.Rwset.Kvrwset.Version version) =>
        new(version.BlockNum, version.TxNum);
}
