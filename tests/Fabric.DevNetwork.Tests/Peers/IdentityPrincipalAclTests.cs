using System.Security.Cryptography;
using Fabric.CryptoGen;
using Fabric.DevNetwork.Peers.Internal;
using Fabric.DevNetwork.Policies.Internal;
using Fabric.DevNetwork.Tests.Ledger.Support;
using Google.Protobuf;
using Hyperledger.Fabric.Identity;
using Hyperledger.Fabric.Protos.Common;
using Hyperledger.Fabric.Protos.Msp;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Peers;

/// <summary>
/// A channel policy whose principal is one identity (MSPPrincipal IDENTITY, a serialized certificate) admits
/// that certificate's holder in the endorser's, orderer's and gateway's signed-data checks, and no one else of
/// the same organisation and role, as Fabric's signature policies do.
/// </summary>
[Collection(NetworkMaterialCollection.Name)]
public sealed class IdentityPrincipalAclTests(NetworkMaterial material)
{
    private static readonly byte[] s_message = "a proposal's bytes"u8.ToArray();

    [Fact]
    public void CheckSignedData_WritersNameOneIdentity_AdmitsItsHolderOnly()
    {
        using var named = Issue("named@org1.example.com");
        using var other = Issue("other@org1.example.com");
        var members = new ChannelMembers(material.Verifiers, MspHashFamily.Sha2, PoliciesWithWritersSignedBy(named), TimeProvider.System);

        var namedProblem = members.CheckSignedData(Creator(named), s_message, Sign(named), ChannelAccess.Writers, out var namedUnsatisfied);
        var otherProblem = members.CheckSignedData(Creator(other), s_message, Sign(other), ChannelAccess.Writers, out var otherUnsatisfied);

        Assert.Null(namedProblem);
        Assert.False(namedUnsatisfied);
        Assert.NotNull(otherProblem);
        Assert.True(otherUnsatisfied);
    }

    [Fact]
    public void CheckAclOfVerifiedCreator_WritersNameOneIdentity_AdmitsItsHolderOnly()
    {
        using var named = Issue("acl-named@org1.example.com");
        using var other = Issue("acl-other@org1.example.com");
        var members = new ChannelMembers(material.Verifiers, MspHashFamily.Sha2, PoliciesWithWritersSignedBy(named), TimeProvider.System);
        const string resource = "peer/Propose";
        Assert.Equal(ChannelPolicyTree.Absolute("/Channel/Application/Writers"), ChannelPolicyTree.Absolute(members.Acls.Resolve(resource).Path));

        Assert.Null(members.CheckAclOfVerifiedCreator(resource, Creator(named), out _, out var namedUnsatisfied));
        Assert.False(namedUnsatisfied);
        Assert.NotNull(members.CheckAclOfVerifiedCreator(resource, Creator(other), out _, out var otherUnsatisfied));
        Assert.True(otherUnsatisfied);
    }

    /// <summary>Our configtx.yaml's channel policies, with /Channel/Application/Writers replaced by SignedBy(<paramref name="holder"/>).</summary>
    private ChannelPolicyTree PoliciesWithWritersSignedBy(IssuedCertificate holder)
    {
        var config = global::Fabric.DevNetwork.Configuration.ChannelConfigBuilder.Build(material.Material, new global::Fabric.DevNetwork.Ordering.BatchOptions());
        var envelope = new SignaturePolicyEnvelope
        {
            Rule = new SignaturePolicy { SignedBy = 0 },
            Identities =
            {
                new MSPPrincipal { PrincipalClassification = MSPPrincipal.Types.Classification.Identity, Principal = Creator(holder) },
            },
        };
        config.ChannelGroup.Groups["Application"].Policies["Writers"].Policy = new Policy
        {
            Type = (int)Policy.Types.PolicyType.Signature,
            Value = envelope.ToByteString(),
        };
        return ChannelPolicyTree.FromConfig(config);
    }

    private IssuedCertificate Issue(string commonName)
    {
        using var ca = CertificateAuthority.Load(material.Org1.CaCertificatePath, material.Org1.CaKeyPath);
        return ca.Issue(new LeafCertificateOptions(commonName) { OrganizationalUnits = ["client"] });
    }

    private ByteString Creator(IssuedCertificate user) =>
        ByteString.CopyFrom(X509Identity.FromPem(material.Org1.MspId, user.CertificatePem).ToSerializedIdentity());

    private static ByteString Sign(IssuedCertificate user) =>
        ByteString.CopyFrom(EcdsaSignatures.ToLowS(
            user.PrivateKey!.SignData(s_message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), ECCurve.NamedCurves.nistP256));
}
