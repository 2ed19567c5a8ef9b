namespace Hyperledger.Fabric.Identity.Internal;

/// <summary>
/// Signs with an in-memory Ed25519 key. Ed25519 hashes internally and Fabric 3 verifies it over the
/// message itself, so the input is the message (the gateway's hash must be <see cref="Hashes.None"/>).
/// </summary>
internal sealed class Ed25519Signer : ISigner
{
    private readonly byte[] _seed;

    public Ed25519Signer(byte[] seed)
    {
        _seed = seed;
    }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var message = digest.ToArray();
        var signature = new byte[Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.SignatureSize];
        Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Sign(_seed, 0, message, 0, message.Length, signature, 0);
        return ValueTask.FromResult(signature);
    }
}
