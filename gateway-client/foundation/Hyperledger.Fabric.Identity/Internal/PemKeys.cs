using System.Formats.Asn1;
using System.Security.Cryptography;

namespace Hyperledger.Fabric.Identity.Internal;

/// <summary>Reads ECDSA private keys from PEM (PKCS#8 or SEC1) with errors that say what is wrong.</summary>
internal static class PemKeys
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcPublicKeyOid = "1.2.840.10045.2.1";

    /// <summary>Imports the first private key in <paramref name="pem"/>; the caller owns the result.</summary>
    /// <exception cref="CryptoMaterialException">Malformed PEM, an encrypted key, RSA, or a curve other than P-256/P-384.</exception>
    public static ECDsa ImportPrivateKey(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            throw new CryptoMaterialException(pem.Contains("-----BEGIN", StringComparison.Ordinal)
                ? "malformed PEM: no well-formed private key block (bad base64 or a broken header or footer)"
                : "no PEM block found (expected '-----BEGIN PRIVATE KEY-----' or '-----BEGIN EC PRIVATE KEY-----')");
        }

        var label = pem[fields.Label];
        byte[] der;
        try
        {
            der = Convert.FromBase64String(pem[fields.Base64Data]);
        }
        catch (FormatException e)
        {
            throw new CryptoMaterialException($"the PEM block '{label}' has malformed base64 content", e);
        }

        return label switch
        {
            "PRIVATE KEY" => ImportPkcs8(der),
            "EC PRIVATE KEY" => ImportSec1(der),
            "RSA PRIVATE KEY" => throw new CryptoMaterialException(
                "RSA keys are not supported: Fabric identities use ECDSA P-256 or P-384"),
            "ENCRYPTED PRIVATE KEY" => throw new CryptoMaterialException(
                "the private key is encrypted; decrypt it first (Fabric's keystores hold unencrypted PKCS#8 keys)"),
            _ => throw new CryptoMaterialException($"the PEM block is '{label}', not a private key"),
        };
    }

    private static ECDsa ImportPkcs8(byte[] der)
    {
        // Look at the algorithm first so RSA or an unknown curve gets a precise message.
        string? algorithm;
        string? curveOid = null;
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.BER).ReadSequence();
            reader.ReadInteger();
            var algorithmId = reader.ReadSequence();
            algorithm = algorithmId.ReadObjectIdentifier();
            if (algorithmId.HasData && algorithmId.PeekTag().HasSameClassAndValue(Asn1Tag.ObjectIdentifier))
            {
                curveOid = algorithmId.ReadObjectIdentifier();
            }
        }
        catch (AsnContentException e)
        {
            throw new CryptoMaterialException("the PKCS#8 private key is not valid DER", e);
        }

        if (algorithm == RsaOid)
        {
            throw new CryptoMaterialException("RSA keys are not supported: Fabric identities use ECDSA P-256 or P-384");
        }

        if (algorithm != EcPublicKeyOid)
        {
            throw new CryptoMaterialException($"unsupported private key algorithm {algorithm}: Fabric identities use ECDSA P-256 or P-384");
        }

        if (curveOid is not null && curveOid != FabricCurve.P256Oid && curveOid != FabricCurve.P384Oid)
        {
            var name = curveOid == FabricCurve.P521Oid ? "P-521" : curveOid;
            throw new CryptoMaterialException($"unsupported elliptic curve {name}: Fabric identities use ECDSA P-256 or P-384");
        }

        return ImportChecked("PKCS#8", key => key.ImportPkcs8PrivateKey(der, out _));
    }

    private static ECDsa ImportSec1(byte[] der) =>
        ImportChecked("SEC1", key => key.ImportECPrivateKey(der, out _));

    /// <summary>Runs <paramref name="import"/> on a fresh key and checks its curve; the key is disposed on any failure.</summary>
    private static ECDsa ImportChecked(string format, Action<ECDsa> import)
    {
        var key = ECDsa.Create();
        try
        {
            import(key);
            FabricCurve.From(key);
            return key;
        }
        catch (CryptographicException e)
        {
            key.Dispose();
            throw new CryptoMaterialException($"the {format} EC private key could not be read: " + e.Message, e);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }
}
