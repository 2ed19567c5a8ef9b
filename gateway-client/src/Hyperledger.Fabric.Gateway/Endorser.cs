using Hyperledger.Fabric.Identity;

namespace Hyperledger.Fabric.Gateway;

/// <summary>A peer whose endorsement of a verifiable read was checked.</summary>
/// <param name="MspId">The peer's organisation.</param>
/// <param name="Identity">The peer's certificate identity, validated against its organisation's CA.</param>
/// <param name="Signature">The peer's DER signature over the response payload and its identity.</param>
public sealed record Endorser(string MspId, X509Identity Identity, ReadOnlyMemory<byte> Signature);
