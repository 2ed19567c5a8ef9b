using Fabric.DevNetwork.Policies;

namespace Fabric.DevNetwork.Ledger.Internal;

/// <summary>What one peer's committer needs for private data: its organisation, the collections, and the hand-over store.</summary>
internal sealed class PrivateDataPeer
{
    private static readonly IReadOnlySet<PrincipalRole> NoRoles = new HashSet<PrincipalRole>();
    private readonly Dictionary<(string Namespace, string Collection), bool> _membership = [];

    public PrivateDataPeer(
        string peerName, string mspId, IEnumerable<ChaincodeDefinition> chaincodes, IReadOnlyCollection<string> channelMspIds, PrivateDataTransientStore transient)
    {
        PeerName = peerName;
        MspId = mspId;
        Transient = transient;
        foreach (var chaincode in chaincodes)
        {
            foreach (var collection in chaincode.Collections)
            {
                _membership[(chaincode.Name, collection.Name)] =
                    collection.ParseMemberPolicy().IsSatisfiedBy([new PolicyIdentity(mspId, NoRoles, mspId)], channelMspIds);
            }
        }
    }

    public string PeerName { get; }

    public string MspId { get; }

    public PrivateDataTransientStore Transient { get; }

    /// <summary>Whether this peer's organisation is a member of the collection (an unknown collection: no).</summary>
    public bool IsMember(string ns, string collection) => _membership.TryGetValue((ns, collection), out var member) && member;
}
