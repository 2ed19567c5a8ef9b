using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Fabric.CryptoGen.Internal;
using Hyperledger.Fabric.Identity;

namespace Fabric.CryptoGen;

/// <summary>
/// A certificate authority that issues certificates shaped like Fabric's cryptogen issues them:
/// the CA certificate has basic constraints CA:TRUE, key usage digital signature, key
/// encipherment, certificate sign and CRL sign, EKU client and server auth, and a subject key id
/// (SHA-256 of the public point); issued certificates carry the authority key id, the requested
/// key usage, EKUs and SANs, and optionally the Fabric CA attribute extension.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly ECDsa? _key;
    private readonly byte[]? _ed25519Seed;
    private readonly byte[] _subjectKeyId;

    private CertificateAuthority(X509Certificate2 certificate, ECDsa? key, byte[]? ed25519Seed, CertificateSubjectOptions subject)
    {
        Certificate = certificate;
        _key = key;
        _ed25519Seed = ed25519Seed;
        Subject = subject;
        var ski = certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
        _subjectKeyId = ski?.SubjectKeyIdentifierBytes.ToArray()
            ?? (key is not null ? ComputeSubjectKeyId(key) : SHA256.HashData(Ed25519Material.PublicKeyOf(ed25519Seed!)));
        CertificatePem = new string(PemEncoding.Write("CERTIFICATE", certificate.RawData)) + "\n";
        PrivateKeyPem = key is not null ? key.ExportPkcs8PrivateKeyPem() + "\n" : Ed25519Material.ToPkcs8Pem(ed25519Seed!);
    }

    /// <summary>The CA certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The subject fields issued certificates get.</summary>
    public CertificateSubjectOptions Subject { get; }

    /// <summary>The CA certificate as PEM.</summary>
    public string CertificatePem { get; }

    /// <summary>The CA key as unencrypted PKCS#8 PEM.</summary>
    public string PrivateKeyPem { get; }

    /// <summary>Creates a self-signed CA with a new key.</summary>
    /// <param name="options">Names, subject fields, validity and curve.</param>
    public static CertificateAuthority Create(CertificateAuthorityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var seed = options.KeyAlgorithm == KeyAlgorithm.Ed25519 ? Ed25519Material.NewSeed() : null;
        var key = seed is null ? ECDsa.Create(options.Curve ?? ECCurve.NamedCurves.nistP256) : null;
        try
        {
            var name = SubjectName.Build(options.Subject, options.Organization, [], options.CommonName);
            var request = key is not null
                ? new CertificateRequest(name, key, HashFor(key))
                : new CertificateRequest(name, Ed25519Material.ToPublicKey(Ed25519Material.PublicKeyOf(seed!)), HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(
                X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign,
                critical: true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                [new Oid("1.3.6.1.5.5.7.3.2"), new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, critical: true));
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(
                key is not null ? ComputeSubjectKeyId(key) : SHA256.HashData(Ed25519Material.PublicKeyOf(seed!)), critical: false));
            var notBefore = options.NotBefore ?? DefaultNotBefore();
            var notAfter = notBefore + (options.Validity ?? DefaultValidity);
            X509SignatureGenerator generator = key is not null ? new LowSSignatureGenerator(key) : new Ed25519SignatureGenerator(seed!);
            var certificate = request.Create(name, generator, notBefore, notAfter, NewSerialNumber());
            return new CertificateAuthority(certificate, key, seed, options.Subject);
        }
        catch
        {
            key?.Dispose();
            throw;
        }
    }

    /// <summary>Loads a CA from its certificate and PKCS#8/SEC1 key files (e.g. <c>ca/ca.org1.example.com-cert.pem</c> and <c>ca/priv_sk</c>).</summary>
    /// <param name="certificatePath">The CA certificate file.</param>
    /// <param name="privateKeyPath">The CA key file.</param>
    /// <param name="subject">Subject fields for issued certificates; default cryptogen's.</param>
    /// <exception cref="CryptoMaterialException">Unreadable, malformed or mismatched files; the message names the file.</exception>
    public static CertificateAuthority Load(string certificatePath, string privateKeyPath, CertificateSubjectOptions? subject = null)
    {
        var certificate = X509Identity.FromPemFile("unused", certificatePath).Certificate;
        if (Ed25519Identity(certificate, privateKeyPath) is { } seed)
        {
            return new CertificateAuthority(certificate, null, seed, subject ?? CertificateSubjectOptions.Default);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(privateKeyPath));
        }
        catch (Exception e) when (e is IOException or ArgumentException or CryptographicException)
        {
            key.Dispose();
            certificate.Dispose();
            throw new CryptoMaterialException(privateKeyPath, "cannot read the CA private key: " + e.Message, e);
        }

        using var publicKey = certificate.GetECDsaPublicKey();
        if (publicKey is null || !publicKey.ExportParameters(false).Q.X.AsSpan().SequenceEqual(key.ExportParameters(false).Q.X))
        {
            key.Dispose();
            certificate.Dispose();
            throw new CryptoMaterialException(privateKeyPath, $"the private key does not match the CA certificate {certificatePath}", null);
        }

        return new CertificateAuthority(certificate, key, null, subject ?? CertificateSubjectOptions.Default);
    }

    /// <summary>Issues an end-entity certificate with a new key (or for <see cref="LeafCertificateOptions.PublicKey"/>).</summary>
    /// <param name="options">Names, usages, SANs, attributes and validity.</param>
    public IssuedCertificate Issue(LeafCertificateOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ownSeed = options.PublicKey is null && options.KeyAlgorithm == KeyAlgorithm.Ed25519 ? Ed25519Material.NewSeed() : null;
        var ownKey = options.PublicKey is null && ownSeed is null ? ECDsa.Create(options.Curve ?? ECCurve.NamedCurves.nistP256) : null;
        try
        {
            var name = SubjectName.Build(Subject, null, options.OrganizationalUnits, options.CommonName);
            var hash = _key is not null ? HashFor(_key) : HashAlgorithmName.SHA256;
            var request = ownSeed is not null
                ? new CertificateRequest(name, Ed25519Material.ToPublicKey(Ed25519Material.PublicKeyOf(ownSeed)), hash)
                : new CertificateRequest(name, options.PublicKey ?? ownKey!, hash);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(options.KeyUsage, critical: true));
            if (options.ExtendedKeyUsages.Count > 0)
            {
                var oids = new OidCollection();
                foreach (var oid in options.ExtendedKeyUsages)
                {
                    oids.Add(new Oid(oid));
                }

                request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(oids, critical: false));
            }

            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(_subjectKeyId));
            if (options.SubjectAlternativeNames.Count > 0)
            {
                request.CertificateExtensions.Add(BuildSans(options.SubjectAlternativeNames));
            }

            if (options.Attributes.Count > 0)
            {
                request.CertificateExtensions.Add(CertificateAttributes.CreateExtension(options.Attributes));
            }

            var notBefore = options.NotBefore ?? DefaultNotBefore();
            var notAfter = options.NotAfter ?? notBefore + DefaultValidity;
            X509SignatureGenerator generator = _key is not null ? new LowSSignatureGenerator(_key) : new Ed25519SignatureGenerator(_ed25519Seed!);
            var certificate = request.Create(Certificate.SubjectName, generator, notBefore, notAfter, NewSerialNumber());
            return ownSeed is not null
                ? new IssuedCertificate(certificate, null, Ed25519Material.ToPkcs8Pem(ownSeed))
                : new IssuedCertificate(certificate, ownKey);
        }
        catch
        {
            ownKey?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Issues a CRL (PEM <c>X509 CRL</c>, with a trailing newline) revoking <paramref name="revoked"/>, signed by
    /// this CA, for an MSP's <c>crls</c> folder. Valid from now for <paramref name="validity"/> (default 30 days).
    /// </summary>
    /// <param name="revoked">Certificates this CA issued.</param>
    /// <param name="crlNumber">The CRL number (increase it for each new list). Default 1.</param>
    /// <param name="validity">Time to the CRL's next update. Default 30 days.</param>
    public string CreateRevocationList(IEnumerable<X509Certificate2> revoked, long crlNumber = 1, TimeSpan? validity = null)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        var builder = new CertificateRevocationListBuilder();
        var now = DateTimeOffset.UtcNow;
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, now.AddMinutes(-1));
        }

        X509SignatureGenerator generator = _key is not null ? new LowSSignatureGenerator(_key) : new Ed25519SignatureGenerator(_ed25519Seed!);
        var der = builder.Build(
            Certificate.SubjectName,
            generator,
            crlNumber,
            now + (validity ?? TimeSpan.FromDays(30)),
            _key is not null ? HashFor(_key) : HashAlgorithmName.SHA256,
            X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(_subjectKeyId),
            now.AddMinutes(-5));
        return new string(PemEncoding.Write("X509 CRL", der)) + "\n";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _key?.Dispose();
        Certificate.Dispose();
    }

    /// <summary>True when <paramref name="value"/> is an IPv4 (dotted quad) or IPv6 literal, as Go's net.ParseIP accepts.</summary>
    internal static bool IsIpAddress(string value, out IPAddress? address)
    {
        address = null;
        var looksLikeIp = value.Contains(':', StringComparison.Ordinal) || value.Split('.').Length == 4 && value.All(c => char.IsAsciiDigit(c) || c == '.');
        return looksLikeIp && IPAddress.TryParse(value, out address);
    }

    private static X509Extension BuildSans(IEnumerable<string> names)
    {
        // Go writes DNS names before IP addresses; keep that order.
        var builder = new SubjectAlternativeNameBuilder();
        var ips = new List<IPAddress>();
        foreach (var name in names)
        {
            if (IsIpAddress(name, out var ip))
            {
                ips.Add(ip!);
            }
            else
            {
                builder.AddDnsName(name);
            }
        }

        foreach (var ip in ips)
        {
            builder.AddIpAddress(ip);
        }

        return builder.Build(critical: false);
    }

    private static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(3650);

    private static DateTimeOffset DefaultNotBefore()
    {
        var now = DateTimeOffset.UtcNow;
        var rounded = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        if (now.Second >= 30)
        {
            rounded = rounded.AddMinutes(1);
        }

        return rounded.AddMinutes(-5);
    }

    private static byte[]? Ed25519Identity(X509Certificate2 certificate, string privateKeyPath)
    {
        if (certificate.PublicKey.Oid.Value != Ed25519Material.Oid)
        {
            return null;
        }

        string pem;
        try
        {
            pem = File.ReadAllText(privateKeyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            certificate.Dispose();
            throw new CryptoMaterialException(privateKeyPath, "cannot read the CA private key: " + e.Message, e);
        }

        var seed = Ed25519Material.TryReadSeed(pem);
        if (seed is null || !Ed25519Material.PublicKeyOf(seed).AsSpan().SequenceEqual(certificate.PublicKey.EncodedKeyValue.RawData))
        {
            certificate.Dispose();
            throw new CryptoMaterialException(privateKeyPath, "the private key does not match the Ed25519 CA certificate", null);
        }

        return seed;
    }

    private static HashAlgorithmName HashFor(ECDsa key) => key.KeySize > 256 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256;

    private static byte[] NewSerialNumber()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        if (new BigInteger(serial, isUnsigned: true, isBigEndian: true).IsZero)
        {
            serial[^1] = 1;
        }

        return serial;
    }

    private static byte[] ComputeSubjectKeyId(ECDsa key)
    {
        var q = key.ExportParameters(false).Q;
        var point = new byte[1 + q.X!.Length + q.Y!.Length];
        point[0] = 0x04;
        q.X.CopyTo(point, 1);
        q.Y.CopyTo(point, 1 + q.X.Length);
        return SHA256.HashData(point);
    }
}
