using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Hyperledger.Fabric.Identity.Internal;

namespace Hyperledger.Fabric.Identity;

/// <summary>
/// Checks that a certificate is a valid identity of one MSP: an ECDSA P-256/P-384 or Ed25519 (Fabric 3) leaf (not a CA)
/// that chains to one of the MSP's root CAs (through its intermediates), is within its validity
/// period at the given time, and carries the node OU it claims. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Fabric's MSP itself checks the chain at the certificate's own NotBefore and leaves expiry to
/// the gateway and deliver services; this verifier checks expiry at <c>at</c> as well, so a client
/// or the dev network refuses an expired identity with a clear reason.
/// </remarks>
public sealed class MspVerifier
{
    private readonly X509Certificate2[] _roots;
    private readonly X509Certificate2[] _intermediates;
    private readonly RevocationList[] _revocationLists = [];

    /// <summary>Creates a verifier with Fabric's default NodeOU values when <paramref name="nodeOUsEnabled"/>.</summary>
    /// <param name="mspId">The MSP ID identities must carry.</param>
    /// <param name="caCertificates">The MSP's root CA certificates (<c>cacerts</c>).</param>
    /// <param name="intermediateCertificates">The MSP's intermediate CA certificates (<c>intermediatecerts</c>).</param>
    /// <param name="nodeOUsEnabled">Whether identities must carry one of the node OUs (default true).</param>
    public MspVerifier(string mspId, IEnumerable<X509Certificate2> caCertificates, IEnumerable<X509Certificate2>? intermediateCertificates = null, bool nodeOUsEnabled = true)
        : this(mspId, caCertificates, intermediateCertificates, nodeOUsEnabled ? NodeOUSettings.Default : NodeOUSettings.Disabled)
    {
    }

    /// <summary>Creates a verifier with explicit NodeOU settings (as read from an MSP's <c>config.yaml</c>).</summary>
    /// <param name="mspId">The MSP ID identities must carry.</param>
    /// <param name="caCertificates">The MSP's root CA certificates.</param>
    /// <param name="intermediateCertificates">The MSP's intermediate CA certificates, or null.</param>
    /// <param name="nodeOUs">The NodeOU settings.</param>
    public MspVerifier(string mspId, IEnumerable<X509Certificate2> caCertificates, IEnumerable<X509Certificate2>? intermediateCertificates, NodeOUSettings nodeOUs)
    {
        ArgumentException.ThrowIfNullOrEmpty(mspId);
        ArgumentNullException.ThrowIfNull(caCertificates);
        ArgumentNullException.ThrowIfNull(nodeOUs);
        MspId = mspId;
        _roots = [.. caCertificates];
        _intermediates = intermediateCertificates is null ? [] : [.. intermediateCertificates];
        NodeOUs = nodeOUs;
        if (_roots.Length == 0)
        {
            throw new ArgumentException($"MSP {mspId} needs at least one CA certificate", nameof(caCertificates));
        }
    }

    /// <summary>
    /// Creates a verifier that also honours the MSP's revocation lists (<c>crls</c>): a CRL signed by one
    /// of the MSP's CAs revokes that CA's certificates whose serial numbers it lists, as Fabric's MSP does.
    /// CRLs no CA of the MSP signed are ignored, like Fabric.
    /// </summary>
    /// <param name="mspId">The MSP ID identities must carry.</param>
    /// <param name="caCertificates">The MSP's root CA certificates.</param>
    /// <param name="intermediateCertificates">The MSP's intermediate CA certificates, or null.</param>
    /// <param name="nodeOUs">The NodeOU settings.</param>
    /// <param name="revocationLists">The MSP's CRLs.</param>
    public MspVerifier(string mspId, IEnumerable<X509Certificate2> caCertificates, IEnumerable<X509Certificate2>? intermediateCertificates, NodeOUSettings nodeOUs, IEnumerable<RevocationList> revocationLists)
        : this(mspId, caCertificates, intermediateCertificates, nodeOUs)
    {
        ArgumentNullException.ThrowIfNull(revocationLists);
        var authorities = _roots.Concat(_intermediates).ToList();
        _revocationLists = [.. revocationLists.Where(crl => authorities.Any(crl.IsSignedBy))];
    }

