using Fabric.DevNetwork.Policies;

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

    /// <summary>Peers the endorsing peer must hand the private data to before it endorses. Default 0.</summary>
    public int RequiredPeerCount { get; init; }

    /// <summary>Peers the endorsing peer hands the private data to at most. Default 1.</summary>
    public int MaxPeerCount { get; init; } = 1;

    /// <summary>Blocks after which a value expires; 0 (the default) keeps values until deleted or purged.</summary>
    public ulong BlockToLive { get; init; }

    /// <summary>Whether only member clients may read values through the chaincode. Default false, as in Fabric.</summary>
    public bool MemberOnlyRead { get; init; }

    /// <summary>Whether only member clients may write values through the chaincode. Default false, as in Fabric.</summary>
    public bool MemberOnlyWrite { get; init; }

    /// <summary>The parsed <see cref="MemberOrgsPolicy"/>.</summary>
    /// <exception cref="FormatException">The policy text is malformed.</exception>
    internal EndorsementPolicy ParseMemberPolicy() => EndorsementPolicy.Parse(MemberOrgsPolicy);
}
