namespace Fabric.DevNetwork;

/// <summary>
/// A private data collection of a chaincode definition: one entry of Fabric's
/// <c>collections_config.json</c> (the <c>StaticCollectionConfig</c> message). Only member
/// organisations' peers store the collection's values; every peer stores their hashes.
/// </summary>
public sealed record CollectionDefinition
{
    /// <summary>The collection name, for example <c>patientDetails</c>. Required.</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Which organisations are members, as a signature policy: <c>OR('Org1MSP.member')</c>. A peer is a
    /// member when its own identity satisfies it. Required.
    /// </summary>
    public required string MemberOrgsPolicy { get; init; }

    /// <summary>
    /// Other member peers that must receive the private data before the endorsing peer endorses; with fewer
    /// up, the endorsement fails as Fabric's ("required to disseminate to at least N peers"). Default 0.
    /// </summary>
    public int RequiredPeerCount { get; init; }

    /// <summary>Other member peers the endorsing peer hands the private data to at most; the rest reconcile it after commit. Default 1.</summary>
    public int MaxPeerCount { get; init; } = 1;

    /// <summary>Blocks after which a value expires; 0 (the default) keeps values until deleted or purged.</summary>
    public ulong BlockToLive { get; init; }

    /// <summary>Whether only member clients may read values through the chaincode. Default false, as in Fabric.</summary>
    public bool MemberOnlyRead { get; init; }

    /// <summary>Whether only member clients may write values through the chaincode. Default false, as in Fabric.</summary>
    public bool MemberOnlyWrite { get; init; }

    /// <summary>
    /// The collection's own endorsement policy as a signature policy (collections_config.json's
    /// <c>endorsementPolicy.signaturePolicy</c>), for example <c>OR('Org1MSP.peer')</c>: a transaction that
    /// writes the collection must satisfy it instead of the chaincode's policy. Default null: the
    /// chaincode's policy applies. At most one of this and <see cref="EndorsementPolicyReference"/>.
    /// </summary>
    public string? EndorsementPolicy { get; init; }

    /// <summary>
    /// The collection's endorsement policy as a channel configuration policy (collections_config.json's
    /// <c>endorsementPolicy.channelConfigPolicy</c>), for example <c>/Channel/Application/Endorsement</c>
    /// (a path without the leading slash is relative to <c>/Channel</c>). Default null.
    /// </summary>
    public string? EndorsementPolicyReference { get; init; }

    /// <summary>The parsed <see cref="MemberOrgsPolicy"/>.</summary>
    /// <exception cref="FormatException">The policy text is malformed.</exception>
    internal Policies.EndorsementPolicy ParseMemberPolicy() => Policies.EndorsementPolicy.Parse(MemberOrgsPolicy);

    /// <summary>The collection's endorsement policy, or null when the chaincode's applies.</summary>
    /// <exception cref="FormatException">The policy is malformed, not a signature policy, or both forms are given.</exception>
    internal Policies.EndorsementPolicy? ParseEndorsementPolicy(Policies.Internal.ChannelPolicyTree channelPolicies)
    {
        if (EndorsementPolicy is not null && EndorsementPolicyReference is not null)
        {
            throw new FormatException($"collection {Name} gives both a signature endorsement policy and a channel config policy reference");
        }

        if (EndorsementPolicyReference is not null)
        {
            return new Policies.Internal.ChannelPolicyReference(channelPolicies, EndorsementPolicyReference);
        }

        if (EndorsementPolicy is null)
        {
            return null;
        }

        // Fabric keeps the collection's policy as a SignaturePolicyEnvelope; writing it proves the text is one
        var policy = Policies.EndorsementPolicy.Parse(EndorsementPolicy);
        return Policies.EndorsementPolicy.FromSignaturePolicyEnvelope(Policies.Internal.SignaturePolicyWriter.Write(policy));
    }
}
