using Hyperledger.Fabric.Identity;

namespace Fabric.DevNetwork.Ordering;

/// <summary>One peer's own ledger of the channel: where it lives and how its committer behaves.</summary>
public sealed record PeerLedgerOptions
{
    /// <summary>The peer's name, for example <c>peer0.org1.example.com</c>. Required.</summary>
    public required string Name { get; init; }

    /// <summary>Folder of the peer's copy of the channel (its <c>blocks.dat</c>, created if missing). Required.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>The fault hook's initial lag: the peer commits each block at the earliest this long after the orderer stored it. Default zero.</summary>
    public TimeSpan CommitLag { get; init; }

    /// <summary>
    /// The peer's organisation, which decides the private data collections it is a member of. Null (the
    /// default): the peer keeps no private data, only the hashes every peer has.
    /// </summary>
    public string? MspId { get; init; }

    /// <summary>
    /// The peer's own identity, which signs its Deliver requests to the orderer's endpoint (the orderer's
    /// Readers policy admits peers). Required when the channel has an <see cref="OrderedChannelOptions.Endpoint"/>.
    /// </summary>
    public X509Identity? DeliverIdentity { get; init; }

    /// <summary>The signer of <see cref="DeliverIdentity"/>. Required with it.</summary>
    public ISigner? DeliverSigner { get; init; }
}
