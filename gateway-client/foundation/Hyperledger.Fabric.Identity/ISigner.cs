namespace Hyperledger.Fabric.Identity;

/// <summary>
/// Signs message digests for an identity. Implementations return ASN.1 DER ECDSA signatures with
/// low-S normalisation, which is what Fabric peers and orderers accept.
/// </summary>
public interface ISigner
{
    /// <summary>Signs <paramref name="digest"/> (already hashed) and returns a DER, low-S signature.</summary>
    /// <param name="digest">The message digest, e.g. SHA-256 of the proposal bytes.</param>
    /// <param name="cancellationToken">Cancels a signer that calls out (an HSM, a remote signer).</param>
    ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default);
}
