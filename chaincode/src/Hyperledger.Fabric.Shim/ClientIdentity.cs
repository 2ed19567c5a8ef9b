using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Identity;

namespace Hyperledger.Fabric.Shim;

/// <summary>
/// The identity that signed the transaction proposal (the creator), with the helpers of Fabric's
/// client-identity libraries: MSP ID, X.509 certificate, a unique id and the Fabric CA attributes
/// (extension 1.2.3.4.5.6.7.8.1).
/// </summary>
public sealed class ClientIdentity
{
    private readonly IReadOnlyDictionary<string, string> _attributes;

    /// <summary>Creates the helper for an identity.</summary>
    public ClientIdentity(X509Identity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        Identity = identity;
        _attributes = CertificateAttributes.Read(identity.Certificate);
    }

    /// <summary>The underlying identity.</summary>
    public X509Identity Identity { get; }

    /// <summary>The MSP ID of the organisation that issued the identity.</summary>
    public string MspId => Identity.MspId;

    /// <summary>The identity's certificate.</summary>
    public X509Certificate2 Certificate => Identity.Certificate;

    /// <summary>
    /// <c>"x509::" + subject DN + "::" + issuer DN</c>, the DNs formatted as Fabric's Go client-identity
    /// library does. Stable across certificate renewal.
    /// </summary>
    public string Id => Identity.Id;

    /// <summary>The base64 form of <see cref="Id"/>: exactly what Go's <c>cid.GetID</c> returns.</summary>
    public string EncodedId => Identity.EncodedId;

    /// <summary>All Fabric CA attributes in the certificate (empty when it has none).</summary>
    public IReadOnlyDictionary<string, string> Attributes => _attributes;

    /// <summary>Reads a <c>msp.SerializedIdentity</c> (the proposal's creator).</summary>
    /// <exception cref="CryptoMaterialException">The bytes hold no X.509 identity.</exception>
    public static ClientIdentity FromSerializedIdentity(ReadOnlySpan<byte> serializedIdentity) =>
        new(X509Identity.FromSerializedIdentity(serializedIdentity));

    /// <summary>The value of attribute <paramref name="name"/>, or null when the certificate does not have it.</summary>
    public string? GetAttributeValue(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _attributes.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>True when attribute <paramref name="name"/> exists and equals <paramref name="value"/> (ordinal).</summary>
    public bool AssertAttributeValue(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return string.Equals(GetAttributeValue(name), value, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public override string ToString() => $"{MspId} {Id}";
}
