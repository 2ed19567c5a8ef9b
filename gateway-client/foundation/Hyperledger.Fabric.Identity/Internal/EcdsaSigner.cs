using System.Security.Cryptography;

namespace Hyperledger.Fabric.Identity.Internal;

/// <summary>Signs with an in-memory ECDSA key: DER output, normalised to low-S.</summary>
internal sealed class EcdsaSigner : ISigner
{
    private readonly ECDsa _key;
    private readonly ECCurve _curve;
    private readonly Lock _gate = new();

    public EcdsaSigner(ECDsa key)
    {
        FabricCurve.From(key);
        _key = key;
        _curve = key.ExportParameters(false).Curve;
    }

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        byte[] der;

        // ECDsa instances are not documented as safe for concurrent use.
        lock (_gate)
        {
            der = _key.SignHash(digest.Span, DSASignatureFormat.Rfc3279DerSequence);
        }

        return ValueTask.FromResult(EcdsaSignatures.ToLowS(der, _curve));
    }
}
