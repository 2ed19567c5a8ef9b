using System.Security.Cryptography.X509Certificates;
using Hyperledger.Fabric.Identity;

namespace Hyperledger.Fabric.Gateway;

/// <summary>
/// How a verifiable read (<see cref="IContract.EvaluateVerifiedAsync(string, string[], VerifiedReadOptions, CancellationToken)"/>) decides to trust its result: whose
/// endorsements it needs, and the CA certificates each organisation's endorsers must chain to.
/// </summary>
public sealed record VerifiedReadOptions
{
    /// <summary>Deadline (replacing <see cref="GatewayOptions.EndorseTimeout"/>) and headers of the endorse call; null for the defaults. Default null.</summary>
    public GatewayCallOptions? CallOptions { get; init; }

    /// <summary>
    /// The root (and optionally intermediate) CA certificates of each organisation, by MSP id; typically
    /// read from the application's connection-profile extension. An endorser from an organisation not listed here is
    /// rejected. Required (non-empty).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<X509Certificate2>> MspCaCertificates { get; init; } =
        new Dictionary<string, IReadOnlyList<X509Certificate2>>();

    /// <summary>
    /// Each organisation's certificate revocation lists (its MSP folder's <c>crls</c>, e.g.
    /// <see cref="MspDirectory.RevocationLists"/>), by MSP id: an endorser whose certificate a CRL signed by
    /// its organisation's CA lists is refused, as Fabric's MSP refuses it. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<RevocationList>> MspRevocationLists { get; init; } =
        new Dictionary<string, IReadOnlyList<RevocationList>>();

    /// <summary>
    /// Organisations that must all endorse; also sent to the gateway as the endorsing organisations so it
    /// asks their peers. Default none.
    /// </summary>
    public IReadOnlyList<string> RequiredOrganizations { get; init; } = [];

    /// <summary>The least number of distinct organisations whose endorsements must verify. Default 2.</summary>
    public int MinimumOrganizations { get; init; } = 2;

    /// <summary>
    /// Whether endorsers' certificates must carry the <c>peer</c> node OU (Fabric's NodeOUs, as cryptogen
    /// and Fabric CA issue them). Default true.
    /// </summary>
    public bool RequirePeerRole { get; init; } = true;

    /// <summary>
    /// The endorsing organisations' MSP signature hash family: endorsement signatures are checked over
    /// SHA-256 (SHA2) or SHA3-256 (SHA3) of the signed bytes, whatever the endorser's curve, as Fabric's
    /// MSP checks them. Default <see cref="MspHashFamily.Sha2"/>, Fabric's default.
    /// </summary>
    public MspHashFamily HashFamily { get; init; } = MspHashFamily.Sha2;

    /// <summary>The arguments' transient data, as in <see cref="ProposalOptions.TransientData"/>. Default none.</summary>
    public IReadOnlyDictionary<string, ReadOnlyMemory<byte>> TransientData { get; init; } = new Dictionary<string, ReadOnlyMemory<byte>>();

    /// <summary>Builds the verifier for each organisation; internal helper for the read.</summary>
    internal IReadOnlyDictionary<string, MspVerifier> CreateVerifiers() =>
        MspCaCertificates.ToDictionary(
            kv => kv.Key,
            kv => new MspVerifier(
                kv.Key,
                kv.Value.Where(c => IsSelfSigned(c)),
                kv.Value.Where(c => !IsSelfSigned(c)),
                RequirePeerRole ? NodeOUSettings.Default : NodeOUSettings.Disabled,
                MspRevocationLists.TryGetValue(kv.Key, out var crls) ? crls : []),
            StringComparer.Ordinal);

    private static bool IsSelfSigned(X509Certificate2 certificate) => certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);
}
