using System.Security.Cryptography;
using Fabric.CryptoGen;
using Fabric.DevNetwork.Peers.Internal;
using Fabric.DevNetwork.Policies.Internal;
using Fabric.DevNetwork.Tests.Ledger.Support;
using Fabric.DevNetwork.Validation.Internal;
using Hyperledger.Fabric.Identity;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Peer;
using TestSupport;

namespace Fabric.DevNetwork.Tests.Validation;

/// <summary>
/// The dev network's MSP hash rule: signed bytes are hashed with the hash family's 256-bit hash
/// (SHA-256 for SHA2, SHA3-256 for SHA3) whatever the key's curve, as Fabric's msp/identities.go does.
/// </summary>
[Collection(NetworkMaterialCollection.Name)]
public sealed class MspHashRuleTests(NetworkMaterial material)
{
    private static readonly byte[] s_message = "a proposal's bytes"u8.ToArray();

    [Fact]
    public void CheckSignedData_P384CreatorSignsSha256_Accepted()
    {
        using var user = Issue(material.Org1, "client", "p384-good@org1.example.com");
        var members = new ChannelMembers(material.Verifiers, MspHashFamily.Sha2, Policies(), TimeProvider.System);

        var problem = members.CheckSignedData(Creator(user), s_message, Sign(user, HashAlgorithmName.SHA256), ChannelAccess.Writers, out _);

        Assert.Null(problem);
    }

    [Fact]
    public void CheckSignedData_P384CreatorSignsSha384_RefusedNamingHashRule()
    {
        using var user = Issue(material.Org1, "client", "p384-bad@org1.example.com");
        var members = new ChannelMembers(material.Verifiers, MspHashFamily.Sha2, Policies(), TimeProvider.System);

        var problem = members.CheckSignedData(Creator(user), s_message, Sign(user, HashAlgorithmName.SHA384), ChannelAccess.Writers, out _);

        Assert.Equal("the signature was made over SHA-384 of the message, but MSP hash family SHA2 signs SHA-256 of it whatever the key's curve", problem);
    }

    [Fact]
    public void CheckSignedData_Sha3FamilyCreatorSignsSha256_RefusedNamingHashRule()
    {
        Assert.True(SHA3_256.IsSupported, "SHA-3 is needed for the SHA3 hash family (OpenSSL 1.1.1 or later)");
        using var user = Issue(material.Org1, "client", "sha3-family@org1.example.com");
        var members = new ChannelMembers(material.Verifiers, MspHashFamily.Sha3, Policies(), TimeProvider.System);

        Assert.Null(members.CheckSignedData(Creator(user), s_message, Sign(user, HashAlgorithmName.SHA3_256), ChannelAccess.Writers, out _));
        Assert.Equal(
            "the signature was made over SHA-256 of the message, but MSP hash family SHA3 signs SHA3-256 of it whatever the key's curve",
            members.CheckSignedData(Creator(user), s_message, Sign(user, HashAlgorithmName.SHA256), ChannelAccess.Writers, out _));
    }

    [Fact]
    public void CheckSignedData_HighSSignature_RefusedAsHighS()
    {
        using var user = Issue(material.Org1, "client", "high-s@org1.example.com");
        var members = new ChannelMembers(material.Verifiers, MspHashFamily.Sha2, Policies(), TimeProvider.System);
        var lowS = Sign(user, HashAlgorithmName.SHA256);

        var problem = members.CheckSignedData(Creator(user), s_message, ByteString.CopyFrom(FlipS(lowS.ToByteArray())), ChannelAccess.Writers, out _);

        Assert.Equal("the signature is high-S (s > n/2); Fabric accepts only low-S signatures", problem);
    }

    [Fact]
    public async Task Commit_P384CreatorAndP384EndorserSignSha256_Valid()
    {
        using var client = Issue(material.Org1, "client", "p384-creator@org1.example.com");
        using var peer = Issue(material.Org2, "peer", "peer9.org2.example.com");
        await using var harness = await ChannelHarness.StartAsync(material);
        var transaction = new TestTransaction(Signing(material.Org1.MspId, client), material.Org1Peer, Signing(material.Org2.MspId, peer)).Write("p384", "v");

        var commit = await harness.SubmitAndWaitAsync(transaction);

        Assert.Equal(TxValidationCode.Valid, commit.Code);
    }

    /// <summary>The channel policies of our configtx.yaml, from the config block the dev network writes.</summary>
    private ChannelPolicyTree Policies() =>
        ChannelPolicyTree.FromConfig(global::Fabric.DevNetwork.Configuration.ChannelConfigBuilder.Build(material.Material, new global::Fabric.DevNetwork.Ordering.BatchOptions()));

    private static IssuedCertificate Issue(OrganizationMaterial org, string ou, string commonName)
    {
        using var ca = CertificateAuthority.Load(org.CaCertificatePath, org.CaKeyPath);
        return ca.Issue(new LeafCertificateOptions(commonName) { OrganizationalUnits = [ou], Curve = ECCurve.NamedCurves.nistP384 });
    }

    private ByteString Creator(IssuedCertificate user) =>
        ByteString.CopyFrom(X509Identity.FromPem(material.Org1.MspId, user.CertificatePem).ToSerializedIdentity());

    private static SigningIdentity Signing(string mspId, IssuedCertificate issued) =>
        new(X509Identity.FromPem(mspId, issued.CertificatePem), Signers.FromPrivateKey(issued.PrivateKey!));

    private static ByteString Sign(IssuedCertificate user, HashAlgorithmName hash) =>
        ByteString.CopyFrom(EcdsaSignatures.ToLowS(
            user.PrivateKey!.SignData(s_message, hash, DSASignatureFormat.Rfc3279DerSequence), ECCurve.NamedCurves.nistP384));

    private static byte[] FlipS(byte[] der)
    {
        var reader = new System.Formats.Asn1.AsnReader(der, System.Formats.Asn1.AsnEncodingRules.DER).ReadSequence();
        var r = reader.ReadInteger();
        var s = reader.ReadInteger();
        var order = System.Numerics.BigInteger.Parse(
            "0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973",
            System.Globalization.NumberStyles.HexNumber,
            System.Globalization.CultureInfo.InvariantCulture);
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(r);
            writer.WriteInteger(order - s);
        }

        return writer.Encode();
    }
}
