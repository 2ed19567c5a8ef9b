using Fabric.DevNetwork.Ledger.Internal;
using Hyperledger.Fabric.Protos.Ledger.Rwset;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// The read-write sets of one transaction across the chaincodes it reaches: the invoked chaincode's
/// and those it calls with InvokeChaincode, each under its own namespace, as Fabric's one transaction
/// simulator records them. Namespaces are emitted in sorted order.
/// </summary>
internal sealed class TransactionRwSets
{
    private readonly SortedDictionary<string, (ReadWriteSetBuilder Public, PrivateReadWriteSetBuilder Private)> _namespaces = new(StringComparer.Ordinal);

    public ReadWriteSetBuilder Public(string ns) => Get(ns).Public;

    public PrivateReadWriteSetBuilder Private(string ns) => Get(ns).Private;

    /// <summary>
    /// Records the read of <paramref name="chaincodeName"/>'s definition that Fabric's peer makes through the
    /// simulator before it runs a chaincode (CheckInvocation), for the invoked and for each called chaincode.
    /// Only defined chaincodes run, and their definitions never change after genesis.
    /// </summary>
    public void AddDefinitionRead(string chaincodeName) =>
        Public(LifecycleState.Namespace).AddRead(LifecycleState.SequenceKey(chaincodeName), LifecycleState.SequenceValue);

    public TxReadWriteSet Build()
    {
        var result = new TxReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
        foreach (var (_, (publicSet, privateSet)) in _namespaces)
        {
            result.NsRwset.AddRange(publicSet.Build(privateSet).NsRwset);
        }

        return result;
    }

    /// <summary>The private write sets of every namespace, or null when nothing private was written.</summary>
    public TxPvtReadWriteSet? BuildPrivate()
    {
        TxPvtReadWriteSet? result = null;
        foreach (var (ns, (_, privateSet)) in _namespaces)
        {
            if (privateSet.BuildPrivate(ns) is { } set)
            {
                result ??= new TxPvtReadWriteSet { DataModel = TxReadWriteSet.Types.DataModel.Kv };
                result.NsPvtRwset.AddRange(set.NsPvtRwset);
            }
        }

        return result;
    }

    private (ReadWriteSetBuilder Public, PrivateReadWriteSetBuilder Private) Get(string ns)
    {
        if (!_namespaces.TryGetValue(ns, out var sets))
        {
            sets = (new ReadWriteSetBuilder(ns), new PrivateReadWriteSetBuilder());
            _namespaces[ns] = sets;
        }

        return sets;
    }
}