    /// <summary>The revocation lists in force (those signed by one of the MSP's CAs).</summary>
    public IReadOnlyList<RevocationList> RevocationLists => _revocationLists;

    /// <summary>
    /// Whether an expired identity is refused (default true). Fabric's MSP does not check expiry itself
    /// (its chain check runs at the certificate's own NotBefore); its gateway, deliver and gossip services
    /// refuse expired identities. False = as Fabric's MSP: only the chain, OUs and CRLs are checked.
    /// </summary>
    public bool RejectExpired { get; init; } = true;

    /// <summary>The MSP ID.</summary>
    public string MspId { get; }

    /// <summary>The NodeOU settings in force.</summary>
    public NodeOUSettings NodeOUs { get; }

    /// <summary>Validates an identity: its MSP ID must be <see cref="MspId"/>, then as <see cref="Validate(X509Certificate2, DateTimeOffset, NodeOU?)"/>.</summary>
    /// <param name="identity">The identity; non-X.509 identities must carry PEM credentials.</param>
    /// <param name="at">The time to check validity at.</param>
    /// <param name="requiredOU">The node OU the identity must have, or null for any.</param>
    public MspValidationResult Validate(IIdentity identity, DateTimeOffset at, NodeOU? requiredOU = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        if (!string.Equals(identity.MspId, MspId, StringComparison.Ordinal))
        {
            return MspValidationResult.Invalid($"the identity belongs to MSP '{identity.MspId}', not '{MspId}'");
        }

        if (identity is X509Identity x509)
        {
            return Validate(x509.Certificate, at, requiredOU);
        }

        X509Certificate2 parsed;
        try
        {
            parsed = PemCertificates.ReadFirst(Encoding.UTF8.GetString(identity.Credentials.Span));
        }
        catch (CryptoMaterialException e)
        {
            return MspValidationResult.Invalid("the identity's credentials are not a PEM X.509 certificate: " + e.Message);
        }

        // Parsed here, so owned here; the X.509 identity's own certificate belongs to the identity.
        using (parsed)
        {
            return Validate(parsed, at, requiredOU);
        }
    }

    /// <summary>Validates <paramref name="certificate"/> as an identity of this MSP at time <paramref name="at"/>.</summary>
    /// <param name="certificate">The identity's certificate.</param>
    /// <param name="at">The time to check validity at (usually now).</param>
    /// <param name="requiredOU">The node OU the certificate must carry, or null for any.</param>
    /// <returns>Valid, or invalid with the first reason found.</returns>
    public MspValidationResult Validate(X509Certificate2 certificate, DateTimeOffset at, NodeOU? requiredOU = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var subject = GoDistinguishedName.Format(certificate.SubjectName);
        if (Ed25519Keys.PublicKeyOf(certificate) is null)
        {
            using var key = certificate.GetECDsaPublicKey();
            if (key is null || FabricCurve.TryFrom(key.ExportParameters(false).Curve) is null)
            {
                return MspValidationResult.Invalid($"certificate '{subject}' does not hold an ECDSA P-256 or P-384 or an Ed25519 public key");
            }
        }

        var basic = certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault();
        if (basic is { CertificateAuthority: true })
        {
            return MspValidationResult.Invalid($"certificate '{subject}' is a CA certificate and cannot be used as an identity");
        }

        var time = at.UtcDateTime;
        if (time < certificate.NotBefore.ToUniversalTime())
        {
            return MspValidationResult.Invalid($"certificate '{subject}' is not valid before {Format(certificate.NotBefore)}");
        }

        if (RejectExpired && time > certificate.NotAfter.ToUniversalTime())
        {
            return MspValidationResult.Invalid($"certificate '{subject}' expired at {Format(certificate.NotAfter)}");
        }

        // Without the expiry check, the chain is checked at the certificate's own NotBefore, as Fabric's MSP does.
        var chainTime = RejectExpired ? time : certificate.NotBefore.ToUniversalTime();
        var chainResult = BuildChain(certificate, chainTime, subject, out var chain);
        if (!chainResult.IsValid)
        {
            return chainResult;
        }

        if (chain.Count > 1)
        {
            var issuer = chain[1];
            foreach (var crl in _revocationLists)
            {
                if (crl.Issuer.RawData.AsSpan().SequenceEqual(issuer.SubjectName.RawData) && crl.Lists(certificate))
                {
                    return MspValidationResult.Invalid(
                        $"certificate '{subject}' has been revoked: serial {certificate.SerialNumber} is in the CRL of '{GoDistinguishedName.Format(issuer.SubjectName)}'");
                }
            }
        }

        return CheckNodeOUs(certificate, subject, chain, requiredOU);
    }

