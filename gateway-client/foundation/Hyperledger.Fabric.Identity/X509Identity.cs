using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hyperledger.Fabric.Identity.Internal;
using Google.Protobuf;
using Hyperledger.Fabric.Protos.Msp;

namespace Hyperledger.Fabric.Identity;

/// <summary>
/// An X.509 identity: an MSP ID and a certificate. <see cref="Credentials"/> are the PEM bytes sent
/// as <c>msp.SerializedIdentity.id_bytes</c>; when the identity was read from PEM or from a
/// serialized identity, those exact bytes are kept so re-serialising reproduces the input.
/// </summary>
public sealed class X509Identity : IIdentity
{
    private readonly byte[] _credentials;

    /// <summary>Creates an identity; the credentials are the certificate as Go-style PEM (64 columns, trailing newline).</summary>
    /// <param name="mspId">The MSP ID, e.g. <c>Org1MSP</c>.</param>
    /// <param name="certificate">The identity's certificate; the identity keeps a reference, not a copy.</param>
    public X509Identity(string mspId, X509Certificate2 certificate)
        : this(mspId, certificate, null)
    {
    }

    private X509Identity(string mspId, X509Certificate2 certificate, byte[]? credentials)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        ArgumentNullException.ThrowIfNull(certificate);
        MspId = mspId;
        Certificate = certificate;
        _credentials = credentials ?? PemCertificates.ToPemBytes(certificate);
        var subject = GoDistinguishedName.Format(certificate.SubjectName);
        var issuer = GoDistinguishedName.Format(certificate.IssuerName);
        SubjectDistinguishedName = subject;
        IssuerDistinguishedName = issuer;
        Id = $"x509::{subject}::{issuer}";
        EncodedId = Convert.ToBase64String(Encoding.UTF8.GetBytes(Id));
    }

    /// <inheritdoc />
    public string MspId { get; }

    /// <inheritdoc />
    public ReadOnlyMemory<byte> Credentials => _credentials;

    /// <summary>The certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>
    /// The client identity id in Fabric's form, <c>x509::&lt;subject&gt;::&lt;issuer&gt;</c>, with each
    /// DN formatted as fabric-chaincode-go's <c>cid</c> package does, e.g.
    /// <c>x509::CN=User1@org1.example.com,OU=client,L=San Francisco,ST=California,C=US::CN=ca.org1.example.com,O=org1.example.com,L=San Francisco,ST=California,C=US</c>.
    /// This is the decoded form; <see cref="EncodedId"/> is what Go's <c>cid.GetID()</c> returns.
    /// </summary>
    public string Id { get; }

    /// <summary>Base64 (standard alphabet, padded) of the UTF-8 <see cref="Id"/>: exactly the string fabric-chaincode-go's <c>cid.GetID()</c> returns.</summary>
    public string EncodedId { get; }

    /// <summary>The subject DN in the <see cref="Id"/> format (most specific first: <c>CN=...,OU=...,...,C=US</c>).</summary>
    public string SubjectDistinguishedName { get; }

    /// <summary>The issuer DN in the <see cref="Id"/> format.</summary>
    public string IssuerDistinguishedName { get; }

    /// <summary>Creates an identity from a PEM certificate; the PEM text is kept as the credentials.</summary>
    /// <param name="mspId">The MSP ID.</param>
    /// <param name="certificatePem">PEM text whose first CERTIFICATE block is the identity.</param>
    /// <exception cref="CryptoMaterialException">No certificate, or a malformed one.</exception>
    public static X509Identity FromPem(string mspId, string certificatePem)
    {
        ArgumentNullException.ThrowIfNull(certificatePem);
        var certificate = PemCertificates.ReadFirst(certificatePem);
        return new X509Identity(mspId, certificate, Encoding.UTF8.GetBytes(certificatePem));
    }

    /// <summary>Creates an identity from the PEM certificate file at <paramref name="path"/>.</summary>
    /// <param name="mspId">The MSP ID.</param>
    /// <param name="path">A PEM certificate file, e.g. <c>msp/signcerts/User1@org1.example.com-cert.pem</c>.</param>
    /// <exception cref="CryptoMaterialException">Unreadable or malformed; the message names the file.</exception>
    public static X509Identity FromPemFile(string mspId, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var certificate = PemCertificates.First(PemCertificates.ReadFile(path));
        return new X509Identity(mspId, certificate, File.ReadAllBytes(path));
    }

    /// <summary>Parses a marshalled <c>msp.SerializedIdentity</c> (for example a proposal's creator).</summary>
    /// <param name="serializedIdentity">The protobuf bytes.</param>
    /// <exception cref="CryptoMaterialException">Not a SerializedIdentity with an MSP ID and a PEM X.509 certificate.</exception>
    public static X509Identity FromSerializedIdentity(ReadOnlySpan<byte> serializedIdentity)
    {
        SerializedIdentity message;
        try
        {
            message = SerializedIdentity.Parser.ParseFrom(serializedIdentity);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new CryptoMaterialException("the bytes are not a msp.SerializedIdentity: " + e.Message, e);
        }

        if (string.IsNullOrEmpty(message.Mspid))
        {
            throw new CryptoMaterialException("the serialized identity has no MSP ID");
        }

        var credentials = message.IdBytes.ToByteArray();
        var certificate = PemCertificates.ReadFirst(Encoding.UTF8.GetString(credentials));
        return new X509Identity(message.Mspid, certificate, credentials);
    }

    /// <summary>Marshals <c>msp.SerializedIdentity { mspid = MspId, id_bytes = Credentials }</c>.</summary>
    public byte[] ToSerializedIdentity() => Serialize(this);

    /// <summary>Marshals any identity as <c>msp.SerializedIdentity { mspid, id_bytes = Credentials }</c>.</summary>
    /// <param name="identity">The identity.</param>
    public static byte[] Serialize(IIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new SerializedIdentity
        {
            Mspid = identity.MspId,
            IdBytes = ByteString.CopyFrom(identity.Credentials.Span),
        }.ToByteArray();
    }

    /// <inheritdoc />
    public override string ToString() => $"{MspId} {Id}";
}
