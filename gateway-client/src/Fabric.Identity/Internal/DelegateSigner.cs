using System.Security.Cryptography;

namespace Fabric.Identity.Internal;

/// <summary>
/// Wraps a caller-supplied signing function (HSM, remote or offline signer) and normalises what it
/// returns to low-S DER, accepting DER or IEEE P1363 (r || s) output.
/// </summary>
internal sealed class DelegateSigner : ISigner
{
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> _sign;
    private readonly FabricCurve? _curve;

    public DelegateSigner(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask<byte[]>> sign, FabricCurve? curve)
    {
        _sign = sign;
        _curve = curve;
    }

    public async ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken = default)
    {
        var signature = await _sign(digest, cancellationToken).ConfigureAwait(false);
        if (signature is null || signature.Length == 0)
        {
            throw new CryptographicException("the custom signing function returned no signature");
        }

        byte[] der;
        if (DerSignature.TryDecode(signature, out var r, out var s))
        {
            der = signature;
        }
        else if (signature.Length is 64 or 96)
        {
            der = DerSignature.FromP1363(signature);
            DerSignature.TryDecode(der, out r, out s);
        }
        else
        {
            throw new CryptographicException(
                $"the custom signing function returned {signature.Length} bytes that are neither a DER ECDSA signature nor P1363 r||s");
        }

        // Without an explicit curve, the size of r and s tells P-256 from P-384.
        var curve = _curve ?? (Math.Max(r.GetByteCount(isUnsigned: true), s.GetByteCount(isUnsigned: true)) > 32
            ? FabricCurve.P384
            : FabricCurve.P256);
        if (s > curve.HalfOrder)
        {
            s = curve.Order - s;
        }

        return DerSignature.Encode(r, s);
    }
}
