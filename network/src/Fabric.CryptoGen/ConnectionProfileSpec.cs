namespace Fabric.CryptoGen;

/// <summary>What <see cref="ConnectionProfileWriter"/> puts in a connection profile (docs/connection-profile.md).</summary>
/// <param name="Material">The crypto material: organisations, peers, TLS CAs and users.</param>
/// <param name="PeerUrls">Every peer's URL by peer name, e.g. <c>peer0.org1.example.com</c> → <c>grpcs://127.0.0.1:7051</c>.</param>
public sealed record ConnectionProfileSpec(CryptoMaterial Material, IReadOnlyDictionary<string, string> PeerUrls)
{
    /// <summary>The profile's <c>name</c>; default <c>healthrecords-dev</c>.</summary>
    public string Name { get; init; } = "healthrecords-dev";

    /// <summary>The channel (<c>x-hrec.channel</c> and <c>channels</c>); default <c>healthchannel</c>.</summary>
    public string Channel { get; init; } = "healthchannel";

    /// <summary>The chaincode (<c>x-hrec.chaincode</c>); default <c>healthrecords</c>.</summary>
    public string Chaincode { get; init; } = "healthrecords";

    /// <summary>The organisation in <c>client.organization</c> (a name such as <c>Org1</c>); default the first peer organisation.</summary>
    public string? ClientOrganization { get; init; }

    /// <summary>The peer endorsement timeout in seconds written to <c>client.connection.timeout.peer.endorser</c>; default 300.</summary>
    public int EndorserTimeoutSeconds { get; init; } = 300;
}
