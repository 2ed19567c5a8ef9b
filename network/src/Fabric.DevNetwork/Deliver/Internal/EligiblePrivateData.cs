using Fabric.DevNetwork.Peers.Internal;
using Fabric.DevNetwork.Policies;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Ledger.Rwset;

namespace Fabric.DevNetwork.Deliver.Internal;

/// <summary>
/// A peer's private data as DeliverWithPrivateData hands it out, following Fabric's
/// <c>core/peer/deliverevents.go</c>: the private write sets the peer holds for the block (its own
/// collections only, without purged or expired values), and of those only the collections the
/// requester may read: every collection without <c>memberOnlyRead</c>, and a <c>memberOnlyRead</c>
/// collection when the requester's organisation satisfies its member policy.
/// </summary>
internal sealed class EligiblePrivateData : IBlockPrivateDataSource
{
    private static readonly IReadOnlySet<PrincipalRole> NoRoles = new HashSet<PrincipalRole>();

    private readonly Func<ulong, IReadOnlyDictionary<ulong, TxPvtReadWriteSet>> _stored;
    private readonly ChannelMembers _members;
    private readonly Dictionary<(string Namespace, string Collection), (bool MemberOnlyRead, EndorsementPolicy Members)> _collections = [];

    /// <param name="stored">The peer's committed private write sets of a block, by transaction index.</param>
    /// <param name="chaincodes">The channel's chaincode definitions with their collections.</param>
    /// <param name="members">The channel's organisations (the requester was already checked against Readers).</param>
    public EligiblePrivateData(Func<ulong, IReadOnlyDictionary<ulong, TxPvtReadWriteSet>> stored, IEnumerable<ChaincodeDefinition> chaincodes, ChannelMembers members)
    {
        _stored = stored;
        _members = members;
        foreach (var chaincode in chaincodes)
        {
            foreach (var collection in chaincode.Collections)
            {
                _collections[(chaincode.Name, collection.Name)] = (collection.MemberOnlyRead, collection.ParseMemberPolicy());
            }
        }
    }

    public IReadOnlyDictionary<ulong, TxPvtReadWriteSet> GetPrivateData(ulong blockNumber, ByteString requester)
    {
        var result = new Dictionary<ulong, TxPvtReadWriteSet>();
        var stored = _stored(blockNumber);
        if (stored.Count == 0)
        {
            return result;
        }

        var mspId = _members.KnownMspIdOf(requester);
        foreach (var (index, set) in stored)
        {
            var eligible = new TxPvtReadWriteSet { DataModel = set.DataModel };
            foreach (var ns in set.NsPvtRwset)
            {
                var kept = ns.CollectionPvtRwset.Where(c => MayRead(ns.Namespace, c.CollectionName, mspId)).ToList();
                if (kept.Count > 0)
                {
                    eligible.NsPvtRwset.Add(new NsPvtReadWriteSet { Namespace = ns.Namespace, CollectionPvtRwset = { kept } });
                }
            }

            if (eligible.NsPvtRwset.Count > 0)
            {
                result[index] = eligible;
            }
        }

        return result;
    }

    private bool MayRead(string ns, string collection, string? mspId)
    {
        if (!_collections.TryGetValue((ns, collection), out var entry))
        {
            return false; // Fabric refuses a collection it has no config for
        }

        return !entry.MemberOnlyRead
            || (mspId is not null && entry.Members.IsSatisfiedBy([new PolicyIdentity(mspId, NoRoles, mspId)], _members.MspIds));
    }
}
