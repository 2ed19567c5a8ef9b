using Fabric.DevNetwork.Policies;

namespace Fabric.DevNetwork.Chaincode.Internal;

/// <summary>
/// The collection checks of one simulation, as Fabric's chaincode handler makes them: the collection
/// must be defined, the creator must be a member for reads under <c>memberOnlyRead</c> and writes under
/// <c>memberOnlyWrite</c>, and only a member peer holds the values.
/// </summary>
internal sealed class CollectionRules
{
    private static readonly IReadOnlySet<PrincipalRole> NoRoles = new HashSet<PrincipalRole>();

    private readonly string _channelId;
    private readonly string _chaincode;
    private readonly Dictionary<string, (CollectionDefinition Definition, EndorsementPolicy Members)> _collections;
    private readonly IReadOnlyCollection<string> _channelMspIds;
    private readonly string _peerMspId;
    private readonly string? _creatorMspId;

    public CollectionRules(string channelId, ChaincodeDefinition chaincode, IReadOnlyCollection<string> channelMspIds, string peerMspId, string? creatorMspId)
    {
        _channelId = channelId;
        _chaincode = chaincode.Name;
        _collections = chaincode.Collections.ToDictionary(c => c.Name, c => (c, c.ParseMemberPolicy()), StringComparer.Ordinal);
        _channelMspIds = channelMspIds;
        _peerMspId = peerMspId;
        _creatorMspId = creatorMspId;
    }

    /// <summary>Fabric's refusal of a collection the definition does not name.</summary>
    public string? MissingCollection(string collection) =>
        _collections.ContainsKey(collection) ? null : $"collection {_channelId}/{_chaincode}/{collection} could not be found";

    public bool PeerIsMember(string collection) => IsMember(collection, _peerMspId);

    public string? ReadRefusal(string collection) =>
        MissingCollection(collection)
        ?? (_collections[collection].Definition.MemberOnlyRead && !IsMember(collection, _creatorMspId)
            ? $"tx creator does not have read access permission on privatedata in chaincodeName:{_chaincode} collectionName: {collection}"
            : null);

    public string? WriteRefusal(string collection) =>
        MissingCollection(collection)
        ?? (_collections[collection].Definition.MemberOnlyWrite && !IsMember(collection, _creatorMspId)
            ? $"tx creator does not have write access permission on privatedata in chaincodeName:{_chaincode} collectionName: {collection}"
            : null);

    private bool IsMember(string collection, string? mspId) =>
        mspId is not null
        && _collections.TryGetValue(collection, out var entry)
        && entry.Members.IsSatisfiedBy([new PolicyIdentity(mspId, NoRoles, mspId)], _channelMspIds);
}
