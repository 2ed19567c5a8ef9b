using System.Security.Cryptography.X509Certificates;

namespace HealthRecords.Client.OffChain;

/// <summary>A device payload whose CMS signature verified.</summary>
/// <param name="Content">The signed bytes.</param>
/// <param name="Signer">The signer's certificate.</param>
/// <param name="SigningTime">The signing time the signer claimed (a signed attribute), if present.</param>
public sealed record SignedPayload(ReadOnlyMemory<byte> Content, X509Certificate2 Signer, DateTimeOffset? SigningTime);
