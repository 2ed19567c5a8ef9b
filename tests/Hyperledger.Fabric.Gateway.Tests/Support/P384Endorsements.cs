using System.Security.Cryptography;
using Fabric.CryptoGen;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Gateway;
using Hyperledger.Fabric.Protos.Msp;
using Hyperledger.Fabric.Protos.Peer;

namespace Hyperledger.Fabric.Gateway.Tests.Support;

/// <summary>
/// Identities on P-384 keys issued by a dev-network organisation's own CA, and endorsements re-signed by
/// such a peer identity: the dev network's peers are P-256, so a P-384 endorser is made this way.
/// </summary>
public static class P384Endorsements
{
    /// <summary>Issues a certificate on a new P-384 key from <paramref name="mspId"/>'s CA, with node OU <paramref name="ou"/>.</summary>
    public static IssuedCertificate Issue(global::Fabric.DevNetwork.DevNetwork network, string mspId, string ou, string commonName)
    {
        var org = network.Crypto.GetOrganization(mspId);
        using var ca = CertificateAuthority.Load(org.CaCertificatePath, org.CaKeyPath);
        return ca.Issue(new LeafCertificateOptions(commonName) { OrganizationalUnits = [ou], Curve = ECCurve.NamedCurves.nistP384 });
    }

    /// <summary>
    /// Replaces <paramref name="mspId"/>'s endorsement with one from <paramref name="peer"/> (an ECDSA peer
    /// certificate of that organisation, P-384 or P-256) over <paramref name="hash"/> of payload || endorser.
    /// </summary>
    public static EndorseResponse Resign(EndorseResponse response, string mspId, IssuedCertificate peer, HashAlgorithmName hash) =>
        EndorsementTampering.MapAction(response, action =>
        {
            var endorser = new SerializedIdentity { Mspid = mspId, IdBytes = ByteString.CopyFromUtf8(peer.CertificatePem) }.ToByteString();
            var signed = action.ProposalResponsePayload.Concat(endorser).ToArray();
            var der = peer.PrivateKey!.SignData(signed, hash, DSASignatureFormat.Rfc3279DerSequence);
            var signature = Hyperledger.Fabric.Identity.EcdsaSignatures.ToLowS(der, peer.PrivateKey.ExportParameters(false).Curve);
            var index = action.Endorsements.ToList().FindIndex(e => SerializedIdentity.Parser.ParseFrom(e.Endorser).Mspid == mspId);
            action.Endorsements[index] = new Endorsement { Endorser = endorser, Signature = ByteString.CopyFrom(signature) };
        });
}
