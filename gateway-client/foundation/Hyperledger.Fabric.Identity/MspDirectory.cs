using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Identity.Internal;

namespace Hyperledger.Fabric.Identity;

/// <summary>
/// A Fabric MSP folder as Fabric lays it out: <c>cacerts</c>, <c>intermediatecerts</c>,
/// <c>tlscacerts</c>, <c>tlsintermediatecerts</c>, <c>admincerts</c>, <c>signcerts</c>,
/// <c>keystore</c> and <c>config.yaml</c> (NodeOUs). A local MSP (a peer's or a user's) also has a
/// signing certificate and its private key; an organisation's verifying MSP has only CA material.
/// </summary>
/// <remarks>
/// Loading checks the material: certificates must parse, keys and signing certificates must be
/// ECDSA P-256/P-384, and the private key must match the signing certificate. Errors are
/// <see cref="CryptoMaterialException"/>s naming the offending file. The key is kept as PEM text;
/// every <see cref="CreateSigner"/> imports its own copy, so this type holds nothing disposable.
/// </remarks>
public sealed class MspDirectory
{
    private readonly string? _privateKeyPem;
    private X509Identity? _identity;

    private MspDirectory(string path, string mspId)
    {
        Path = path;
        MspId = mspId;
    }

    /// <summary>The MSP folder's full path.</summary>
    public string Path { get; }

    /// <summary>The MSP ID given at load.</summary>
    public string MspId { get; }

    /// <summary>Root CA certificates (<c>cacerts</c>).</summary>
    public IReadOnlyList<X509Certificate2> CaCertificates { get; private init; } = [];

    /// <summary>Intermediate CA certificates (<c>intermediatecerts</c>); empty when absent.</summary>
    public IReadOnlyList<X509Certificate2> IntermediateCertificates { get; private init; } = [];

    /// <summary>TLS root CA certificates (<c>tlscacerts</c>); empty when absent.</summary>
    public IReadOnlyList<X509Certificate2> TlsCaCertificates { get; private init; } = [];

    /// <summary>TLS intermediate CA certificates (<c>tlsintermediatecerts</c>); empty when absent.</summary>
    public IReadOnlyList<X509Certificate2> TlsIntermediateCertificates { get; private init; } = [];

    /// <summary>Explicit admin certificates (<c>admincerts</c>, used when NodeOUs are off); empty when absent.</summary>
    public IReadOnlyList<X509Certificate2> AdminCertificates { get; private init; } = [];

    /// <summary>The revocation lists (<c>crls</c>, PEM <c>X509 CRL</c> or DER files); empty when absent.</summary>
    public IReadOnlyList<RevocationList> RevocationLists { get; private init; } = [];

    /// <summary>The NodeOUs from <c>config.yaml</c>; <see cref="NodeOUSettings.Disabled"/> when there is no config.yaml.</summary>
    public NodeOUSettings NodeOUs { get; private init; } = NodeOUSettings.Disabled;

    /// <summary>The signing certificate (<c>signcerts</c>), or null for a verifying MSP.</summary>
    public X509Certificate2? SigningCertificate { get; private init; }

    /// <summary>The signing certificate's file, or null.</summary>
    public string? SigningCertificatePath { get; private init; }

    /// <summary>The private key's file in <c>keystore</c>, or null.</summary>
    public string? PrivateKeyPath { get; private init; }

    /// <summary>True when the keystore holds the signing certificate's private key.</summary>
    public bool HasPrivateKey => _privateKeyPem is not null;

    /// <summary>The MSP's identity (MSP ID + signing certificate, credentials = the signcert file's bytes).</summary>
    /// <exception cref="InvalidOperationException">The MSP has no signing certificate.</exception>
    public X509Identity Identity => _identity
        ?? throw new InvalidOperationException($"MSP folder {Path} has no signing certificate in signcerts");