    private MspValidationResult BuildChain(X509Certificate2 certificate, DateTime time, string subject, out List<X509Certificate2> chainCertificates)
    {
        chainCertificates = [];
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_roots);
        chain.ChainPolicy.ExtraStore.AddRange(_intermediates);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationTime = time;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        if (!chain.Build(certificate))
        {
            var issuer = GoDistinguishedName.Format(certificate.IssuerName);
            var statuses = chain.ChainStatus.Select(s => s.Status).Distinct().ToArray();
            var untrusted = statuses.Any(s => s is X509ChainStatusFlags.UntrustedRoot or X509ChainStatusFlags.PartialChain);
            var detail = string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
            return MspValidationResult.Invalid(untrusted
                ? $"certificate '{subject}' issued by '{issuer}' does not chain to a CA of MSP {MspId}"
                : $"certificate '{subject}' failed chain validation against MSP {MspId}: {string.Join(", ", statuses)} ({detail})");
        }

        foreach (var element in chain.ChainElements)
        {
            chainCertificates.Add(element.Certificate);
        }

        return MspValidationResult.Valid;
    }

    private MspValidationResult CheckNodeOUs(X509Certificate2 certificate, string subject, List<X509Certificate2> chain, NodeOU? requiredOU)
    {
        var ous = GoDistinguishedName.ReadAttributes(certificate.SubjectName)
            .Where(a => a.Oid == "2.5.4.11")
            .Select(a => a.Value)
            .ToList();
        var listed = ous.Count == 0 ? "none" : string.Join(", ", ous);
        if (!NodeOUs.Enable)
        {
            if (requiredOU is { } wanted && !ous.Contains(NodeOUSettings.DefaultIdentifier(wanted), StringComparer.Ordinal))
            {
                return MspValidationResult.Invalid($"certificate '{subject}' does not carry OU '{NodeOUSettings.DefaultIdentifier(wanted)}' (its OUs: {listed})");
            }

            return MspValidationResult.Valid;
        }

        var matches = new List<NodeOU>();
        foreach (var role in Enum.GetValues<NodeOU>())
        {
            var identifier = NodeOUs.For(role);
            if (identifier is not null && ous.Contains(identifier.OrganizationalUnitIdentifier, StringComparer.Ordinal))
            {
                matches.Add(role);
            }
        }

        if (matches.Count != 1)
        {
            return MspValidationResult.Invalid(
                $"certificate '{subject}' must carry exactly one node OU (client, peer, admin or orderer) under MSP {MspId}; its OUs: {listed}");
        }

        var actual = matches[0];
        var actualIdentifier = NodeOUs.For(actual)!;
        if (actualIdentifier.Certificate is { } certifier
            && !chain.Skip(1).Any(c => c.RawDataMemory.Span.SequenceEqual(certifier.RawDataMemory.Span)))
        {
            return MspValidationResult.Invalid(
                $"certificate '{subject}' has OU '{actualIdentifier.OrganizationalUnitIdentifier}' but was not issued under the CA that config.yaml names for it");
        }

        if (requiredOU is { } required && required != actual)
        {
            var requiredName = NodeOUs.For(required)?.OrganizationalUnitIdentifier ?? NodeOUSettings.DefaultIdentifier(required);
            return MspValidationResult.Invalid(
                $"certificate '{subject}' has node OU '{actualIdentifier.OrganizationalUnitIdentifier}' but '{requiredName}' is required");
        }

        return MspValidationResult.Valid;
    }

    private static string Format(DateTime time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
