namespace Fabric.DevNetwork.Policies;

/// <summary>
/// A signer that has already been validated against its MSP (certificate chain, validity, signature),
/// described only by what policies look at: its MSP ID and the NodeOU roles it holds.
/// </summary>
/// <param name="MspId">The MSP that validated the identity.</param>
/// <param name="Roles">The roles the identity holds; <see cref="PrincipalRole.Member"/> is implied.</param>
/// <param name="Key">
/// A value that is equal for the same signer (for example the hex SHA-256 of its certificate), so one
/// signer repeated several times counts once, as in Fabric.
/// </param>
public sealed record PolicyIdentity(string MspId, IReadOnlySet<PrincipalRole> Roles, string Key)
{
    /// <summary>
    /// The hex SHA-256 of the signer's DER certificate, which an IDENTITY principal (a BFT channel's
    /// BlockValidation policy names each consenter this way) compares; null when not known, and then no
    /// identity principal matches.
    /// </summary>
    public string? CertificateHash { get; init; }

    /// <summary>
    /// The <see cref="CertificateHash"/> of <paramref name="certificate"/>: the one form both a signer and an
    /// IDENTITY principal are described by, so the two compare equal.
    /// </summary>
    /// <param name="certificate">The DER certificate.</param>
    public static string CertificateHashOf(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.RawData));
    }
}
