namespace Fabric.DevNetwork;

/// <summary>
/// A chaincode approved and committed on the dev network's channel, run as a service: the peers dial
/// <see cref="Address"/> and drive the chaincode over <c>protos.Chaincode/Connect</c>, as a Fabric
/// peer does with a <c>ccaas</c> package's connection.json.
/// </summary>
public sealed record ChaincodeDefinition
{
    /// <summary>The chaincode name (also the read-write set namespace), for example <c>healthrecords</c>. Required.</summary>
    public required string Name { get; init; }

    /// <summary>The definition's version, reported in each endorsement's <c>ChaincodeAction.chaincode_id</c>. Default <c>1.0</c>.</summary>
    public string Version { get; init; } = "1.0";

    /// <summary>
    /// The package id the chaincode must REGISTER with (its <c>CHAINCODE_ID</c>), as a Fabric peer expects the id
    /// of the package it installed for this definition (<c>label:sha256</c>). Default
    /// <c>{Name}_{Version}:dev</c>, for example <c>healthrecords_1.0:dev</c>. A chaincode that registers with
    /// another id is refused (Fabric's peer does not recognise it and the launch times out).
    /// </summary>
    public string PackageId
    {
        get => _packageId ?? $"{Name}_{Version}:dev";
        init => _packageId = value;
    }

    private readonly string? _packageId;

    /// <summary>The chaincode server, <c>host:port</c> (plaintext HTTP/2). Required.</summary>
    public required string Address { get; init; }

    /// <summary>
    /// The endorsement policy, in Fabric's syntax (<c>AND('Org1MSP.peer','Org2MSP.peer')</c>, <c>OR(...)</c>,
    /// <c>OutOf(n, ...)</c>) or <c>MAJORITY</c>/<c>ANY</c>/<c>ALL</c>. Null (the default) means the channel's
    /// default, a majority of the organisations, like Fabric.
    /// </summary>
    public string? EndorsementPolicy { get; init; }

    /// <summary>
    /// The batching the peers offer this chaincode in READY: null (the default) behaves like Fabric 2.5
    /// (empty READY, single requests only); <see cref="ChaincodeBatchingOptions.Fabric3"/> like Fabric 3.x.
    /// </summary>
    public ChaincodeBatchingOptions? Batching { get; init; }

    /// <summary>
    /// The chaincode's private data collections (Fabric's <c>--collections-config</c>). Default none: a
    /// chaincode that uses a collection not listed here is refused, as on Fabric.
    /// </summary>
    public IReadOnlyList<CollectionDefinition> Collections { get; init; } = [];
}
