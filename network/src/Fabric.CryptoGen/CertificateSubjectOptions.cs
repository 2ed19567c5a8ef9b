namespace Fabric.CryptoGen;

/// <summary>
/// Subject fields a CA puts in its own certificate and in every certificate it issues, as Fabric's
/// cryptogen does (defaults: C=US, ST=California, L=San Francisco).
/// </summary>
public sealed record CertificateSubjectOptions
{
    /// <summary>cryptogen's defaults.</summary>
    public static CertificateSubjectOptions Default { get; } = new();

    /// <summary>Country (C); default <c>US</c>.</summary>
    public string? Country { get; init; } = "US";

    /// <summary>State or province (ST); default <c>California</c>.</summary>
    public string? Province { get; init; } = "California";

    /// <summary>Locality (L); default <c>San Francisco</c>.</summary>
    public string? Locality { get; init; } = "San Francisco";

    /// <summary>An OU put before the node OU in every issued certificate; none by default.</summary>
    public string? OrganizationalUnit { get; init; }

    /// <summary>Street address; none by default.</summary>
    public string? StreetAddress { get; init; }

    /// <summary>Postal code; none by default.</summary>
    public string? PostalCode { get; init; }
}