    /// <summary>Loads the MSP folder at <paramref name="path"/>.</summary>
    /// <param name="path">The MSP folder (the one holding <c>cacerts</c>).</param>
    /// <param name="mspId">The MSP ID, e.g. <c>Org1MSP</c> (folders do not record it).</param>
    /// <exception cref="CryptoMaterialException">Missing, malformed, unsupported or mismatched material; the message names the file.</exception>
    public static MspDirectory Load(string path, string mspId)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        var root = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(root))
        {
            throw new CryptoMaterialException(root, "MSP folder not found", null);
        }

        var caCertificates = ReadFolder(root, "cacerts");
        if (caCertificates.Count == 0)
        {
            throw new CryptoMaterialException(System.IO.Path.Combine(root, "cacerts"), "an MSP folder needs at least one CA certificate in cacerts", null);
        }

        var configPath = System.IO.Path.Combine(root, "config.yaml");
        var nodeOUs = File.Exists(configPath) ? MspConfigFile.Read(root, configPath) : NodeOUSettings.Disabled;

        X509Identity? identity = null;
        string? signingCertificatePath = null;
        var signcerts = System.IO.Path.Combine(root, "signcerts");
        if (Directory.Exists(signcerts))
        {
            signingCertificatePath = Directory.GetFiles(signcerts).Order(StringComparer.Ordinal).FirstOrDefault();
            if (signingCertificatePath is not null)
            {
                identity = X509Identity.FromPemFile(mspId, signingCertificatePath);
                RequireSupportedKey(identity.Certificate, signingCertificatePath);
            }
        }

        var (keyPath, keyPem) = FindPrivateKey(root, identity?.Certificate, signingCertificatePath);
        return new MspDirectory(root, mspId, keyPem)
        {
            CaCertificates = caCertificates,
            IntermediateCertificates = ReadFolder(root, "intermediatecerts"),
            TlsCaCertificates = ReadFolder(root, "tlscacerts"),
            TlsIntermediateCertificates = ReadFolder(root, "tlsintermediatecerts"),
            AdminCertificates = ReadFolder(root, "admincerts"),
            RevocationLists = ReadRevocationLists(root),
            NodeOUs = nodeOUs,
            SigningCertificate = identity?.Certificate,
            SigningCertificatePath = signingCertificatePath,
            PrivateKeyPath = keyPath,
            _identity = identity,
        };
    }

    /// <summary>A signer over the keystore's private key.</summary>
    /// <exception cref="InvalidOperationException">The keystore holds no key for the signing certificate.</exception>
    public ISigner CreateSigner()
    {
        if (_privateKeyPem is null)
        {
            throw new InvalidOperationException($"MSP folder {Path} has no private key in keystore for its signing certificate");
        }

        return Signers.FromPem(_privateKeyPem);
    }

    /// <summary>A verifier for identities of this MSP (its CAs, intermediates, NodeOUs and CRLs).</summary>
    public MspVerifier CreateVerifier() => new(MspId, CaCertificates, IntermediateCertificates, NodeOUs, RevocationLists);

    private MspDirectory(string path, string mspId, string? privateKeyPem)
        : this(path, mspId)
    {
        _privateKeyPem = privateKeyPem;
    }

    private static List<X509Certificate2> ReadFolder(string root, string name)
    {
        var folder = System.IO.Path.Combine(root, name);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var result = new List<X509Certificate2>();
        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            result.AddRange(PemCertificates.ReadFile(file));
        }

        return result;
    }

    private static List<RevocationList> ReadRevocationLists(string root)
    {
        var folder = System.IO.Path.Combine(root, "crls");
        var result = new List<RevocationList>();
        if (!Directory.Exists(folder))
        {
            return result;
        }

        foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
        {
            try
            {
                result.Add(RevocationList.Parse(File.ReadAllBytes(file)));
            }
            catch (CryptoMaterialException e)
            {
                throw new CryptoMaterialException(file, e.Message, e);
            }
        }

        return result;
    }

    private static void RequireSupportedKey(X509Certificate2 certificate, string path)
    {
        if (Ed25519Keys.PublicKeyOf(certificate) is not null)
        {
            return;
        }

        using var key = certificate.GetECDsaPublicKey();
        if (key is null)
        {
            throw new CryptoMaterialException(path, $"the certificate's key is {certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value}, not ECDSA: Fabric identities use ECDSA P-256 or P-384", null);
        }

        try
        {
            FabricCurve.From(key);
        }
        catch (CryptoMaterialException e)
        {
            throw new CryptoMaterialException(path, "the certificate has an " + e.Message, e);
        }
    }

    private static (string? Path, string? Pem) FindPrivateKey(string root, X509Certificate2? certificate, string? certificatePath)
    {
        var keystore = System.IO.Path.Combine(root, "keystore");
        if (!Directory.Exists(keystore))
        {
            return (null, null);
        }

        var files = Directory.GetFiles(keystore).Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            return (null, null);
        }

        var wantedEd25519 = certificate is null ? null : Ed25519Keys.PublicKeyOf(certificate);
        using var certificateKey = wantedEd25519 is null ? certificate?.GetECDsaPublicKey() : null;
        var wanted = certificateKey?.ExportParameters(false).Q;
        foreach (var file in files)
        {
            var pem = File.ReadAllText(file);
            byte[]? seed;
            try
            {
                seed = Ed25519Keys.TryReadPrivateKey(pem);
            }
            catch (CryptoMaterialException e)
            {
                throw new CryptoMaterialException(file, e.Message, e);
            }

            if (seed is not null)
            {
                if (certificate is null || (wantedEd25519 is not null && Ed25519Keys.PublicKeyFromSeed(seed).AsSpan().SequenceEqual(wantedEd25519)))
                {
                    return (file, pem);
                }

                continue;
            }

            if (wantedEd25519 is not null)
            {
                continue;
            }

            ECDsa key;
            try
            {
                key = PemKeys.ImportPrivateKey(pem);
            }
            catch (CryptoMaterialException e)
            {
                throw new CryptoMaterialException(file, e.Message, e);
            }

            using (key)
            {
                var q = key.ExportParameters(false).Q;
                if (wanted is null || (q.X.AsSpan().SequenceEqual(wanted.Value.X) && q.Y.AsSpan().SequenceEqual(wanted.Value.Y)))
                {
                    return (file, pem);
                }
            }
        }

        var names = string.Join(", ", files.Select(System.IO.Path.GetFileName));
        throw new CryptoMaterialException(
            files.Length == 1 ? files[0] : keystore,
            $"the private key ({names}) does not match the signing certificate {certificatePath}",
            null);
    }
}
