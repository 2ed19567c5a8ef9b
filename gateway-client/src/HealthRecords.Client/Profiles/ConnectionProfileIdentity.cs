namespace HealthRecords.Client.Profiles;

/// <summary>A named identity from a connection profile's <c>x-hrec.identities</c>.</summary>
/// <param name="Name">The identity's name, for example <c>alice</c>.</param>
/// <param name="MspId">Its organisation.</param>
/// <param name="CertificatePath">Absolute path of its PEM certificate.</param>
/// <param name="KeyPath">Absolute path of its PEM private key; null when the key is in a PKCS#11 token (<see cref="Hsm"/>).</param>
/// <param name="Peer">The peer it connects to first, or null.</param>
public sealed record ConnectionProfileIdentity(string Name, string MspId, string CertificatePath, string? KeyPath, string? Peer)
{
    /// <summary>Where the private key is when it lives in a PKCS#11 token (the entry's <c>hsm</c> object); null for a PEM key file.</summary>
    public ConnectionProfileHsm? Hsm { get; init; }
}
